import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice.ts';
import { createRequestSlice, type RequestSlice } from './request-slice.ts';

export type InspectorState = AppSlice & RequestSlice;

/** One store built from feature slices (zustand's slices pattern). */
export const useInspectorStore = create<InspectorState>()((...a) => ({
  ...createAppSlice(...a),
  ...createRequestSlice(...a),
}));
