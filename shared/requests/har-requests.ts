import { z } from 'zod';
import { folderPaths, type CollectionRequest, type ImportedCollection } from './collection.ts';

/** A HAR file's entries as requests (what the browser sent, to be sent again). */

const harSchema = z.object({
  log: z.object({
    creator: z.object({ name: z.string().optional() }).optional(),
    entries: z.array(
      z.object({
        request: z.object({
          method: z.string(),
          url: z.string(),
          headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
          postData: z.object({ text: z.string().optional() }).optional(),
        }),
      }),
    ),
  }),
});

export function looksLikeHar(value: unknown): boolean {
  const log = (value as { log?: { entries?: unknown } } | null)?.log;
  return typeof log === 'object' && log !== null && Array.isArray(log.entries);
}

/**
 * Headers the client computes for each request (HTTP/2 pseudo-headers, length, host, connection
 * management) are left out: sent again as recorded they would be wrong or refused.
 */
const computedHeaders = new Set([
  'content-length',
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
]);

function requestName(method: string, url: string): string {
  try {
    const parsed = new URL(url);
    return `${method} ${parsed.host}${parsed.pathname}`;
  } catch {
    return `${method} ${url}`;
  }
}

export function importHarRequests(value: unknown, name = 'HAR import'): ImportedCollection {
  const har = harSchema.parse(value);
  const requests: CollectionRequest[] = har.log.entries.map(({ request }) => {
    const method = request.method.toUpperCase();
    return {
      name: requestName(method, request.url),
      folder: [],
      method,
      url: request.url,
      headers: (request.headers ?? [])
        .filter((h) => !h.name.startsWith(':') && !computedHeaders.has(h.name.toLowerCase()))
        .map((h): [string, string] => [h.name, h.value]),
      body: request.postData?.text ?? null,
    };
  });
  return {
    format: 'har',
    collection: { name, variables: [], folders: folderPaths(requests), requests },
    environments: [],
    warnings: [],
  };
}
