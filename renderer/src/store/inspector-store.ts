import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice.ts';
import { createConnectionsSlice, type ConnectionsSlice } from './connections-slice.ts';
import { createRequestSlice, type RequestSlice } from './request-slice.ts';
import { createTimelineViewSlice, type TimelineViewSlice } from './timeline-view-slice.ts';
import { createVariablesSlice, type VariablesSlice } from './variables-slice.ts';

export type InspectorState = AppSlice &
  RequestSlice &
  ConnectionsSlice &
  TimelineViewSlice &
  VariablesSlice;

/** One store built from feature slices (zustand's slices pattern). */
export const useInspectorStore = create<InspectorState>()((...a) => ({
  ...createAppSlice(...a),
  ...createRequestSlice(...a),
  ...createConnectionsSlice(...a),
  ...createTimelineViewSlice(...a),
  ...createVariablesSlice(...a),
}));
