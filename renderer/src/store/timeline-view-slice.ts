import type { StateCreator } from 'zustand';
import type { LifecycleKind } from './timeline-log.ts';
import { noFilters } from './remembered-ui.ts';

/** What the timeline hides; each connection URL keeps its own (see layout-slice). */
export interface TimelineFilters {
  /** Lifecycle kinds not shown. */
  hiddenKinds: readonly LifecycleKind[];
  /** Event types not shown. */
  hiddenTypes: readonly string[];
  searchText: string;
  searchIsRegex: boolean;
}

export interface TimelineViewSlice {
  filters: TimelineFilters;
  /** The selected timeline row of each connection (by seq). */
  selectedSeq: Record<number, number | null>;
  /** While set for a connection, its timeline shows only this many rows (capture goes on). */
  pausedAt: Record<number, number | null>;
  toggleKind(kind: LifecycleKind): void;
  toggleType(type: string): void;
  setSearch(text: string, isRegex: boolean): void;
  clearFilters(): void;
  /** The filters of another connection (each connection URL keeps its own). */
  setFilters(filters: TimelineFilters): void;
  selectSeq(connectionId: number, seq: number | null): void;
  pauseView(connectionId: number, rowCount: number): void;
  resumeView(connectionId: number): void;
}

function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((other) => other !== item) : [...list, item];
}

export const createTimelineViewSlice: StateCreator<TimelineViewSlice, [], [], TimelineViewSlice> = (
  set,
) => ({
  filters: noFilters,
  selectedSeq: {},
  pausedAt: {},
  toggleKind: (kind) =>
    set((state) => ({
      filters: { ...state.filters, hiddenKinds: toggled(state.filters.hiddenKinds, kind) },
    })),
  toggleType: (type) =>
    set((state) => ({
      filters: { ...state.filters, hiddenTypes: toggled(state.filters.hiddenTypes, type) },
    })),
  setSearch: (searchText, searchIsRegex) =>
    set((state) => ({ filters: { ...state.filters, searchText, searchIsRegex } })),
  clearFilters: () => set({ filters: noFilters }),
  setFilters: (filters) => set({ filters }),
  selectSeq: (connectionId, seq) =>
    set((state) => ({ selectedSeq: { ...state.selectedSeq, [connectionId]: seq } })),
  pauseView: (connectionId, rowCount) =>
    set((state) => ({ pausedAt: { ...state.pausedAt, [connectionId]: rowCount } })),
  resumeView: (connectionId) =>
    set((state) => ({ pausedAt: { ...state.pausedAt, [connectionId]: null } })),
});
