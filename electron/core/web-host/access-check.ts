import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost, loopbackAuthorities } from '../loopback-host.ts';

/**
 * The token cookie's name, bound to the port. Browsers send cookies to every port of a host, so
 * with one fixed name a second web host (or any server on 127.0.0.1 that sets the same name)
 * would overwrite this one's cookie; with the port in the name each host finds its own.
 */
export function tokenCookieName(port: number): string {
  return `sse-inspector-${port}`;
}

export type AccessDecision =
  { allowed: true; viaQuery: boolean } | { allowed: false; status: 401 | 403; reason: string };

function sameToken(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(header: string | undefined, port: number): string | undefined {
  if (!header) return undefined;
  const wanted = tokenCookieName(port);
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === wanted) return rest.join('=');
  }
  return undefined;
}

/**
 * The web host's gate for every HTTP and WebSocket request: the Host header must name the
 * loopback address we listen on (a DNS-rebinding page sends its own host name), a browser's
 * Origin must be ours, and the per-run token must come in the query or the cookie set from it.
 */
export function checkAccess(request: IncomingMessage, port: number, token: string): AccessDecision {
  const host = request.headers.host;
  if (!isLoopbackHost(host, port)) {
    return { allowed: false, status: 403, reason: `Host header "${host ?? ''}" is not allowed` };
  }
  const allowedHosts = loopbackAuthorities(port);
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { allowed: false, status: 403, reason: `Origin "${origin}" is not allowed` };
  }
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (sameToken(url.searchParams.get('token'), token)) return { allowed: true, viaQuery: true };
  if (sameToken(cookieToken(request.headers.cookie, port), token)) {
    return { allowed: true, viaQuery: false };
  }
  return { allowed: false, status: 401, reason: 'missing or wrong access token' };
}
