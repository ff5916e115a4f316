import { describe, expect, it } from 'vitest';
import { parseFetchSnippet } from './fetch-snippet.ts';
import type { PastedRequest } from './pasted-request.ts';

function fetchOf(text: string): PastedRequest {
  const result = parseFetchSnippet(text);
  if (!result.ok) throw new Error(result.message);
  return result.request;
}

describe('fetch snippets', () => {
  it('reads a bare URL call as a GET', () => {
    expect(fetchOf('fetch("https://x/events");')).toMatchObject({
      method: 'GET',
      url: 'https://x/events',
      headers: [],
      body: null,
      unsupported: [],
    });
  });

  it('reads hand-written JavaScript: bare keys, single quotes, trailing commas, comments', () => {
    const request = fetchOf(`await fetch('https://x/v1/chat', {
      method: 'post', // lower case is fine
      headers: { 'Content-Type': 'application/json', Authorization: \`Bearer abc\`, },
      /* the body */
      body: JSON.stringify({ model: "m", stream: true, n: 1.5, tags: ['a', null] }),
    }).then((r) => r.body);`);
    expect(request).toMatchObject({
      method: 'POST',
      headers: [
        ['Content-Type', 'application/json'],
        ['Authorization', 'Bearer abc'],
      ],
      body: '{"model":"m","stream":true,"n":1.5,"tags":["a",null]}',
      unsupported: [],
    });
  });

  it('takes headers given as [name, value] pairs', () => {
    expect(fetchOf('fetch("https://x", { headers: [["A", "1"], ["A", "2"]] })').headers).toEqual([
      ['A', '1'],
      ['A', '2'],
    ]);
  });

  it('decodes string escapes: \\" \\n \\u00e9 \\u{1F600} \\x41', () => {
    expect(fetchOf('fetch("https://x", { body: "\\"q\\"\\n\\u00e9\\u{1F600}\\x41" })').body).toBe(
      '"q"\né😀A',
    );
  });

  it('ignores what only a page means (mode, referrerPolicy, cache), names the rest', () => {
    const request = fetchOf(`fetch("https://x", {
      "mode": "cors", "referrerPolicy": "no-referrer", "cache": "no-store", "redirect": "manual",
      "signal": null, "referrer": "about:client", "credentials": "omit"
    })`);
    expect(request.headers).toEqual([]);
    expect(request.unsupported).toEqual(['redirect: "manual"', 'signal']);
  });

  it('keeps an explicit Referer over the referrer key', () => {
    expect(
      fetchOf('fetch("https://x", { headers: { referer: "https://a/" }, referrer: "https://b/" })')
        .headers,
    ).toEqual([['referer', 'https://a/']]);
  });

  it('names code after the call and a body that is not text', () => {
    expect(fetchOf('fetch("https://x", { body: {a: 1} }); console.log(1)').unsupported).toEqual([
      'a body that is not a string',
      'code after the fetch call',
    ]);
  });

  it.each([
    ['fetch("https://x", { headers: h })', 'only literals are read'],
    ['fetch(`https://x/${id}`)', 'a template literal without ${…}'],
    ['fetch("https://x", { body: "open', 'the closing "'],
    ['fetch("https://x" {})', 'expected ")" at line 1, column 19'],
    [
      'fetch("https://x", {\n  body: secretToken })',
      'a value (only literals are read, nothing is run) at line 2, column 9',
    ],
  ])('refuses %s', (text, message) => {
    const result = parseFetchSnippet(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
