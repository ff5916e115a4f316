import { describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../capture/request-spec.ts';
import type { CaptureRecord } from '../capture/records.ts';
import { redactRecord, redactSpec, secretsNeedingValue } from './redact-capture.ts';
import { REDACTED } from './redact-text.ts';

const spec = parseRequestSpec({
  url: 'https://tok@api.example/v1/stream?api_key=k1&channel=ops#access_token=f1',
  headers: [
    ['Authorization', 'Bearer sk-1'],
    ['X-Upstream-Token', 'u-1'],
    ['Accept-Language', 'en'],
  ],
  body: '{"prompt":"kept"}',
  method: 'POST',
  proxy: { mode: 'url', url: 'http://me:pw@proxy.example:8080' },
});

describe('redactSpec', () => {
  it('keeps names and non-secret parts, and the body as written', () => {
    expect(redactSpec(spec)).toMatchObject({
      url: `https://${REDACTED}@api.example/v1/stream?api_key=${REDACTED}&channel=ops#access_token=${REDACTED}`,
      headers: [
        ['Authorization', `Bearer ${REDACTED}`],
        ['X-Upstream-Token', REDACTED],
        ['Accept-Language', 'en'],
      ],
      body: '{"prompt":"kept"}',
      proxy: { mode: 'url', url: `http://${REDACTED}@proxy.example:8080` },
    });
  });
});

describe('redactRecord', () => {
  it('redacts every URL and header of lifecycle records and messages, not event data', () => {
    const records: CaptureRecord[] = [
      {
        kind: 'redirect',
        attempt: 1,
        t: 1,
        status: 302,
        from: 'http://h.test/a?token=t1',
        to: 'http://h.test/b?sig=s1',
        headers: [['Location', '/b?sig=s1']],
      },
      {
        kind: 'response',
        attempt: 1,
        t: 2,
        status: 200,
        statusText: 'OK',
        httpVersion: '1.1',
        headers: [['Set-Cookie', 'sid=c1; Path=/']],
        contentType: 'text/event-stream',
        url: 'http://h.test/b?sig=s1',
      },
      {
        kind: 'error',
        attempt: 1,
        t: 3,
        category: 'redirect',
        message: 'to http://h.test/?key=k9',
      },
      {
        kind: 'event',
        attempt: 1,
        t: 4,
        index: 0,
        type: 'message',
        data: 'token=as-received',
        lastEventId: '',
        start: 0,
        end: 10,
      },
    ];
    const text = JSON.stringify(records.map((record) => redactRecord(record)));
    for (const secret of ['t1', 's1', 'c1', 'k9']) expect(text).not.toContain(secret);
    expect(redactRecord(records[3]!)).toBe(records[3]);
  });
});

describe('secretsNeedingValue', () => {
  it('names every part of a redacted spec that needs a value again', () => {
    expect(secretsNeedingValue(redactSpec(spec))).toEqual([
      'Authorization',
      'X-Upstream-Token',
      'URL user info',
      'api_key',
      'access_token',
      'proxy user info',
    ]);
    expect(secretsNeedingValue(spec)).toEqual([]);
  });

  it('recognises the marker after a URL parser has encoded it', () => {
    expect(secretsNeedingValue({ url: new URL(redactSpec(spec).url).href })).toContain(
      'URL user info',
    );
  });
});
