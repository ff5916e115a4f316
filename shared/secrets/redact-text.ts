import { isSecretHeader, isSecretQueryParam } from './secret-names.ts';

/**
 * What replaces a secret value wherever it would be kept or shown: in the workspace, in exports
 * and in logs. The secret's NAME stays (the header, the query parameter, "user info"), so a
 * reader sees that a credential was sent and "Run again" knows which values to ask for.
 */
export const REDACTED = '[REDACTED]';

/** The marker as a URL parser writes it in user info (`[` and `]` percent-encoded). */
const encodedMarker = /%5BREDACTED%5D/i;

/** Whether a value holds a marker where a secret was (the user must supply the real value). */
export function hasRedactionMarker(value: string): boolean {
  return value.includes(REDACTED) || encodedMarker.test(value);
}

/**
 * Authorization schemes whose name is kept ("Bearer [REDACTED]"): the scheme tells the user what
 * kind of credential to supply again and is never itself secret.
 */
const authSchemes: ReadonlySet<string> = new Set([
  'basic',
  'bearer',
  'digest',
  'token',
  'apikey',
  'negotiate',
  'ntlm',
  'hoba',
  'mutual',
  'vapid',
  'aws4-hmac-sha256',
  'scram-sha-1',
  'scram-sha-256',
]);

/** `name=[REDACTED]` for each `;`-separated cookie; Set-Cookie keeps its attributes. */
function redactCookies(value: string, setCookie: boolean): string {
  return value
    .split(';')
    .map((part, index) => {
      if (setCookie && index > 0) return part;
      const eq = part.indexOf('=');
      if (eq === -1) return part.trim() === '' ? part : REDACTED;
      return `${part.slice(0, eq + 1)}${REDACTED}`;
    })
    .join(';');
}

/** A header value with its secret replaced (the value as is when the name is not a secret). */
export function redactHeaderValue(name: string, value: string): string {
  if (!isSecretHeader(name) || value === '' || value === REDACTED) return value;
  const lower = name.trim().toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const scheme = /^([A-Za-z0-9-]+)[ \t]+\S/.exec(value);
    if (scheme && authSchemes.has(scheme[1]!.toLowerCase())) return `${scheme[1]} ${REDACTED}`;
    return REDACTED;
  }
  if (lower === 'cookie') return redactCookies(value, false);
  if (lower === 'set-cookie' || lower === 'set-cookie2') return redactCookies(value, true);
  return REDACTED;
}

export function redactHeaders(headers: ReadonlyArray<[string, string]>): Array<[string, string]> {
  return headers.map(([name, value]) => [name, redactHeaderValue(name, value)]);
}

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * `a=1&token=x` with the values of secret parameters replaced (empty values stay empty). A value
 * that is itself a URL (`?next=https%3A%2F%2Fu%3Apw%40h%2F%3Ftoken%3D1`, a redirect target) is
 * redacted in turn, and written back encoded.
 */
function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1 || eq === pair.length - 1) return pair;
      const name = pair.slice(0, eq + 1);
      if (isSecretQueryParam(decodedName(pair.slice(0, eq)))) return `${name}${REDACTED}`;
      const value = decodedName(pair.slice(eq + 1));
      if (!value.includes('://')) return pair;
      const redacted = redactUrl(value);
      return redacted === value ? pair : `${name}${encodeURIComponent(redacted)}`;
    })
    .join('&');
}

/**
 * A fragment's parameters: OAuth's implicit flow puts `#access_token=…` there, and single-page
 * apps `#/route?token=…`. A fragment without `=` is left alone.
 */
function redactFragment(fragment: string): string {
  const question = fragment.indexOf('?');
  if (question !== -1) {
    return fragment.slice(0, question + 1) + redactParams(fragment.slice(question + 1));
  }
  return fragment.includes('=') ? redactParams(fragment) : fragment;
}

/**
 * The URL with its user info (with or without a password: `https://ghp_x@host` carries a token
 * as the user name), the values of secret query and fragment parameters replaced. Works on the
 * text (not `new URL().href`) so that everything else stays byte for byte as captured; a relative
 * URL (a redirect's Location, a logged request path) has its query and fragment redacted too.
 */
export function redactUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  let rest = url.slice(scheme.length);
  if (scheme !== '') {
    // The authority ends at the first / ? # (or \, which URL parsers treat as /).
    const authorityEnd = rest.search(/[/?#\\]/);
    const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at !== -1) rest = `${REDACTED}${rest.slice(at)}`;
  }
  const hash = rest.indexOf('#');
  const beforeHash = hash === -1 ? rest : rest.slice(0, hash);
  const fragment = hash === -1 ? '' : `#${redactFragment(rest.slice(hash + 1))}`;
  const question = beforeHash.indexOf('?');
  if (question === -1) return scheme + beforeHash + fragment;
  const query = redactParams(beforeHash.slice(question + 1));
  return `${scheme}${beforeHash.slice(0, question + 1)}${query}${fragment}`;
}

/** Characters that end a URL in running text; trailing punctuation is given back to the text. */
const absoluteUrl = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const relativeUrl = /(^|[\s"'(=])(\/[^\s"'<>`?]*\?[^\s"'<>`]+)/g;
const credentials = /\b(Basic|Bearer|Digest|Token|ApiKey)([ \t]+)(?!\[REDACTED\])[^\s"',;]+/g;
const namedValue =
  /(^|[\s"'(,;&?])([A-Za-z0-9_.-]+)([=:][ \t]?)((?:[A-Za-z0-9-]+[ \t]+)?\[REDACTED\]|[^\s"'&,;)]+)/g;

function redactUrlInText(match: string): string {
  const trailing = /[.,;:!?)\]]+$/.exec(match)?.[0] ?? '';
  return redactUrl(match.slice(0, match.length - trailing.length)) + trailing;
}

/**
 * Free text (an error message, a log line) with secrets replaced: URLs in it (absolute, or a
 * path with a query), `Bearer …`-style credentials, and `name=value` / `name: value` pairs whose
 * name is a secret header or parameter. For what is printed or stored as a message, never for
 * captured data.
 */
export function redactText(text: string): string {
  return text
    .replace(absoluteUrl, redactUrlInText)
    .replace(relativeUrl, (_m, lead: string, path: string) => lead + redactUrlInText(path))
    .replace(credentials, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(namedValue, (match, lead: string, name: string, sep: string, value: string) =>
      value.includes(REDACTED) ||
      isFileNameLabel(name, sep) ||
      !(isSecretQueryParam(name) || isSecretHeader(name))
        ? match
        : `${lead}${name}${sep}${REDACTED}`,
    );
}

/**
 * `secret.har: not a HAR file` is a file name labelling a message, not a `name: value` pair:
 * header names with a dot and an extension do not occur, so the text after it stays readable.
 * (`name=value` keeps matching: a parameter such as `client.token=…` is still redacted.)
 */
function isFileNameLabel(name: string, sep: string): boolean {
  return sep.startsWith(':') && /\.[A-Za-z][A-Za-z0-9]{0,9}$/.test(name);
}
