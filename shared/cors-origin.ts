export type CorsOriginCheck = { ok: true; origin: string } | { ok: false; message: string };

/**
 * Checks the origin a replay may allow with CORS (`--cors ORIGIN`, the History panel, the IPC
 * boundary): `*`, or an http(s) origin such as `http://localhost:3000`, returned as a browser
 * sends it in `Origin` (lower case, no default port, no trailing slash), since
 * `Access-Control-Allow-Origin` must match that exactly. `null` is refused: sandboxed frames
 * and local files all send it, so allowing it would allow any of them.
 */
export function checkCorsOrigin(text: string): CorsOriginCheck {
  const trimmed = text.trim();
  const example = 'an origin such as http://localhost:3000, or *';
  if (trimmed === '*') return { ok: true, origin: '*' };
  if (trimmed === '') return { ok: false, message: `CORS needs ${example}.` };
  if (trimmed.toLowerCase() === 'null') {
    return { ok: false, message: `The "null" origin cannot be allowed; give ${example}.` };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not an origin; give ${example}.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `"${trimmed}" is not an http(s) origin; give ${example}.` };
  }
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    return {
      ok: false,
      message: `"${trimmed}" is not an origin (scheme, host and port only); did you mean ${url.origin}?`,
    };
  }
  return { ok: true, origin: url.origin };
}
