import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { createHarness, testSpec, type Harness } from './connection-test-kit.ts';

let server: FixtureServer;
let h: Harness;

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
afterEach(() => h.manager.closeAll());

function open(
  path: string,
  input: Parameters<typeof testSpec>[1] = {},
  keepChunkBytes = true,
): number {
  h = createHarness({ keepChunkBytes });
  return h.manager.open(
    testSpec(`${server.url}${path}`, { reconnect: { maxAttempts: 1 }, ...input }),
  );
}

describe('request body and headers', () => {
  it('sends method, body and headers (user headers replace defaults case-insensitively)', async () => {
    const id = open('/echo', {
      method: 'POST',
      body: '{"model":"x","stream":true}',
      headers: [
        ['Content-Type', 'application/json'],
        ['authorization', 'Bearer sk-test'],
        ['accept', 'text/event-stream, */*'],
      ],
      lastEventId: 'abc',
    });
    await h.finished(id);
    const [method, headers, body] = h.of(id, 'event').map((e) => e.data);
    expect(method).toBe('POST');
    expect(JSON.parse(body!)).toBe('{"model":"x","stream":true}');
    const sent = (JSON.parse(headers!) as Array<[string, string]>).filter(
      ([name]) => !['host', 'connection', 'content-length'].includes(name),
    );
    expect(sent).toEqual([
      ['Cache-Control', 'no-cache'],
      ['Last-Event-ID', 'abc'],
      ['Accept-Encoding', 'gzip, deflate, br'],
      ['Content-Type', 'application/json'],
      ['authorization', 'Bearer sk-test'],
      ['accept', 'text/event-stream, */*'],
    ]);
    expect(h.of(id, 'attempt')[0]!.request).toMatchObject({ method: 'POST', bodyBytes: 27 });
  });
});

describe('content decoding', () => {
  it.each(['/gzip', '/deflate', '/deflate?raw=1', '/br'])(
    'decodes %s as it streams, with offsets in the decoded body',
    async (path) => {
      const id = open(`${path}${path.includes('?') ? '&' : '?'}count=4`);
      await h.finished(id);
      const events = h.of(id, 'event');
      expect(events.map((e) => e.lastEventId)).toEqual(['1', '2', '3', '4']);
      const decoded = Buffer.concat(h.of(id, 'chunk').map((c) => c.bytes)).toString();
      expect(decoded.slice(events[0]!.start, events[0]!.end)).toMatch(/^id: 1\ndata: \w+ 1\n\n$/);
      expect(h.of(id, 'chunk').length).toBeGreaterThanOrEqual(4); // one per flushed event
      expect(h.of(id, 'warning').filter((w) => w.code === 'content-encoding')).toEqual([]);
    },
  );

  it('streams a gzip bomb through the parser limits instead of buffering it', async () => {
    const id = open('/gzip-bomb?mb=24', {}, false);
    const status = await h.finished(id);
    expect(status.bytes).toBeGreaterThan(24 * 1024 * 1024);
    expect(h.of(id, 'warning').map((w) => w.code)).toContain('line-too-long');
    expect(h.of(id, 'event').map((e) => e.data)).toEqual(['after']);
    // Delivered in decoder-sized blocks, never as one buffer (memory peaks under hostile input:
    // tests/hostile/oversized-input.test.ts; RSS: `npm run bench -- --only hostile`).
    const offsets = h.of(id, 'chunk').map((c) => c.offset);
    const sizes = offsets.map((offset, i) => (offsets[i + 1] ?? status.bytes) - offset);
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('a huge event', () => {
  it('reports the parser limit and keeps reading after it', async () => {
    const id = open('/huge-event?mb=20', {}, false);
    const status = await h.finished(id);
    expect(status.bytes).toBeGreaterThan(20 * 1024 * 1024);
    const codes = h.of(id, 'warning').map((w) => w.code);
    expect(codes.some((c) => c === 'line-too-long' || c === 'event-too-large')).toBe(true);
    expect(h.of(id, 'event').at(-1)!.data).toBe('after');
  });
});
