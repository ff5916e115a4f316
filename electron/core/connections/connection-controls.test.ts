import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  headerValue,
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
beforeEach(() => {
  server.clearRequests();
  h = createHarness();
});
afterEach(() => h.manager.closeAll());

function open(path: string, input: Parameters<typeof testSpec>[1] = {}): number {
  return h.manager.open(testSpec(`${server.url}${path}`, input));
}

function sentIds(path: string): Array<string | undefined> {
  return server
    .requests()
    .filter((r) => r.url.startsWith(path))
    .map((r) => headerValue(r, 'last-event-id'));
}

const isEvent = (data: string) => (r: { kind: string; data?: string }) =>
  r.kind === 'event' && r.data === data;

describe('reconnection as the spec describes it', () => {
  it("waits the server's retry time, then resumes with Last-Event-ID", async () => {
    const id = open('/retry-then-close?retry=30&count=2', {
      reconnect: { delayMode: 'spec', maxAttempts: 3 },
    });
    const status = await h.finished(id);
    expect(status).toMatchObject({ state: 'closed', attempt: 3, reconnectionTimeMs: 30 });
    const reconnects = h.of(id, 'reconnect');
    expect(reconnects.map((r) => [r.attempt, r.delayMs, r.lastEventId])).toEqual([
      [2, 30, '2'],
      [3, 30, '4'],
    ]);
    expect(reconnects[0]!.reason).toBe('server retry field: 30 ms');
    expect(h.of(id, 'attempt').map((a) => [a.reason, a.lastEventId])).toEqual([
      ['initial', null],
      ['reconnect', '2'],
      ['reconnect', '4'],
    ]);
    expect(sentIds('/retry-then-close')).toEqual([undefined, '2', '4']);
    expect(h.of(id, 'event').map((e) => e.data)).toEqual([
      'event 1',
      'event 2',
      'event 3',
      'event 4',
      'event 5',
      'event 6',
    ]);
    expect(h.of(id, 'warning').at(-1)).toMatchObject({ source: 'engine', code: 'reconnect-limit' });
    expect(h.store.session(id).outcome).toBe('closed');
  });

  it('schedules the default 3000 ms reconnect when the server sent no retry', async () => {
    const opened = Date.now();
    const id = open('/drip?count=1', { reconnect: { delayMode: 'spec' } });
    const waiting = await h.state(id, 'waiting');
    expect(waiting.nextDelayMs).toBe(3000);
    // Scheduled 3000 ms after some moment between the open and now, however long that took.
    expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(opened + 3000);
    expect(waiting.nextAttemptAt).toBeLessThanOrEqual(Date.now() + 3000);
    expect(h.of(id, 'reconnect')[0]).toMatchObject({
      delayMs: 3000,
      baseDelayMs: 3000,
      reason: 'default reconnection time 3000 ms',
      lastEventId: '1',
    });
    h.manager.close(id);
    expect(h.manager.get(id)).toMatchObject({ state: 'closed', nextAttemptAt: null });
    expect(h.of(id, 'control')[0]).toMatchObject({ action: 'disconnect' });
    expect(h.store.session(id).outcome).toBe('closed');
  });

  it('sends the initial Last-Event-ID from the request spec', async () => {
    const id = open('/resume?count=2', { lastEventId: '41', reconnect: { maxAttempts: 1 } });
    await h.finished(id);
    expect(sentIds('/resume')).toEqual(['41']);
    expect(h.of(id, 'event').map((e) => e.lastEventId)).toEqual(['42', '43']);
  });

  it('keeps the last event ID across an attempt that saw no id', async () => {
    const id = open('/resume?count=1', { lastEventId: '7', reconnect: { maxAttempts: 3 } });
    await h.until(id, (r) => r.kind === 'attempt' && r.attempt === 2);
    h.manager.close(id);
    // Attempt 1 got id 8; attempt 2 must still send 8 even before it sees any id.
    expect(h.of(id, 'attempt').map((a) => a.lastEventId)).toEqual(['7', '8']);
  });
});

