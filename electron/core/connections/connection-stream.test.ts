import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { createHarness, kinds, testSpec, type Harness } from './connection-test-kit.ts';
import { connectionKinds } from '../../../shared/capture/record-kinds.ts';

let server: FixtureServer;
let h: Harness;

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
afterEach(() => h.manager.closeAll());

function open(path: string, input: Parameters<typeof testSpec>[1] = {}): number {
  h = createHarness();
  return h.manager.open(
    testSpec(`${server.url}${path}`, { reconnect: { maxAttempts: 1 }, ...input }),
  );
}

function parserWarnings(id: number) {
  return h.of(id, 'warning').filter((w) => w.source === 'parser');
}

describe('reading an event stream', () => {
  it('records the attempt, the response, every chunk and every event of a drip feed', async () => {
    const id = open('/drip?count=5&interval=5');
    const status = await h.finished(id);
    expect(status.state).toBe('closed');
    expect(status.events).toBe(5);
    expect(kinds(h.records(id), connectionKinds)).toEqual(['attempt', 'response', 'closed']);
    const [attempt] = h.of(id, 'attempt');
    expect(attempt).toMatchObject({ attempt: 1, reason: 'initial', lastEventId: null });
    expect(attempt!.request.headers).toEqual([
      ['Accept', 'text/event-stream'],
      ['Cache-Control', 'no-cache'],
      ['Accept-Encoding', 'gzip, deflate, br'],
    ]);
    const [response] = h.of(id, 'response');
    expect(response).toMatchObject({ status: 200, httpVersion: '1.1', statusText: 'OK' });
    expect(response!.headers[0]).toEqual(['Content-Type', 'text/event-stream']);
    const events = h.of(id, 'event');
    expect(events.map((e) => [e.index, e.data, e.lastEventId])).toEqual([
      [0, 'tick 1', '1'],
      [1, 'tick 2', '2'],
      [2, 'tick 3', '3'],
      [3, 'tick 4', '4'],
      [4, 'tick 5', '5'],
    ]);
    const chunks = h.of(id, 'chunk');
    const body = Buffer.concat(chunks.map((c) => c.bytes)).toString();
    expect(body.slice(events[1]!.start, events[1]!.end)).toBe('id: 2\ndata: tick 2\n\n');
    chunks.forEach((c, i) => expect(c.seq).toBe(i));
    expect(chunks[0]!.t).toBeGreaterThanOrEqual(response!.t);
    expect(h.of(id, 'closed')[0]).toMatchObject({
      reason: 'server-closed',
      events: 5,
      incomplete: false,
    });
    expect(h.store.session(id).outcome).toBe('closed');
  });

  it('joins a CRLF split between chunks without seeing an extra line', async () => {
    const id = open('/split-crlf');
    await h.finished(id);
    expect(h.of(id, 'chunk').length).toBeGreaterThan(1);
    expect(h.of(id, 'event').map((e) => [e.data, e.lastEventId])).toEqual([
      ['one', ''],
      ['two', '7'],
    ]);
    expect(parserWarnings(id).filter((w) => w.code !== 'mixed-line-endings')).toEqual([]);
  });

  it('shows an event whose blank line ends with a CR at once, not when more bytes come', async () => {
    const id = open('/cr-held');
    // The server sends nothing after the second event's final CR and keeps the stream open.
    const two = await h.until(id, (r) => r.kind === 'event' && r.data === 'two');
    expect(two).toMatchObject({ lastEventId: '2', start: 11, end: 28 });
    expect(h.of(id, 'event').map((e) => e.data)).toEqual(['one', 'two']);
    expect(parserWarnings(id)).toEqual([]);
  });

  it('decodes a UTF-8 character split between chunks', async () => {
    const id = open('/split-utf8');
    await h.finished(id);
    expect(h.of(id, 'chunk').length).toBeGreaterThan(1);
    expect(h.of(id, 'event').map((e) => e.data)).toEqual(['café ☕']);
    expect(parserWarnings(id)).toEqual([]);
  });

  it('keeps comments and reports invalid UTF-8 as a parser warning', async () => {
    const id = open('/comments');
    await h.finished(id);
    expect(h.of(id, 'comment').map((c) => c.text)).toEqual(['hello', 'keep-alive', 'trailing']);
    const bad = open('/invalid-utf8');
    await h.finished(bad);
    expect(h.of(bad, 'event')[0]!.data).toBe('a\uFFFD\uFFFDb');
    expect(h.of(bad, 'warning')[0]).toMatchObject({
      source: 'parser',
      code: 'invalid-utf8',
      offset: 7,
    });
  });

  it('marks an event cut off by the server as incomplete and does not dispatch it', async () => {
    const id = open('/close-mid-event');
    await h.finished(id);
    expect(h.of(id, 'event').map((e) => e.data)).toEqual(['complete']);
    expect(h.of(id, 'closed')[0]).toMatchObject({ reason: 'server-closed', incomplete: true });
    expect(h.of(id, 'warning').map((w) => w.code)).toContain('incomplete-event');
  });

  it('keeps up with a flood of tiny events', async () => {
    const id = open('/flood?count=100000');
    const status = await h.finished(id);
    expect(status.events).toBe(100_000);
    const events = h.of(id, 'event');
    expect(events[99_999]).toMatchObject({ index: 99_999, data: '99999' });
  });

  it('runs many connections at once, independently', async () => {
    h = createHarness();
    const ids = Array.from({ length: 12 }, (_, i) =>
      h.manager.open(
        testSpec(`${server.url}/drip?count=${i + 1}&interval=2`, { reconnect: { maxAttempts: 1 } }),
      ),
    );
    expect(new Set(ids).size).toBe(12);
    const statuses = await Promise.all(ids.map((id) => h.finished(id)));
    statuses.forEach((status, i) => expect(status.events).toBe(i + 1));
    expect(h.manager.list()).toHaveLength(12);
  });

  it('replays an LLM-style stream sent with POST', async () => {
    const id = open('/llm/anthropic?gap=1', {
      method: 'POST',
      body: '{"stream":true}',
      headers: [['Content-Type', 'application/json']],
    });
    await h.finished(id);
    const types = h.of(id, 'event').map((e) => e.type);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
  });

  it('reads the paced benchmark generator and the OpenAI-style replay', async () => {
    const paced = open('/stream?rate=2000&duration=0.1&size=medium');
    const status = await h.finished(paced);
    expect(status.events).toBeGreaterThan(20);
    expect(status.events).toBeLessThanOrEqual(200);
    const llm = open('/llm/openai?gap=0');
    await h.finished(llm);
    expect(h.of(llm, 'event').at(-1)!.data).toBe('[DONE]');
  });
});

describe('the fixture server', () => {
  it('reports the requests it received at /_requests', async () => {
    h = createHarness();
    server.clearRequests();
    const id = open('/resume?count=1', { lastEventId: '5' });
    await h.finished(id);
    const response = await fetch(`${server.url}/_requests?path=/resume`);
    const seen = (await response.json()) as Array<{ url: string; headers: string[][] }>;
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers).toContainEqual(['Last-Event-ID', '5']);
  });
});
