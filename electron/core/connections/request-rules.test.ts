import { describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import {
  buildOutgoingRequest,
  followRedirect,
  RedirectError,
  sentLastEventId,
  type OutgoingRequest,
} from './outgoing-request.ts';
import { checkResponse, mimeEssence } from './response-check.ts';

describe('buildOutgoingRequest', () => {
  it("sends what a browser's EventSource sends", () => {
    const request = buildOutgoingRequest(parseRequestSpec({ url: 'http://a.test/s' }), '42');
    expect(request.headers).toEqual([
      ['Accept', 'text/event-stream'],
      ['Cache-Control', 'no-cache'],
      ['Last-Event-ID', '42'],
      ['Accept-Encoding', 'gzip, deflate, br'],
    ]);
    expect(sentLastEventId(request)).toBe('42');
  });

  it('omits Last-Event-ID when the last event ID string is empty', () => {
    const request = buildOutgoingRequest(parseRequestSpec({ url: 'http://a.test/s' }), '');
    expect(sentLastEventId(request)).toBeNull();
  });

  it('lets user headers replace defaults, case-insensitively, in their own case', () => {
    const spec = parseRequestSpec({
      url: 'http://a.test/s',
      headers: [
        ['accept-encoding', 'identity'],
        ['last-event-id', 'mine'],
        ['X-Trace', '1'],
      ],
    });
    expect(buildOutgoingRequest(spec, '42').headers).toEqual([
      ['Accept', 'text/event-stream'],
      ['Cache-Control', 'no-cache'],
      ['accept-encoding', 'identity'],
      ['last-event-id', 'mine'],
      ['X-Trace', '1'],
    ]);
  });
});

describe('followRedirect', () => {
  const post: OutgoingRequest = {
    url: new URL('http://a.test/start'),
    method: 'POST',
    headers: [
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer x'],
      ['Accept', 'text/event-stream'],
    ],
    body: '{}',
  };

  it.each([301, 302, 303])('turns POST into GET without a body on %i', (status) => {
    const next = followRedirect(post, status, '/next');
    expect(next).toMatchObject({ method: 'GET', body: null });
    expect(next.url.href).toBe('http://a.test/next');
    expect(next.headers.map(([n]) => n)).toEqual(['Authorization', 'Accept']);
  });

  it.each([307, 308])('keeps method and body on %i', (status) => {
    expect(followRedirect(post, status, '/next')).toMatchObject({ method: 'POST', body: '{}' });
  });

  it('does not send credentials to another origin', () => {
    const next = followRedirect(post, 307, 'https://b.test/x');
    expect(next.headers.map(([n]) => n)).toEqual(['Content-Type', 'Accept']);
  });

  it('refuses a missing Location or a non-HTTP target', () => {
    expect(() => followRedirect(post, 302, null)).toThrow(RedirectError);
    expect(() => followRedirect(post, 302, 'ftp://x/')).toThrow(/non-HTTP/);
  });
});

describe('checkResponse', () => {
  it('reads 200 text/event-stream, comparing the MIME essence', () => {
    expect(checkResponse(200, 'text/event-stream', false)).toEqual({
      action: 'read',
      warnings: [],
    });
    expect(checkResponse(200, 'TEXT/Event-Stream ; charset=utf-8', false).action).toBe('read');
    expect(mimeEssence('text/event-stream;charset=utf-8')).toBe('text/event-stream');
  });

  it('stops on 204 even when lenient', () => {
    expect(checkResponse(204, null, true)).toMatchObject({
      action: 'fail',
      category: 'no-content',
    });
  });

  it('fails on another status or content type, including a missing one', () => {
    expect(checkResponse(500, 'text/event-stream', false)).toMatchObject({
      category: 'http-status',
    });
    expect(checkResponse(200, 'text/plain', false)).toMatchObject({ category: 'content-type' });
    expect(checkResponse(200, null, false)).toMatchObject({ category: 'content-type' });
    expect(checkResponse(200, 'text/event-streamx', false)).toMatchObject({
      category: 'content-type',
    });
  });

  it('reads on with a warning each when lenient', () => {
    const verdict = checkResponse(404, 'application/json', true);
    expect(verdict.action).toBe('read');
    expect(verdict.action === 'read' && verdict.warnings.map((w) => w.code)).toEqual([
      'status-ignored',
      'content-type-ignored',
    ]);
  });
});
