import { describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import {
  buildOutgoingRequest,
  followRedirect,
  proxyAuthorization,
  RedirectError,
  sentLastEventId,
  type OutgoingRequest,
} from './outgoing-request.ts';
import { checkResponse, mimeEssence, responseFraming } from './response-check.ts';

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

  it('keeps Proxy-Authorization for the proxy, out of the origin request', () => {
    const spec = parseRequestSpec({
      url: 'http://a.test/s',
      headers: [
        ['Proxy-Authorization', 'Basic old'],
        ['proxy-authorization', 'Basic cHg6cHc='],
        ['X-Trace', '1'],
      ],
    });
    const names = buildOutgoingRequest(spec, null).headers.map(([name]) => name);
    expect(names).not.toContain('Proxy-Authorization');
    expect(names).not.toContain('proxy-authorization');
    expect(proxyAuthorization(spec)).toBe('Basic cHg6cHc=');
  });
});

describe('followRedirect', () => {
  const post: OutgoingRequest = {
    url: new URL('https://a.test/start'),
    method: 'POST',
    headers: [
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer x'],
      ['X-API-Key', 'k'],
      ['Cookie', 'sid=1'],
      ['X-Upstream-Token', 'u'],
      ['anthropic-api-key', 'a'],
      ['Accept', 'text/event-stream'],
    ],
    body: '{}',
  };
  const secretNames = [
    'Authorization',
    'X-API-Key',
    'Cookie',
    'X-Upstream-Token',
    'anthropic-api-key',
  ];

  it.each([301, 302, 303])('turns POST into GET without a body on %i', (status) => {
    const { request: next } = followRedirect(post, status, '/next');
    expect(next).toMatchObject({ method: 'GET', body: null });
    expect(next.url.href).toBe('https://a.test/next');
    expect(next.headers.map(([n]) => n)).toEqual([...secretNames, 'Accept']);
  });

  it.each([307, 308])('keeps method and body on %i', (status) => {
    expect(followRedirect(post, status, '/next').request).toMatchObject({
      method: 'POST',
      body: '{}',
    });
  });

  it('sends no secret-class header and no user info to another origin', () => {
    const followed = followRedirect(post, 307, 'https://user:pw@b.test/x');
    expect(followed.request.headers.map(([n]) => n)).toEqual(['Content-Type', 'Accept']);
    expect(followed.dropped).toEqual(secretNames);
    expect(followed.request.url.href).toBe('https://b.test/x');
    expect(followed.downgraded).toBe(false);
  });

  it('treats another port of the same host as another origin', () => {
    expect(followRedirect(post, 307, 'https://a.test:8443/x').dropped).toEqual(secretNames);
  });

  it('drops them on an https → http downgrade of the same host, and says so', () => {
    const followed = followRedirect(post, 307, 'http://a.test/start');
    expect(followed.downgraded).toBe(true);
    expect(followed.dropped).toEqual(secretNames);
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
    const verdict = checkResponse(404, 'text/html', true);
    expect(verdict.action).toBe('read');
    expect(verdict.action === 'read' && verdict.warnings.map((w) => w.code)).toEqual([
      'status-ignored',
      'content-type-ignored',
    ]);
  });

  it('reads the content types of the other framings as they are', () => {
    for (const type of [
      'application/x-ndjson',
      'application/ndjson',
      'application/jsonl',
      'application/x-jsonlines',
      'application/json-seq',
      'application/json; charset=UTF-8',
    ]) {
      expect(checkResponse(200, type, false)).toEqual({ action: 'read', warnings: [] });
    }
    expect(responseFraming('application/x-ndjson', null)).toBe('ndjson');
    expect(responseFraming('Application/JSON-Seq', null)).toBe('json-seq');
    expect(responseFraming('application/json; charset=utf-8', null)).toBe('json-array');
    expect(responseFraming('text/html', null)).toBe('sse');
  });

  it('reads any content type in a forced framing, warning when the type says otherwise', () => {
    expect(responseFraming('text/plain', 'ndjson')).toBe('ndjson');
    const verdict = checkResponse(200, 'text/plain', false, 'ndjson');
    expect(verdict).toEqual({
      action: 'read',
      warnings: [
        {
          code: 'content-type-ignored',
          message: 'Content-Type "text/plain" read as ndjson (framing forced)',
        },
      ],
    });
    expect(checkResponse(200, 'application/x-ndjson', false, 'ndjson')).toEqual({
      action: 'read',
      warnings: [],
    });
    expect(checkResponse(500, 'application/x-ndjson', false, 'ndjson')).toMatchObject({
      category: 'http-status',
    });
  });
});
