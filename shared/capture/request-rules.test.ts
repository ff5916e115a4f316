import { describe, expect, it } from 'vitest';
import { apiMethods } from '../ipc/schemas.ts';
import { checkRequestUrl } from '../request-url.ts';
import {
  checkHeaderName,
  checkHeaderValue,
  checkLastEventId,
  splitHeaderLine,
} from './request-rules.ts';
import { requestSpecSchema } from './request-spec.ts';

function specMessage(input: unknown): string | undefined {
  return requestSpecSchema.safeParse(input).error?.issues[0]?.message;
}

describe('request rules', () => {
  it('refuses a Last-Event-ID or header value that would break the header line', () => {
    for (const broken of ['a\nb', 'a\rb', 'a\0b']) {
      expect(checkLastEventId(broken)).toBe('A Last-Event-ID may not contain CR, LF or NUL.');
      expect(checkHeaderValue(broken)).toBe('Header values may not contain CR, LF or NUL.');
    }
    expect(checkLastEventId('42 é ✓')).toBeNull();
    expect(checkHeaderValue('Bearer x; y=1')).toBeNull();
  });

  it('wants a header name made of token characters', () => {
    expect(checkHeaderName('X-Trace_Id.2')).toBeNull();
    expect(checkHeaderName('')).toBe('A header needs a name.');
    expect(checkHeaderName('Bad Name')).toBe('Header names may only use token characters.');
    expect(checkHeaderName('Ünicode')).toBe('Header names may only use token characters.');
  });

  it('splits a header line at its first colon, trimming both sides', () => {
    expect(splitHeaderLine(' Authorization:  Bearer a:b ')).toEqual([
      'Authorization',
      'Bearer a:b',
    ]);
    expect(splitHeaderLine(':x')).toEqual(['', 'x']);
    expect(splitHeaderLine('no colon')).toBeNull();
  });

  it('are enforced at the IPC boundary and in specs with the same messages', () => {
    const url = 'http://127.0.0.1:9/';
    expect(specMessage({ url, lastEventId: 'a\nb' })).toBe(checkLastEventId('a\nb'));
    expect(specMessage({ url, headers: [['Bad Name', 'x']] })).toBe(checkHeaderName('Bad Name'));
    expect(specMessage({ url, headers: [['X', 'a\rb']] })).toBe(checkHeaderValue('a\rb'));
    const nextId = apiMethods.setNextLastEventId.args.safeParse([1, 'a\0b']);
    expect(nextId.error?.issues[0]?.message).toBe(checkLastEventId('a\0b'));
  });

  it('checks a request URL as the request bar does, then keeps it as typed', () => {
    for (const text of ['ftp://example.com/', 'localhost:3000/sse', 'not a url', '']) {
      const check = checkRequestUrl(text);
      expect(specMessage({ url: text })).toBe(!check.ok && check.message);
    }
    expect(requestSpecSchema.parse({ url: ' http://example.com/sse ' }).url).toBe(
      'http://example.com/sse',
    );
  });
});
