import { isJsObject, JsLiteralError, JsLiteralReader, type JsValue } from './js-literal.ts';
import type { PasteResult, PastedRequest } from './pasted-request.ts';

/**
 * Chrome's "Copy as fetch" and "Copy as fetch (Node.js)", Firefox's "Copy as Fetch" and the
 * fetch calls API docs show: `[await] fetch("url", { method, headers, body, … });`, read as
 * literals (js-literal.ts), never run.
 */

/** Init keys that only mean something inside a browser page, or say what we do anyway. */
const ignoredKeys = new Set(['mode', 'referrerPolicy', 'cache', 'keepalive', 'priority']);

function headerEntries(value: JsValue, unsupported: string[]): Array<[string, string]> {
  const pairs: Array<[string, JsValue]> = isJsObject(value)
    ? [...value.entries]
    : Array.isArray(value)
      ? value.flatMap((item) =>
          Array.isArray(item) && typeof item[0] === 'string'
            ? [[item[0], item[1]] as [string, JsValue]]
            : [],
        )
      : [];
  if (!isJsObject(value) && !Array.isArray(value) && value !== undefined && value !== null) {
    unsupported.push('headers that are not an object literal');
  }
  const headers: Array<[string, string]> = [];
  for (const [name, item] of pairs) {
    if (typeof item === 'string' || typeof item === 'number') headers.push([name, String(item)]);
    else unsupported.push(`header ${name} whose value is not a string`);
  }
  return headers;
}

function readInit(init: JsValue, request: PastedRequest): void {
  if (init === undefined) return;
  if (!isJsObject(init)) {
    request.unsupported.push('fetch options that are not an object literal');
    return;
  }
  let referrer: string | null = null;
  for (const [key, value] of init.entries) {
    if (key === 'method' && typeof value === 'string') {
      request.method = value.toUpperCase();
    } else if (key === 'headers') {
      request.headers.push(...headerEntries(value, request.unsupported));
    } else if (key === 'body') {
      if (typeof value === 'string') request.body = value;
      else if (value !== null && value !== undefined)
        request.unsupported.push('a body that is not a string');
    } else if (key === 'referrer') {
      // A page's fetch sends its referrer as the Referer header; "" or about:client mean none or the page.
      if (typeof value === 'string' && /^https?:/i.test(value)) referrer = value;
    } else if (key === 'credentials') {
      // "include" sends the page's cookies, which the snippet does not hold (Node.js snippets
      // carry them as a cookie header instead).
      if (
        value === 'include' &&
        !request.headers.some(([name]) => name.toLowerCase() === 'cookie')
      ) {
        request.unsupported.push(
          'credentials: "include" (the browser\'s cookies are not in the snippet)',
        );
      }
    } else if (key === 'redirect') {
      if (value !== 'follow') request.unsupported.push(`redirect: ${JSON.stringify(value)}`);
    } else if (!ignoredKeys.has(key)) {
      request.unsupported.push(key);
    }
  }
  if (referrer !== null && !request.headers.some(([name]) => name.toLowerCase() === 'referer')) {
    request.headers.push(['Referer', referrer]);
  }
}

export function parseFetchSnippet(text: string): PasteResult {
  const reader = new JsLiteralReader(text);
  try {
    reader.eat('await');
    reader.expect('fetch');
    reader.expect('(');
    const url = reader.string();
    let init: JsValue;
    if (!reader.eat(',')) {
      reader.expect(')');
    } else if (!reader.eat(')')) {
      init = reader.value();
      reader.eat(',');
      reader.expect(')');
    }
    const request: PastedRequest = {
      method: 'GET',
      url,
      headers: [],
      body: null,
      insecure: false,
      proxy: null,
      unsupported: [],
    };
    readInit(init, request);
    // What may follow the call: `;`, or a `.then(…)` chain that only reads the response.
    reader.skipSpace();
    if (!text.startsWith('.then', reader.position)) {
      reader.eat(';');
      reader.skipSpace();
      if (reader.position < text.length) request.unsupported.push('code after the fetch call');
    }
    return { ok: true, request };
  } catch (error) {
    if (!(error instanceof JsLiteralError)) throw error;
    return { ok: false, message: `Not a fetch snippet we can read: ${error.message}.` };
  }
}
