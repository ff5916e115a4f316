import type { StateCreator } from 'zustand';
import type { AppInfo, AppNotice } from '../../../shared/ipc/api.ts';

/** The tabs of the main column. */
export const mainViews = [
  ['timeline', 'Timeline'],
  ['llm', 'LLM'],
  ['stats', 'Statistics'],
  ['compare', 'Compare'],
  ['checks', 'Checks'],
] as const;
export type MainView = (typeof mainViews)[number][0];

/** What the last shortcut, menu command or dropped file did (or why it did nothing). */
export interface CommandMessage {
  error: boolean;
  text: string;
}

export interface AppSlice {
  appInfo: AppInfo | null;
  /** Set when the renderer cannot reach main (for example, the web host stopped). */
  backendError: string | null;
  notices: AppNotice[];
  mainView: MainView;
  commandMessage: CommandMessage | null;
  /** Bumped when sessions arrive from outside History (a dropped or OS-opened file). */
  historyRevision: number;
  setAppInfo(info: AppInfo): void;
  setBackendError(message: string | null): void;
  addNotice(notice: AppNotice): void;
  dismissNotice(index: number): void;
  clearNotices(): void;
  setMainView(view: MainView): void;
  setCommandMessage(message: CommandMessage | null): void;
  bumpHistory(): void;
}

export const createAppSlice: StateCreator<AppSlice, [], [], AppSlice> = (set) => ({
  appInfo: null,
  backendError: null,
  notices: [],
  mainView: 'timeline',
  commandMessage: null,
  historyRevision: 0,
  setAppInfo: (appInfo) => set({ appInfo, backendError: null }),
  setBackendError: (backendError) => set({ backendError }),
  addNotice: (notice) => set((state) => ({ notices: [...state.notices, notice] })),
  dismissNotice: (index) =>
    set((state) => ({ notices: state.notices.filter((_, i) => i !== index) })),
  clearNotices: () => set({ notices: [] }),
  setMainView: (mainView) => set({ mainView }),
  setCommandMessage: (commandMessage) => set({ commandMessage }),
  bumpHistory: () => set((state) => ({ historyRevision: state.historyRevision + 1 })),
});
