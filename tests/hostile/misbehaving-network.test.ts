// Hostile servers at the connection level: a slow loris, a reset mid-chunk, a server that never
// answers, a redirect loop, absurd response headers and a reconnect storm. The user must see a
// clear error (category + message + the ConnectionStatus error), keep every byte received, be
// able to disconnect at any time, and the app must keep working for the next connection.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closestPushes,
  closeOpenRigs,
  createRig,
  FRAME_INTERVAL_MS,
  LiveMemoryProbe,
  MiB,
  mib,
  report,
} from './hostile-kit.ts';
import { hostileRoutes } from './hostile-routes.ts';
import {
  startHostileServer,
  startRawServer,
  type HostileExchange,
  type HostileServer,
} from './hostile-server.ts';

let server: HostileServer;
let silent: Awaited<ReturnType<typeof startRawServer>>;

const slowBody = 'data: slow\n\n';

beforeAll(async () => {
  server = await startHostileServer({
    ...hostileRoutes,
    /** `slowBody` one byte every `every` ms, `rounds` times over, then the end. */
    '/slow': async (exchange) => {
      const every = Number(exchange.request.query.get('every') ?? 20);
      const rounds = Number(exchange.request.query.get('rounds') ?? 1);
      exchange.sse();
      const bytes = Buffer.from(slowBody.repeat(rounds));
      for (let i = 0; i < bytes.length; i++) {
        if (!(await exchange.write(bytes.subarray(i, i + 1)))) return;
        await exchange.sleep(every);
      }
      await exchange.end();
    },
    /** One event and half of the next; the test resets the connection when it wants. */
    '/half': async (exchange) => {
      exchange.sse();
      await exchange.write('id: 1\ndata: one\n\ndata: tw');
    },
    '/loop': (exchange) => {
      exchange.head(302, [['Location', '/loop']], 'Found');
      exchange.socket.end();
    },
    /** `count` response headers `X-Filler-n: v`, or one header of `kb` KiB. */
    '/headers': async (exchange) => {
      const count = Number(exchange.request.query.get('count') ?? 0);
      const kb = Number(exchange.request.query.get('kb') ?? 0);
      const headers: Array<[string, string]> = [['Content-Type', 'text/event-stream']];
      for (let i = 0; i < count; i++) headers.push([`X-Filler-${i}`, 'v']);
      if (kb > 0) headers.push(['X-Huge', 'h'.repeat(kb * 1024)]);
      exchange.head(200, headers);
      await exchange.write('data: headers ok\n\n');
      await exchange.end();
    },
  });
  // Accepts TCP connections, reads the request and never answers.
  silent = await startRawServer((socket) => socket.resume());
});
afterEach(closeOpenRigs);
afterAll(async () => {
  await server.close();
  await silent.close();
});

const normal = (): string => `${server.url}/normal`;

function lastExchange(path: string): HostileExchange {
  return server.exchanges.filter((e) => e.request.path === path).at(-1)!;
}

