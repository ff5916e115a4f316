import type { RequestSpec } from '../../../shared/capture/request-spec.ts';

/** One HTTP request as it goes on the wire (the first hop, or one after a redirect). */
export interface OutgoingRequest {
  url: URL;
  method: string;
  /**
   * In order and case, exactly as handed to undici. On the wire undici adds `host` and
   * `connection` before them and the body's `content-length` after them (HTTP/1.1).
   */
  headers: Array<[string, string]>;
  body: string | null;
}

/**
 * The request an EventSource would send (WHATWG HTML §9.2.2 constructor steps: `Accept:
 * text/event-stream`, cache mode "no-store"; §9.2.3 reestablish: `Last-Event-ID` when the last
 * event ID string is not empty), plus what the inspector adds: the user's method, body and
 * headers, and `Accept-Encoding` (browsers add it too). A user header replaces the default of
 * the same name (case-insensitively) and keeps the user's position and case.
 */
export function buildOutgoingRequest(
  spec: RequestSpec,
  lastEventId: string | null,
): OutgoingRequest {
  const userNames = new Set(spec.headers.map(([name]) => name.toLowerCase()));
  const defaults: Array<[string, string]> = [
    ['Accept', 'text/event-stream'],
    ['Cache-Control', 'no-cache'],
  ];
  if (lastEventId !== null && lastEventId !== '') defaults.push(['Last-Event-ID', lastEventId]);
  defaults.push(['Accept-Encoding', 'gzip, deflate, br']);
  const headers = defaults.filter(([name]) => !userNames.has(name.toLowerCase()));
  headers.push(...spec.headers);
  return { url: new URL(spec.url), method: spec.method, headers, body: spec.body };
}

/** The Last-Event-ID header actually in the request (a user header may have replaced ours). */
export function sentLastEventId(request: OutgoingRequest): string | null {
  return request.headers.find(([name]) => name.toLowerCase() === 'last-event-id')?.[1] ?? null;
}

export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Thrown for a redirect that cannot be followed; the attempt ends with category 'redirect'. */
export class RedirectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedirectError';
  }
}

const bodyHeaderNames = new Set([
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
  'content-length',
]);
const credentialHeaderNames = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * The next hop of a redirect, following Fetch §4.4 "HTTP-redirect fetch": 301/302 turn POST into
 * GET and 303 turns anything but GET/HEAD into GET (dropping the body and its headers); 307/308
 * keep method and body; credentials are not sent to another origin.
 */
export function followRedirect(
  request: OutgoingRequest,
  status: number,
  location: string | null,
): OutgoingRequest {
  if (location === null) throw new RedirectError(`${status} redirect without a Location header`);
  let url: URL;
  try {
    url = new URL(location, request.url);
  } catch {
    throw new RedirectError(`${status} redirect to an invalid URL: ${location}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RedirectError(`${status} redirect to a non-HTTP URL: ${url.href}`);
  }
  url.hash = request.url.hash && url.hash === '' ? request.url.hash : url.hash;
  const toGet =
    ((status === 301 || status === 302) && request.method === 'POST') ||
    (status === 303 && request.method !== 'GET' && request.method !== 'HEAD');
  const crossOrigin = url.origin !== request.url.origin;
  const headers = request.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    if (toGet && bodyHeaderNames.has(lower)) return false;
    return !(crossOrigin && credentialHeaderNames.has(lower));
  });
  return {
    url,
    method: toGet ? 'GET' : request.method,
    headers,
    body: toGet ? null : request.body,
  };
}
