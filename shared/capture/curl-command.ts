import type { RequestSpecInput } from './request-spec.ts';

/** Quotes for a POSIX shell: single quotes, with embedded single quotes closed and escaped. */
function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The request as a curl command line a user can paste into a terminal: `-N` so curl prints the
 * stream as it arrives, the headers an EventSource would send, and the user's options.
 */
export function toCurlCommand(spec: RequestSpecInput): string {
  const parts = ['curl', '-N'];
  const method = spec.method ?? 'GET';
  if (method !== 'GET' || spec.body) parts.push('-X', method);
  const headers = spec.headers ?? [];
  const has = (name: string) => headers.some(([key]) => key.toLowerCase() === name);
  if (!has('accept')) parts.push('-H', shellQuote('Accept: text/event-stream'));
  if (!has('cache-control')) parts.push('-H', shellQuote('Cache-Control: no-cache'));
  if (spec.lastEventId && !has('last-event-id')) {
    parts.push('-H', shellQuote(`Last-Event-ID: ${spec.lastEventId}`));
  }
  for (const [name, value] of headers) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (spec.body) parts.push('--data-raw', shellQuote(spec.body));
  if (spec.tls?.insecure) parts.push('--insecure');
  if (spec.proxy?.mode === 'url' && spec.proxy.url)
    parts.push('--proxy', shellQuote(spec.proxy.url));
  if (spec.proxy?.mode === 'none') parts.push('--noproxy', shellQuote('*'));
  if (spec.connectTimeoutMs) parts.push('--connect-timeout', String(spec.connectTimeoutMs / 1000));
  parts.push('--compressed', shellQuote(spec.url));
  return parts.join(' ');
}
