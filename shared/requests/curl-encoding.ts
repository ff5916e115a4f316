/** The encodings curl applies to option values: --data-urlencode and -u's Base64. */

/** Text that encodeURIComponent would refuse: a lone half of a surrogate pair. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** curl_easy_escape: everything but letters, digits and `-._~` as %XX of its UTF-8 bytes. */
export function urlEncode(text: string): string {
  return encodeURIComponent(text.replace(loneSurrogate, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** --data-urlencode's forms: `content`, `=content`, `name=content` (and `@file`, `name@file`). */
export function urlEncodedPiece(value: string): string | null {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at !== -1 && (eq === -1 || at < eq)) return null;
  if (eq === -1) return urlEncode(value);
  return `${value.slice(0, eq)}${eq === 0 ? '' : '='}${urlEncode(value.slice(eq + 1))}`;
}

const base64Digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard Base64 of the text's UTF-8 bytes (shared/ has neither Buffer nor btoa). */
export function utf8Base64(text: string): string {
  const wellFormed = text.replace(loneSurrogate, '\uFFFD');
  const bytes = (encodeURIComponent(wellFormed).match(/%[0-9A-F]{2}|[^%]/g) ?? []).map((piece) =>
    piece.length === 3 ? parseInt(piece.slice(1), 16) : piece.charCodeAt(0),
  );
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += base64Digits[n >> 18]! + base64Digits[(n >> 12) & 63]!;
    out += b === undefined ? '=' : base64Digits[(n >> 6) & 63]!;
    out += c === undefined ? '=' : base64Digits[n & 63]!;
  }
  return out;
}
