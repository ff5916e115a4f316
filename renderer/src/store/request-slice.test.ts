import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createRequestSlice, type RequestSlice } from './request-slice.ts';

const makeStore = () => create<RequestSlice>()((...a) => createRequestSlice(...a));

describe('request slice', () => {
  it('shows an inline message for a bad URL and returns null', () => {
    const store = makeStore();
    store.getState().updateDraft({ url: 'ftp://example.com' });
    expect(store.getState().validateDraft()).toBeNull();
    expect(store.getState().draftError).toMatchObject({ field: 'url' });
    expect(store.getState().draftError?.message).toMatch(/Only http and https/);
  });

  it('clears the message as soon as the user edits the draft', () => {
    const store = makeStore();
    store.getState().validateDraft();
    expect(store.getState().draftError).not.toBeNull();
    store.getState().updateDraft({ url: 'http://127.0.0.1/' });
    expect(store.getState().draftError).toBeNull();
  });

  it('opens the options when the problem is in a hidden editor', () => {
    const store = makeStore();
    store.getState().updateDraft({ url: 'http://127.0.0.1/', headersText: 'oops' });
    expect(store.getState().validateDraft()).toBeNull();
    expect(store.getState().optionsOpen).toBe(true);
  });

  it('returns the spec when the draft is acceptable', () => {
    const store = makeStore();
    store.getState().updateDraft({ url: 'https://example.com' });
    expect(store.getState().validateDraft()).toMatchObject({ url: 'https://example.com/' });
  });
});
