import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice.ts';
import { createLayoutSlice, type LayoutSlice } from './layout-slice.ts';
import { loadRememberedUi } from './remembered-ui.ts';
import { createConnectionsSlice, type ConnectionsSlice } from './connections-slice.ts';
import { createRequestSlice, type RequestSlice } from './request-slice.ts';
import { createTimelineViewSlice, type TimelineViewSlice } from './timeline-view-slice.ts';
import { createVariablesSlice, type VariablesSlice } from './variables-slice.ts';

export type InspectorState = AppSlice &
  RequestSlice &
  ConnectionsSlice &
  TimelineViewSlice &
  VariablesSlice &
  LayoutSlice;

// Read once, before the first render: the window opens as it was left.
const remembered = loadRememberedUi(
  typeof window === 'undefined' ? undefined : window.localStorage,
);

/** One store built from feature slices (zustand's slices pattern). */
export const useInspectorStore = create<InspectorState>()((...a) => ({
  ...createAppSlice(...a),
  ...createRequestSlice(...a),
  ...createConnectionsSlice(...a),
  ...createTimelineViewSlice(...a),
  ...createVariablesSlice(...a),
  ...createLayoutSlice(remembered)(...a),
  mainView: remembered.mainView,
}));
