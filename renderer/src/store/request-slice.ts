import type { StateCreator } from 'zustand';
import { checkRequestUrl } from '../../../shared/request-url.ts';

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface RequestSlice {
  method: HttpMethod;
  url: string;
  /** The inline message under the URL field; null while the URL is acceptable. */
  urlError: string | null;
  setMethod(method: HttpMethod): void;
  setUrl(url: string): void;
  /** Validates the draft URL, showing the message in place; returns the normalised URL or null. */
  validateUrl(): string | null;
}

export const createRequestSlice: StateCreator<RequestSlice, [], [], RequestSlice> = (set, get) => ({
  method: 'GET',
  url: '',
  urlError: null,
  setMethod: (method) => set({ method }),
  setUrl: (url) => set({ url, urlError: null }),
  validateUrl: () => {
    const result = checkRequestUrl(get().url);
    set({ urlError: result.ok ? null : result.message });
    return result.ok ? result.url : null;
  },
});
