import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import { REDACTED } from '../../../shared/session-format.ts';

/**
 * Which captured values are secrets, and how exports hide them. Redaction is by NAME (header
 * names, query parameter names, URL passwords): values are replaced by "[REDACTED]" so a reader
 * still sees that a credential was sent. Request bodies and event data are left alone (they are
 * the payload being debugged, and no name says which part would be secret); docs/session-format.md
 * says so.
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
 * whole segment between `-`, `_` or `.`, so that "Keep-Alive" or "Accept-Encoding" stay readable.
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

/** Whether a header's value is a secret (by its name). */
export function isSecretHeader(name: string): boolean {
  return nameIsSecret(name, secretHeaders);
}

const secretParams: ReadonlySet<string> = new Set(['access_token', 'sig', 'key', 'token', 'auth']);
/** OAuth's authorization `code` is a credential in a URL; an `X-Error-Code` header is not. */
const secretParamSegments: ReadonlySet<string> = new Set(['code']);

/** Whether a URL query parameter's value is a secret (by its name). */
export function isSecretQueryParam(name: string): boolean {
  return nameIsSecret(name, secretParams, secretParamSegments);
}

export function redactHeaders(headers: ReadonlyArray<[string, string]>): Array<[string, string]> {
  return headers.map(([name, value]) => [name, isSecretHeader(name) ? REDACTED : value]);
}

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The URL with the password of its user info and the values of secret query parameters
 * replaced. Works on the text (not `new URL().href`) so that everything else stays byte for byte
 * as captured; a relative URL (a redirect's Location) has its query redacted too.
 */
export function redactUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  let rest = url.slice(scheme.length);
  if (scheme !== '') {
    // user:password@host — the authority ends at the first / ? or #.
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    const colon = authority.indexOf(':');
    if (at !== -1 && colon !== -1 && colon < at) {
      rest = `${authority.slice(0, colon + 1)}${REDACTED}${rest.slice(at)}`;
    }
  }
  const hash = rest.indexOf('#');
  const beforeHash = hash === -1 ? rest : rest.slice(0, hash);
  const fragment = hash === -1 ? '' : rest.slice(hash);
  const question = beforeHash.indexOf('?');
  if (question === -1) return scheme + rest;
  const query = beforeHash
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      return isSecretQueryParam(decodedName(pair.slice(0, eq)))
        ? `${pair.slice(0, eq + 1)}${REDACTED}`
        : pair;
    })
    .join('&');
  return `${scheme}${beforeHash.slice(0, question + 1)}${query}${fragment}`;
}

/** A spec as exported without secrets: headers, URL and proxy URL (its password). */
export function redactSpec(spec: RequestSpec): RequestSpec {
  return {
    ...spec,
    url: redactUrl(spec.url),
    headers: redactHeaders(spec.headers),
    proxy: { ...spec.proxy, url: spec.proxy.url === null ? null : redactUrl(spec.proxy.url) },
  };
}

/** A record as exported without secrets (records without headers or URLs are returned as is). */
export function redactRecord<R extends CaptureRecord>(record: R): R {
  switch (record.kind) {
    case 'attempt':
      return {
        ...record,
        request: {
          ...record.request,
          url: redactUrl(record.request.url),
          headers: redactHeaders(record.request.headers),
        },
      };
    case 'redirect':
      return {
        ...record,
        from: redactUrl(record.from),
        to: redactUrl(record.to),
        headers: redactRedirectHeaders(record.headers),
      };
    case 'response':
      return { ...record, url: redactUrl(record.url), headers: redactHeaders(record.headers) };
    default:
      return record;
  }
}

/** A redirect's Location may carry a token in its query. */
function redactRedirectHeaders(headers: ReadonlyArray<[string, string]>): Array<[string, string]> {
  return redactHeaders(headers).map(([name, value]) => [
    name,
    name.toLowerCase() === 'location' ? redactUrl(value) : value,
  ]);
}
