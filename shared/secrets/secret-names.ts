/**
 * THE definition of a secret for the whole product: which header and query parameter names carry
 * credentials. Recording, redirects, exports and logs all ask these two functions, so a name is
 * either hidden everywhere or nowhere. Pure: no Node, no DOM.
 */

/** Headers that carry credentials whatever their spelling. */
const secretHeaders: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'set-cookie2',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'anthropic-api-key',
  'openai-api-key',
  'x-amz-security-token',
  'x-csrf-token',
  'x-xsrf-token',
]);

/**
 * Words that make a header or parameter name a secret when they appear anywhere in it
 * ("X-Upstream-AuthToken", "client_secret"). Short words ("key", "auth", "sig") only count as a
 * whole segment between `-`, `_` or `.`, so that "Keep-Alive" or "Accept-Encoding" stay readable;
 * a segment "key" also covers every name ending in "-key".
 */
const secretSubstrings = [
  'token',
  'secret',
  'password',
  'passwd',
  'apikey',
  'api-key',
  'api_key',
  'credential',
  'signature',
  'cookie',
  'authorization',
];
const secretSegments: ReadonlySet<string> = new Set([
  'key',
  'auth',
  'sig',
  'pwd',
  'pass',
  'session',
  'sessionid',
  'sid',
  'jwt',
  'csrf',
  'xsrf',
]);

function nameIsSecret(
  name: string,
  exact: ReadonlySet<string>,
  extraSegments: ReadonlySet<string> = new Set(),
): boolean {
  const lower = name.trim().toLowerCase();
  if (exact.has(lower)) return true;
  if (secretSubstrings.some((word) => lower.includes(word))) return true;
  return lower
    .split(/[-_.]/)
    .some((segment) => secretSegments.has(segment) || extraSegments.has(segment));
}

/**
 * Whether a header's value is a secret (by its name). CORS headers (`Access-Control-*`) only list
 * names and origins ("Access-Control-Allow-Credentials: true"), never a credential.
 */
export function isSecretHeader(name: string): boolean {
  if (/^\s*access-control-/i.test(name)) return false;
  return nameIsSecret(name, secretHeaders);
}

const secretParams: ReadonlySet<string> = new Set(['access_token', 'sig', 'key', 'token', 'auth']);
/** OAuth's authorization `code` is a credential in a URL; an `X-Error-Code` header is not. */
const secretParamSegments: ReadonlySet<string> = new Set(['code']);

/** Whether a URL query (or fragment) parameter's value is a secret (by its name). */
export function isSecretQueryParam(name: string): boolean {
  return nameIsSecret(name, secretParams, secretParamSegments);
}
