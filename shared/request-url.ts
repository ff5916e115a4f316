export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Checks a URL the user typed for an event-stream request: it must parse, use http or https, and
 * name a host. Used by the request bar (inline message) and again by main before connecting.
 */
export function checkRequestUrl(text: string): UrlCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter the URL of an event stream.' };
  // `localhost:3000/sse` parses as a URL with scheme "localhost": offer the likely meaning.
  const looksLikeBareHost = /^[\w.-]+(:\d+)?(\/|$)/.test(trimmed) && !trimmed.includes('://');
  const hint = looksLikeBareHost ? ` Did you mean http://${trimmed}?` : '';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not a valid URL.${hint}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(/:$/, '');
    return {
      ok: false,
      message: `Only http and https URLs can be inspected (got "${scheme}").${hint}`,
    };
  }
  if (url.hostname === '') return { ok: false, message: 'The URL needs a host name.' };
  return { ok: true, url: url.href };
}