describe('reconnect controls', () => {
  it('pauses automatic reconnection and resumes it', async () => {
    const id = open('/drip?count=1', { reconnect: { auto: false } });
    await h.state(id, 'paused');
    expect(h.of(id, 'reconnect')).toEqual([]);
    h.manager.setAutoReconnect(id, true);
    await h.until(id, (r) => r.kind === 'attempt' && r.attempt === 2);
    h.manager.setAutoReconnect(id, false);
    await h.state(id, 'paused');
    expect(h.of(id, 'control').map((c) => c.action)).toEqual(['resume', 'pause']);
    expect(h.of(id, 'attempt').map((a) => a.reason)).toEqual(['initial', 'reconnect']);
  });

  it('reconnects now from an open stream, sending the last event ID seen', async () => {
    const id = open('/resume?count=100&interval=20&hold=1');
    await h.until(id, isEvent('event 1'));
    h.manager.reconnectNow(id);
    await h.until(id, isEvent('event 2'));
    const closed = h.of(id, 'closed');
    expect(closed[0]).toMatchObject({ attempt: 1, reason: 'user-closed' });
    expect(h.of(id, 'reconnect')[0]).toMatchObject({ attempt: 2, delayMs: 0, lastEventId: '1' });
    expect(h.of(id, 'attempt')[1]).toMatchObject({ reason: 'manual', lastEventId: '1' });
    expect(sentIds('/resume')).toEqual([undefined, '1']);
  });

  it('reconnects now while waiting, and uses a Last-Event-ID set by the user', async () => {
    const id = open('/resume?count=1', { reconnect: { delayMode: 'spec' } });
    await h.state(id, 'waiting');
    h.manager.setNextLastEventId(id, '100');
    expect(h.manager.get(id).lastEventId).toBe('100');
    h.manager.reconnectNow(id);
    await h.until(id, isEvent('event 101'));
    h.manager.setNextLastEventId(id, null);
    await h.state(id, 'waiting');
    h.manager.reconnectNow(id);
    await h.until(id, (r) => r.kind === 'event' && r.attempt === 3);
    expect(sentIds('/resume')).toEqual([undefined, '100', undefined]);
    expect(h.of(id, 'control').map((c) => [c.action, c.detail])).toEqual([
      ['set-last-event-id', '100'],
      ['reconnect-now', 'reconnect immediately'],
      ['set-last-event-id', '(none)'],
      ['reconnect-now', 'reconnect immediately'],
    ]);
  });

  it('reschedules a waiting reconnect when the policy changes', async () => {
    const id = open('/drip?count=1', { reconnect: { delayMode: 'spec' } });
    await h.state(id, 'waiting');
    h.manager.setReconnectPolicy(id, { delayMode: 'fixed', fixedDelayMs: 5 });
    await h.until(id, (r) => r.kind === 'attempt' && r.attempt === 2);
    expect(h.of(id, 'reconnect').map((r) => r.delayMs)).toEqual([3000, 5]);
    expect(h.manager.get(id).policy).toMatchObject({ delayMode: 'fixed', fixedDelayMs: 5 });
  });

  it('backs off exponentially with a cap, within the jitter bounds', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const randoms = [0.999, 0, 0.5, 0.75];
    h = createHarness({ random: () => randoms.shift() ?? 0.5 });
    const policy = {
      delayMode: 'backoff',
      initialDelayMs: 10,
      multiplier: 2,
      maxDelayMs: 40,
    } as const;
    const id = h.manager.open(
      testSpec(`http://127.0.0.1:${port}/`, {
        reconnect: { ...policy, jitter: 0.5, maxAttempts: 5 } as const,
      }),
    );
    await h.finished(id);
    const reconnects = h.of(id, 'reconnect');
    expect(reconnects.map((r) => r.baseDelayMs)).toEqual([10, 20, 40, 40]);
    expect(reconnects.map((r) => r.delayMs)).toEqual([15, 10, 40, 40]);
    for (const r of reconnects) {
      expect(r.delayMs).toBeGreaterThanOrEqual(r.baseDelayMs * 0.5);
      expect(r.delayMs).toBeLessThanOrEqual(Math.min(40, r.baseDelayMs * 1.5));
    }
    expect(reconnects[2]!.reason).toBe('backoff step 3: 10 ms × 2^2 (+0% jitter)');
    expect(reconnects[3]!.reason).toBe('backoff step 4: 10 ms × 2^3, capped at 40 ms (+0% jitter)');
  });

  it('stops after the maximum number of attempts when the server keeps closing', async () => {
    const id = open('/drip?count=1', { reconnect: { maxAttempts: 2 } });
    const status = await h.finished(id);
    expect(status).toMatchObject({ state: 'closed', attempt: 2, events: 2 });
    expect(h.of(id, 'reconnect')).toHaveLength(1);
  });

  it('drops the socket abruptly and resumes like after a network drop', async () => {
    const id = open('/resume?count=1000&interval=10&hold=1');
    await h.until(id, isEvent('event 3'));
    h.manager.dropConnection(id);
    expect(h.of(id, 'closed')[0]).toMatchObject({ attempt: 1, reason: 'user-dropped' });
    await h.until(id, (r) => r.kind === 'event' && r.attempt === 2);
    const seen = server.requests().filter((r) => r.url.startsWith('/resume'));
    expect(seen).toHaveLength(2);
    expect(headerValue(seen[1]!, 'last-event-id')).toMatch(/^\d+$/);
    expect(Number(headerValue(seen[1]!, 'last-event-id'))).toBeGreaterThanOrEqual(3);
    expect(h.of(id, 'attempt')[1]).toMatchObject({ reason: 'reconnect' });
    expect(h.of(id, 'control')[0]).toMatchObject({ action: 'drop-connection' });
  });

  it('does not emit a status per event, and lets a record listener close mid-chunk', async () => {
    const id = open('/flood?count=20000');
    let statuses = 0;
    h.manager.onStatus(() => statuses++);
    h.manager.onRecord((connectionId, record) => {
      if (connectionId === id && record.kind === 'event' && record.index === 9) {
        h.manager.close(id);
      }
    });
    const status = await h.finished(id);
    expect(status.state).toBe('closed');
    expect(statuses).toBeLessThan(5);
    expect(h.of(id, 'closed')[0]).toMatchObject({ reason: 'user-closed' });
    expect(status.events).toBeGreaterThanOrEqual(10);
  });
});
