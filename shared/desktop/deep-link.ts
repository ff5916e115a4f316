import { httpMethods, type HttpMethod } from '../capture/request-spec.ts';
import { checkRequestUrl } from '../request-url.ts';

/** The scheme the desktop app registers: `sse-inspector://connect?url=…&method=…`. */
export const deepLinkScheme = 'sse-inspector';

/** What a link asks for: a request to put in the request bar. It never connects by itself. */
export interface DeepLinkRequest {
  url: string;
  method: HttpMethod;
}

export type DeepLinkResult =
  { ok: true; request: DeepLinkRequest } | { ok: false; message: string };

/**
 * Reads `sse-inspector://connect?url=…[&method=…]`. A link comes from any page or program, so it
 * only fills the request bar (a link must not make requests for the user), and anything else
 * is refused with a message saying why.
 */
export function parseDeepLink(link: string): DeepLinkResult {
  let parsed: URL;
  try {
    parsed = new URL(link);
  } catch {
    return { ok: false, message: 'This is not a link SSE Inspector understands.' };
  }
  if (parsed.protocol !== `${deepLinkScheme}:`) {
    return { ok: false, message: `Links for SSE Inspector start with ${deepLinkScheme}://.` };
  }
  // `sse-inspector://connect?…` puts "connect" in the host; `sse-inspector:connect?…` in the path.
  const action = (parsed.host || parsed.pathname).replace(/^\/+|\/+$/g, '');
  if (action !== 'connect') {
    return {
      ok: false,
      message: `SSE Inspector links can only fill in a request ("connect"), not "${action}".`,
    };
  }
  const url = parsed.searchParams.get('url') ?? '';
  const check = checkRequestUrl(url);
  if (!check.ok) return { ok: false, message: `The link's URL: ${check.message}` };
  const method = (parsed.searchParams.get('method') ?? 'GET').toUpperCase();
  if (!(httpMethods as readonly string[]).includes(method)) {
    return {
      ok: false,
      message: `The link's method "${method}" is not one of ${httpMethods.join(', ')}.`,
    };
  }
  // The URL as it will be requested (control characters and tabs removed, host normalized): the
  // request bar must show what a link really fills in, not the link's own spelling of it.
  return { ok: true, request: { url: check.url, method: method as HttpMethod } };
}
