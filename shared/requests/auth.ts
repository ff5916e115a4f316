import { variablesIn } from './variables.ts';

/** Authentication as collections describe it, before it becomes headers or query parameters. */
export type RequestAuth =
  | { type: 'bearer'; token: string; prefix?: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'apikey'; key: string; value: string; in: 'header' | 'query' };

/** Where a request's headers and URL end up once its auth is applied. */
export interface AuthTarget {
  url: string;
  headers: Array<[string, string]>;
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return bytes;
}

/** Base64 of the UTF-8 bytes of `text` (shared/ has neither Buffer nor btoa in its types). */
export function base64Utf8(text: string): string {
  const bytes = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += base64Alphabet[n >> 18]! + base64Alphabet[(n >> 12) & 63]!;
    out += b === undefined ? '=' : base64Alphabet[(n >> 6) & 63]!;
    out += c === undefined ? '=' : base64Alphabet[n & 63]!;
  }
  return out;
}

/** Percent-encodes a query name or value, leaving its `{{…}}` references as written. */
export function encodeTemplateComponent(text: string): string {
  return text
    .split(/(\{\{[^{}]*\}\})/)
    .map((part, index) => (index % 2 === 1 ? part : encodeURIComponent(part)))
    .join('');
}

/** `url` with `name=value` appended to its query (before any fragment). */
export function appendQueryParam(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const separator = base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?';
  return `${base}${separator}${encodeTemplateComponent(name)}=${encodeTemplateComponent(value)}${fragment}`;
}

function hasHeader(headers: ReadonlyArray<[string, string]>, name: string): boolean {
  return headers.some(([existing]) => existing.toLowerCase() === name.toLowerCase());
}

/**
 * Adds the auth's header (or query parameter) to a request, as Postman and Insomnia send it; a
 * header the request sets itself wins. Basic credentials holding `{{…}}` cannot be encoded before
 * they are resolved: that is reported (`warn`) and no header is added.
 */
export function applyAuth(
  target: AuthTarget,
  auth: RequestAuth | null,
  warn: (message: string) => void,
): AuthTarget {
  if (auth === null) return target;
  const withHeader = (name: string, value: string): AuthTarget =>
    hasHeader(target.headers, name)
      ? target
      : { url: target.url, headers: [...target.headers, [name, value]] };
  switch (auth.type) {
    case 'bearer':
      return withHeader('Authorization', `${auth.prefix ?? 'Bearer'} ${auth.token}`);
    case 'basic': {
      const pair = `${auth.username}:${auth.password}`;
      if (variablesIn(pair).length > 0) {
        warn(
          'basic auth with {{variables}} in the user name or password was not mapped (set an Authorization header instead)',
        );
        return target;
      }
      return withHeader('Authorization', `Basic ${base64Utf8(pair)}`);
    }
    case 'apikey':
      if (auth.key === '') return target;
      return auth.in === 'query'
        ? { url: appendQueryParam(target.url, auth.key, auth.value), headers: target.headers }
        : withHeader(auth.key, auth.value);
  }
}