describe('a slow loris (one byte at a time)', () => {
  it('records each byte as it arrives and lets the user disconnect at any time', async () => {
    const rig = createRig();
    const id = rig.connect(`${server.url}/slow?every=40&rounds=20`);
    // Bytes are recorded as they come, not held until an event completes.
    await rig.waitFor(id, (s) => s.bytes >= 5, 10_000, '5 bytes');
    expect(rig.status(id)).toMatchObject({ state: 'open', events: 0 });
    await rig.waitFor(id, (s) => s.events >= 1, 10_000, 'the first event');
    rig.core.disconnect(id);
    const status = rig.status(id);
    expect(status).toMatchObject({ state: 'closed', outcome: 'closed', error: null });
    const received = status.bytes;
    expect(received).toBeGreaterThanOrEqual(slowBody.length);
    expect(received).toBeLessThan(slowBody.length * 20);
    const recorded = rig.recordedChunkBytes(id);
    expect(recorded).toEqual({ bytes: received, chunks: received });
    await rig.expectStillWorks(normal());
    const session = (await rig.close()).get(id)!;
    expect(session).toMatchObject({ outcome: 'closed', bytes: received, chunks: received });
    expect(session.attemptDetails[0]!.closeReason).toBe('user-closed');
  });

  it("fails with 'timeout' when a byte takes longer than the idle timeout, keeping the bytes", async () => {
    const rig = createRig();
    // The second byte would come a minute later: only the idle timeout can end this.
    const id = rig.connect(`${server.url}/slow?every=60000`, { idleTimeoutMs: 150 });
    const status = await rig.finished(id);
    expect(status.error).toEqual({
      category: 'timeout',
      message: expect.stringMatching(/^no data from the server for 150 ms \(idle timeout\)/),
    });
    expect(status.bytes).toBe(1);
    expect(rig.recordedChunkBytes(id).bytes).toBe(1);
    expect(rig.ui.problems.find((e) => e.record.kind === 'error')!.record).toMatchObject({
      category: 'timeout',
    });
    const session = (await rig.close()).get(id)!;
    expect(session.attemptDetails[0]).toMatchObject({ closeReason: 'idle-timeout', bytes: 1 });
  });

  it('keeps a slow stream open when bytes come within the idle timeout', async () => {
    const rig = createRig();
    // A byte every 20 ms for over 1.4 s in all, with a 1 s idle timeout: the stream outlasts the
    // timeout many times over only because each byte restarts it, and a machine would have to
    // stall for most of a second between two bytes to see a timeout.
    const rounds = 6;
    const id = rig.connect(`${server.url}/slow?every=20&rounds=${rounds}`, {
      idleTimeoutMs: 1000,
    });
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'closed', error: null, events: rounds });
    expect(status.bytes).toBe(slowBody.length * rounds);
    await rig.close();
  });
});

describe('a reset in the middle of a chunk', () => {
  it("reports 'reset', keeps the bytes before it and schedules a reconnect", async () => {
    const rig = createRig();
    const id = rig.connect(`${server.url}/half`, {
      reconnect: { maxAttempts: null, fixedDelayMs: 60_000 },
    });
    const written = 'id: 1\ndata: one\n\ndata: tw'.length;
    // Reset only once the client has every byte, so the test knows exactly what arrived.
    await rig.waitFor(id, (s) => s.bytes === written, 10_000, 'the bytes before the reset');
    lastExchange('/half').reset();
    const status = await rig.waitFor(id, (s) => s.state === 'waiting', 10_000, 'a reconnect');
    expect(status.error?.category).toBe('reset');
    expect(status.error?.message).toMatch(/ECONNRESET|other side closed|reset/i);
    expect(status).toMatchObject({ events: 1, bytes: written, nextDelayMs: 60_000 });
    expect(rig.recordedChunkBytes(id).bytes).toBe(written);
    const kinds = rig.timeline(id).map((e) => e.record.kind);
    expect(kinds.slice(-4)).toEqual(['warning', 'error', 'closed', 'reconnect']);
    // The cut event is reported as incomplete and the next attempt is waiting: disconnect.
    rig.core.disconnect(id);
    const session = (await rig.close()).get(id)!;
    expect(session).toMatchObject({ outcome: 'closed', bytes: written, events: 1, attempts: 1 });
    expect(session.attemptDetails[0]).toMatchObject({
      closeReason: 'network-error',
      incomplete: true,
      errorCategory: 'reset',
    });
  });
});

describe('a server that accepts the connection and never answers', () => {
  it("fails with 'timeout' when an idle timeout is set", async () => {
    const rig = createRig();
    const id = rig.connect(`http://127.0.0.1:${silent.port}/`, { idleTimeoutMs: 200 });
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'failed', bytes: 0 });
    expect(status.error).toEqual({
      category: 'timeout',
      message: expect.stringMatching(/^no data from the server for 200 ms \(idle timeout\)/),
    });
    await rig.expectStillWorks(normal());
    await rig.close();
  });

  it("waits without one, until the user disconnects: the session ends 'closed'", async () => {
    const rig = createRig();
    const id = rig.connect(`http://127.0.0.1:${silent.port}/`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.status(id)).toMatchObject({ state: 'connecting', bytes: 0, error: null });
    rig.core.disconnect(id);
    expect(rig.status(id)).toMatchObject({ state: 'closed', outcome: 'closed' });
    const kinds = rig.timeline(id).map((e) => e.record.kind);
    expect(kinds).toEqual(['attempt', 'control', 'closed']);
    await rig.expectStillWorks(normal());
    const session = (await rig.close()).get(id)!;
    expect(session).toMatchObject({ outcome: 'closed', attempts: 1, bytes: 0, entries: 3 });
  });
});

