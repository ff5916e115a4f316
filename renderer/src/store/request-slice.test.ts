import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createRequestSlice, type RequestSlice } from './request-slice.ts';

const makeStore = () => create<RequestSlice>()((...a) => createRequestSlice(...a));

describe('request slice', () => {
  it('shows an inline message for a bad URL and returns null', () => {
    const store = makeStore();
    store.getState().setUrl('ftp://example.com');
    expect(store.getState().validateUrl()).toBeNull();
    expect(store.getState().urlError).toMatch(/Only http and https/);
  });

  it('clears the message as soon as the user edits the URL', () => {
    const store = makeStore();
    store.getState().validateUrl();
    expect(store.getState().urlError).not.toBeNull();
    store.getState().setUrl('http://127.0.0.1/');
    expect(store.getState().urlError).toBeNull();
  });

  it('returns the normalised URL when it is acceptable', () => {
    const store = makeStore();
    store.getState().setUrl('https://example.com');
    expect(store.getState().validateUrl()).toBe('https://example.com/');
  });
});
