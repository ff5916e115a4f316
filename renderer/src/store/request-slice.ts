import type { StateCreator } from 'zustand';
import type { RequestSpecInput } from '../../../shared/capture/request-spec.ts';
import { draftToSpec, emptyDraft, type DraftField, type RequestDraft } from './request-draft.ts';

export interface RequestSlice {
  draft: RequestDraft;
  /** The inline message for the field that needs fixing; null while the draft is acceptable. */
  draftError: { field: DraftField; message: string } | null;
  optionsOpen: boolean;
  /** Bumped when a request was saved, so the saved-requests list reloads. */
  savedRevision: number;
  bumpSaved(): void;
  updateDraft(patch: Partial<RequestDraft>): void;
  setOptionsOpen(open: boolean): void;
  /** Validates the draft, showing the message in place; returns the spec or null. */
  validateDraft(): RequestSpecInput | null;
}

export const createRequestSlice: StateCreator<RequestSlice, [], [], RequestSlice> = (set, get) => ({
  draft: emptyDraft,
  draftError: null,
  optionsOpen: false,
  savedRevision: 0,
  bumpSaved: () => set((state) => ({ savedRevision: state.savedRevision + 1 })),
  updateDraft: (patch) =>
    set((state) => ({ draft: { ...state.draft, ...patch }, draftError: null })),
  setOptionsOpen: (optionsOpen) => set({ optionsOpen }),
  validateDraft: () => {
    const result = draftToSpec(get().draft);
    if (result.ok) {
      set({ draftError: null });
      return result.spec;
    }
    // Problems in the hidden editors open them, so the message is next to its field.
    set({
      draftError: { field: result.field, message: result.message },
      optionsOpen: get().optionsOpen || result.field !== 'url',
    });
    return null;
  },
});
