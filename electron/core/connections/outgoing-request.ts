import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import { isSecretHeader } from '../../../shared/secrets/index.ts';

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
 * the same name (case-insensitively) and keeps the user's position and case. A user's
 * `Proxy-Authorization` is for the proxy only (see proxyAuthorization): it never goes to the
 * origin.
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
  headers.push(...spec.headers.filter(([name]) => !isProxyAuthorization(name)));
  return { url: new URL(spec.url), method: spec.method, headers, body: spec.body };
}

function isProxyAuthorization(name: string): boolean {
  return name.trim().toLowerCase() === 'proxy-authorization';
}

/** The user's Proxy-Authorization value (the last one given), handed to the proxy agent. */
export function proxyAuthorization(spec: RequestSpec): string | null {
  return spec.headers.findLast(([name]) => isProxyAuthorization(name))?.[1] ?? null;
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
/** The next hop of a redirect, and what was held back from it. */
export interface FollowedRedirect {
  request: OutgoingRequest;
  /** Secret headers not sent on (the target is another origin), in the order they were. */
  dropped: string[];
  /** The redirect went from https to http: whatever is sent on travels in clear text. */
  downgraded: boolean;
}

/**
 * The next hop of a redirect, following Fetch §4.4 "HTTP-redirect fetch": 301/302 turn POST into
 * GET and 303 turns anything but GET/HEAD into GET (dropping the body and its headers); 307/308
 * keep method and body. Credentials do not go to another origin: every secret-class header
 * (shared/secrets: Authorization, cookies, API keys, any *-Token…) is dropped, and so is user info
 * in the target URL. An https → http downgrade is always another origin, so it drops them too.
 */
export function followRedirect(
  request: OutgoingRequest,
  status: number,
  location: string | null,
): FollowedRedirect {
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
  if (crossOrigin) {
    url.username = '';
    url.password = '';
  }
  const dropped: string[] = [];
  const headers = request.headers.filter(([name]) => {
    if (toGet && bodyHeaderNames.has(name.toLowerCase())) return false;
    if (crossOrigin && isSecretHeader(name)) {
      dropped.push(name);
      return false;
    }
    return true;
  });
  return {
    request: {
      url,
      method: toGet ? 'GET' : request.method,
      headers,
      body: toGet ? null : request.body,
    },
    dropped,
    downgraded: request.url.protocol === 'https:' && url.protocol === 'http:',
  };
}
