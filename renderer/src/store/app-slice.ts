import type { StateCreator } from 'zustand';
import type { AppInfo, AppNotice } from '../../../shared/ipc/api.ts';

export interface AppSlice {
  appInfo: AppInfo | null;
  /** Set when the renderer cannot reach main (for example, the web host stopped). */
  backendError: string | null;
  notices: AppNotice[];
  setAppInfo(info: AppInfo): void;
  setBackendError(message: string | null): void;
  addNotice(notice: AppNotice): void;
  dismissNotice(index: number): void;
}

export const createAppSlice: StateCreator<AppSlice, [], [], AppSlice> = (set) => ({
  appInfo: null,
  backendError: null,
  notices: [],
  setAppInfo: (appInfo) => set({ appInfo, backendError: null }),
  setBackendError: (backendError) => set({ backendError }),
  addNotice: (notice) => set((state) => ({ notices: [...state.notices, notice] })),
  dismissNotice: (index) =>
    set((state) => ({ notices: state.notices.filter((_, i) => i !== index) })),
});