describe('a redirect loop', () => {
  it("fails with 'redirect' after recording every hop up to the limit, without reconnecting", async () => {
    const rig = createRig();
    const before = server.exchanges.length;
    // Automatic reconnects on, no attempt limit: the loop still must not become a storm.
    const id = rig.connect(`${server.url}/loop`, { reconnect: { maxAttempts: null } });
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'failed', attempt: 1, outcome: 'failed' });
    expect(status.error?.category).toBe('redirect');
    expect(status.error?.message).toMatch(/more than 20 redirects/);
    const timeline = rig.timeline(id);
    expect(timeline.filter((e) => e.record.kind === 'redirect')).toHaveLength(20);
    expect(server.exchanges.length - before).toBe(21);
    // Failed for good: no reconnect was scheduled (a storm would start with one).
    expect(timeline.filter((e) => e.record.kind === 'reconnect')).toEqual([]);
    expect(rig.status(id)).toMatchObject({ attempt: 1, nextAttemptAt: null });
    await rig.expectStillWorks(normal());
    await rig.close();
  });
});

describe('absurd response headers', () => {
  it('records a thousand headers in wire order', async () => {
    const rig = createRig();
    const id = rig.connect(`${server.url}/headers?count=1000`);
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'closed', events: 1, error: null });
    const response = rig.timeline(id).find((e) => e.record.kind === 'response')!.record as {
      headers: Array<[string, string]>;
    };
    expect(response.headers).toHaveLength(1002);
    expect(response.headers.slice(1, 4).map(([name]) => name)).toEqual([
      'X-Filler-0',
      'X-Filler-1',
      'X-Filler-2',
    ]);
    await rig.close();
  });

  it.each([
    ['5,000 small headers', 'count=5000'],
    ['one 100 KiB header', 'kb=100'],
  ])("refuses %s with a clear 'protocol' error, and goes on working", async (_name, query) => {
    const rig = createRig();
    const id = rig.connect(`${server.url}/headers?${query}`);
    const status = await rig.finished(id);
    expect(status.state).toBe('failed');
    expect(status.error?.category).toBe('protocol');
    expect(status.error?.message).toMatch(/^response headers too large/);
    await rig.expectStillWorks(normal());
    await rig.close();
  });
});

describe('a reconnect storm (retry: 0, then close, forever)', () => {
  it('reconnects at the spec rate while the UI and memory stay fine', async () => {
    const rig = createRig();
    const probe = new LiveMemoryProbe();
    const id = rig.connect(`${server.url}/retry-zero`, {
      reconnect: { delayMode: 'spec', maxAttempts: null },
    });
    // A count of attempts, not a stretch of time: how long 200 attempts take depends on the
    // machine (the event-loop delay a storm causes is a budget of `npm run bench`).
    await rig.waitFor(id, (s) => s.attempt >= 200, undefined, '200 attempts');
    probe.checkpoint();
    rig.core.disconnect(id);
    const memory = probe.stop();
    const attempts = rig.status(id).attempt;
    report('reconnect storm', {
      attempts,
      pushes: rig.ui.pushes,
      livePeak: mib(memory.peak),
      retained: mib(memory.retained),
    });
    expect(rig.status(id)).toMatchObject({ state: 'closed', outcome: 'closed' });
    // The spec rate: the server's retry time, 0 ms, every time.
    const reconnects = rig.timeline(id).filter((e) => e.record.kind === 'reconnect');
    expect(reconnects.length).toBeGreaterThanOrEqual(199);
    for (const { record } of reconnects) expect(record).toMatchObject({ delayMs: 0 });
    // The UI got pushes no closer than one frame interval, however many attempts there were.
    expect(rig.ui.pushes).toBeGreaterThan(1);
    expect(closestPushes(rig.ui.pushTimes)).toBeGreaterThanOrEqual(FRAME_INTERVAL_MS);
    // Attempts cost no memory that stays: 200 of them hold next to nothing after a GC.
    expect(memory.peak).toBeLessThan(16 * MiB);
    expect(memory.retained).toBeLessThan(8 * MiB);
    await rig.expectStillWorks(normal());
    const session = (await rig.close()).get(id)!;
    expect(session.attempts).toBe(attempts);
    expect(session.outcome).toBe('closed');
  });
});
