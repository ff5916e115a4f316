import type { StateCreator } from 'zustand';
import type { TimelineFilters } from './timeline-view-slice.ts';
import {
  clampPane,
  rememberFilters,
  type PaneName,
  type PaneSizes,
  type RememberedUi,
  type ThemeChoice,
} from './remembered-ui.ts';

/** Pane sizes, theme and per-URL filters: the state the window remembers between runs. */
export interface LayoutSlice {
  panes: PaneSizes;
  theme: ThemeChoice;
  filtersByUrl: Record<string, TimelineFilters>;
  setPaneSize(pane: PaneName, size: number): void;
  setTheme(theme: ThemeChoice): void;
  rememberFiltersFor(url: string, filters: TimelineFilters): void;
}

export const createLayoutSlice =
  (initial: RememberedUi): StateCreator<LayoutSlice, [], [], LayoutSlice> =>
  (set) => ({
    panes: initial.panes,
    theme: initial.theme,
    filtersByUrl: initial.filtersByUrl,
    setPaneSize: (pane, size) =>
      set((state) => ({ panes: { ...state.panes, [pane]: clampPane(pane, size) } })),
    setTheme: (theme) => set({ theme }),
    rememberFiltersFor: (url, filters) =>
      set((state) => ({ filtersByUrl: rememberFilters(state.filtersByUrl, url, filters) })),
  });
