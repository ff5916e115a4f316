/** What a replay answers for: any recorded method (an LLM stream is often a POST). */
export const replayMethods = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** Headers a page's EventSource or fetch sends that are not CORS-safelisted. */
const usualRequestHeaders = ['Last-Event-ID', 'Cache-Control', 'Content-Type', 'Authorization'];

const headerName = /^[!#$%&'*+.^_`|~\w-]+$/;

/**
 * CORS headers of every replayed response: none unless the replay was started with an allowed
 * origin (`--cors ORIGIN` or `*`, checked by shared/cors-origin.ts), so a page on another
 * origin cannot read the recording. A named origin may also send credentials (the user chose
 * it); `*` may not, as browsers require.
 */
export function corsHeaders(allowOrigin: string | null): Record<string, string> {
  if (allowOrigin === null) return {};
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': allowOrigin,
    'Access-Control-Expose-Headers': 'X-SSE-Inspector-Replay',
  };
  if (allowOrigin !== '*') {
    headers['Access-Control-Allow-Credentials'] = 'true';
    headers['Vary'] = 'Origin';
  }
  return headers;
}

/**
 * The answer to an OPTIONS request. With CORS on, a preflight is allowed every method a replay
 * serves and the headers the page asked for (a mock endpoint should take what the real one
 * would), plus Last-Event-ID and the other headers an EventSource or fetch adds. With CORS off
 * it lists the methods only, so the browser's preflight fails.
 */
export function preflightHeaders(
  allowOrigin: string | null,
  requestedHeaders: string | undefined,
): Record<string, string> {
  if (allowOrigin === null) return { Allow: replayMethods };
  const requested = (requestedHeaders ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => headerName.test(name));
  const allowed = [...usualRequestHeaders];
  for (const name of requested) {
    if (!allowed.some((known) => known.toLowerCase() === name.toLowerCase())) allowed.push(name);
  }
  return {
    ...corsHeaders(allowOrigin),
    'Access-Control-Allow-Methods': replayMethods,
    'Access-Control-Allow-Headers': allowed.join(', '),
    'Access-Control-Max-Age': '600',
  };
}
