import { describe, expect, it } from 'vitest';
import { parseDeepLink } from './deep-link.ts';

describe('sse-inspector:// links', () => {
  it('fills in a request from connect?url=…&method=…', () => {
    const link = `sse-inspector://connect?url=${encodeURIComponent('https://api.example/v1/stream?x=1')}&method=post`;
    expect(parseDeepLink(link)).toEqual({
      ok: true,
      request: { url: 'https://api.example/v1/stream?x=1', method: 'POST' },
    });
    expect(parseDeepLink('sse-inspector://connect/?url=http://h/e')).toEqual({
      ok: true,
      request: { url: 'http://h/e', method: 'GET' },
    });
  });

  it('fills in the URL as it will be requested, without hidden line breaks or tabs', () => {
    const link = `sse-inspector://connect?url=${encodeURIComponent(' http://H.example/a\r\nX-Injected: 1\t')}`;
    expect(parseDeepLink(link)).toEqual({
      ok: true,
      request: { url: 'http://h.example/aX-Injected:%201', method: 'GET' },
    });
  });

  it('refuses other actions, schemes, URLs and methods, saying why', () => {
    expect(parseDeepLink('sse-inspector://run?url=http://h/e')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"run"'),
    });
    expect(parseDeepLink('https://connect?url=http://h/e')).toMatchObject({ ok: false });
    expect(parseDeepLink('sse-inspector://connect?url=file:///etc/passwd')).toMatchObject({
      ok: false,
      message: expect.stringContaining("The link's URL"),
    });
    expect(parseDeepLink('sse-inspector://connect?url=http://h/e&method=TRACE')).toMatchObject({
      ok: false,
      message: expect.stringContaining('TRACE'),
    });
    expect(parseDeepLink('not a link')).toMatchObject({ ok: false });
  });
});
