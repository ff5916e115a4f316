import type { StateCreator } from 'zustand';
import type { EnvironmentItem } from '../../../shared/ipc/collections-api.ts';
import type { Variable } from '../../../shared/requests/collection.ts';

/** The collection request in the request bar: its variables resolve it, its runs are remembered. */
export interface LoadedRequest {
  id: number;
  name: string;
  collectionVariables: Variable[];
}

export interface VariablesSlice {
  /** Every environment (the active one resolves `{{…}}` in the request bar). */
  environments: EnvironmentItem[];
  loadedRequest: LoadedRequest | null;
  /** Bumped when collections changed (a run recorded, a request added), so the panel reloads. */
  collectionsRevision: number;
  setEnvironments(environments: EnvironmentItem[]): void;
  setLoadedRequest(request: LoadedRequest | null): void;
  bumpCollections(): void;
}

export const createVariablesSlice: StateCreator<VariablesSlice, [], [], VariablesSlice> = (
  set,
) => ({
  environments: [],
  loadedRequest: null,
  collectionsRevision: 0,
  setEnvironments: (environments) => set({ environments }),
  setLoadedRequest: (loadedRequest) => set({ loadedRequest }),
  bumpCollections: () => set((state) => ({ collectionsRevision: state.collectionsRevision + 1 })),
});
