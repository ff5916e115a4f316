import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  looksLikePastedRequest,
  parsePastedRequest,
  type PastedRequest,
} from './pasted-request.ts';

// Real-world samples: what Chrome and Firefox DevTools write for "Copy as cURL (bash)" and
// "(cmd)", "Copy as fetch" and "Copy as fetch (Node.js)", and the streaming requests of the
// OpenAI and Anthropic API docs. The browser ones all describe one request, so they must parse to it.
const fixtures = join(import.meta.dirname, '../../tests/fixtures/pasted-requests');
const sample = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

function parsed(text: string): PastedRequest {
  const result = parsePastedRequest(text);
  if (!result.ok) throw new Error(result.message);
  return result.request;
}

const browserBody =
  '{"messages":[{"role":"user","content":"100% sure & it\'s <fine>\\nsecond line"}],\n"stream":true}';
const browserUrl = 'https://api.example.com/v1/chat/stream?session=a1b2&q=100%25';

describe('DevTools "Copy as cURL" samples', () => {
  it.each(['chrome-bash.txt', 'chrome-cmd.txt', 'firefox-bash.txt', 'firefox-cmd.txt'])(
    '%s: method, URL, body (quotes, %, &, <, newlines, an apostrophe), nothing unsupported',
    (name) => {
      const request = parsed(sample(name));
      expect(request).toMatchObject({
        method: 'POST',
        url: browserUrl,
        body: browserBody,
        insecure: false,
        proxy: null,
        unsupported: [],
      });
      const header = (wanted: string) =>
        request.headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
      expect(header('authorization')).toBe('Bearer sk-test-123');
      expect(header('cookie')).toBe('session_id=abc123; theme=dark');
      expect(header('accept')).toBe('text/event-stream');
    },
  );

  it('keeps Chrome headers in command order, the -b cookie where it was, quotes inside values', () => {
    for (const name of ['chrome-bash.txt', 'chrome-cmd.txt']) {
      const request = parsed(sample(name));
      expect(request.headers.map(([key]) => key).slice(0, 8)).toEqual([
        'accept',
        'accept-language',
        'authorization',
        'cache-control',
        'content-type',
        'Cookie',
        'origin',
        'priority',
      ]);
      expect(request.headers).toContainEqual([
        'sec-ch-ua',
        '"Chromium";v="130", "Google Chrome";v="130", "Not?A_Brand";v="99"',
      ]);
    }
  });

  it('reads Firefox headers as written, in order', () => {
    expect(parsed(sample('firefox-bash.txt')).headers.slice(0, 3)).toEqual([
      ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0'],
      ['Accept', 'text/event-stream'],
      ['Accept-Language', 'en-US,en;q=0.5'],
    ]);
  });
});

describe('API docs samples', () => {
  it('OpenAI chat completions: double-quoted headers, $OPENAI_API_KEY as a {{variable}}', () => {
    const request = parsed(sample('openai-chat-stream.txt'));
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(request.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer {{OPENAI_API_KEY}}'],
    ]);
    expect(JSON.parse(request.body!)).toMatchObject({ model: 'gpt-4o', stream: true });
    expect(request.unsupported).toEqual([]);
  });

  it('Anthropic messages: --header, --data with its value on the next line', () => {
    const request = parsed(sample('anthropic-messages-stream.txt'));
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://api.anthropic.com/v1/messages',
      unsupported: [],
    });
    expect(request.headers).toEqual([
      ['anthropic-version', '2023-06-01'],
      ['content-type', 'application/json'],
      ['x-api-key', '{{ANTHROPIC_API_KEY}}'],
    ]);
    expect(JSON.parse(request.body!)).toMatchObject({ max_tokens: 256, stream: true });
  });
});

describe('DevTools "Copy as fetch" samples', () => {
  it('browser fetch: headers in order, referrer as Referer, the cookies it cannot carry named', () => {
    const request = parsed(sample('chrome-fetch.txt'));
    expect(request).toMatchObject({ method: 'POST', url: browserUrl, body: browserBody });
    expect(request.headers[0]).toEqual(['accept', 'text/event-stream']);
    expect(request.headers.at(-1)).toEqual(['Referer', 'https://app.example.com/chat']);
    expect(request.unsupported).toEqual([
      'credentials: "include" (the browser\'s cookies are not in the snippet)',
    ]);
  });

  it('Node.js fetch: a null body, the cookie header kept', () => {
    expect(parsed(sample('chrome-fetch-node.txt'))).toEqual({
      method: 'GET',
      url: 'https://stream.wikimedia.org/v2/stream/recentchange',
      headers: [
        ['accept', 'text/event-stream'],
        ['cache-control', 'no-cache'],
        ['cookie', 'session_id=abc123; theme=dark'],
        ['Referer', 'https://app.example.com/'],
        ['Referrer-Policy', 'strict-origin-when-cross-origin'],
      ],
      body: null,
      insecure: false,
      proxy: null,
      unsupported: [],
    });
  });
});

describe('what is not a pasted request', () => {
  it.each([
    ['https://example.com/events', 'Not a curl command or fetch snippet'],
    ['wget https://example.com', 'Not a curl command or fetch snippet'],
    ['curl', 'The curl command has no URL'],
    ['curl -H', 'Incomplete curl command: -H needs a value'],
    ['fetch(url, {})', 'Not a fetch snippet we can read: expected a string'],
    ['fetch("https://x", { body: getBody() })', 'only literals are read, nothing is run'],
  ])('%j: %s', (text, message) => {
    const result = parsePastedRequest(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('tells a paste to take over from ordinary text', () => {
    expect(looksLikePastedRequest("curl 'https://x'")).toBe(true);
    expect(looksLikePastedRequest('  $ curl https://x')).toBe(true);
    expect(looksLikePastedRequest('await fetch("https://x")')).toBe(true);
    expect(looksLikePastedRequest('https://example.com/curl')).toBe(false);
    expect(looksLikePastedRequest('curling')).toBe(false);
  });
});
