import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../shared/capture/records.ts';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { sessionStart } from '../workspace/test-fixtures.ts';
import { AttemptWriter } from '../files/attempt-writer.ts';
import { importInto } from '../files/import-target.ts';
import {
  captureInto,
  tempWorkspace,
  timelineOf,
  type TempWorkspace,
} from '../files/files-test-kit.ts';
import { exportSessionToFile } from '../files/export-session.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let fixture: FixtureServer;
let temp: TempWorkspace;
const replays: ReplayServer[] = [];
beforeAll(async () => (fixture = await startFixtureServer()));
afterAll(() => fixture.close());
beforeEach(() => (temp = tempWorkspace()));
afterEach(async () => {
  await Promise.all(replays.splice(0).map((server) => server.close()));
  temp.cleanup();
});

async function replay(options: Parameters<typeof startReplayServer>[0]): Promise<ReplayServer> {
  const server = await startReplayServer(options);
  replays.push(server);
  return server;
}

function events(id: number): Array<[number, string, string, string]> {
  return timelineOf(temp.workspace, id)
    .map((entry) => entry.record)
    .filter((record): record is EventRecord => record.kind === 'event')
    .map((e) => [e.attempt, e.type, e.lastEventId, e.data]);
}

const encoder = new TextEncoder();
/**
 * A stored session whose attempts' bodies arrive in the given pieces at the given times (ms from
 * the attempt's start), parsed like a capture; `#` in a piece becomes the attempt number.
 */
async function storedStream(
  pieces: Array<[t: number, text: string]>,
  attempts = 1,
): Promise<number> {
  const url = 'https://api.example.com/stream';
  const imported = await importInto(
    temp.workspace,
    { ...sessionStart(url), origin: 'import' },
    async (target) => {
      const writer = new AttemptWriter(target, sessionStart().startedAt);
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const t0 = (attempt - 1) * 1000;
        writer.startAttempt(t0, { method: 'GET', url, headers: [], bodyBytes: 0 }, null);
        writer.response(t0 + 5, {
          status: 200,
          statusText: 'OK',
          httpVersion: '1.1',
          headers: [['Content-Type', 'text/event-stream; charset=utf-8']],
          contentType: 'text/event-stream; charset=utf-8',
          url,
        });
        for (const [t, text] of pieces) {
          writer.body(t0 + t, encoder.encode(text.replaceAll('#', String(attempt))));
        }
        writer.end(t0 + 900, 'server-closed');
      }
      return { endedAt: 0, outcome: 'completed' };
    },
  );
  return imported.sessionId;
}

describe('replay server', () => {
  it('a capture of a replay gives the same events as the original capture', async () => {
    const original = await captureInto(temp.workspace, `${fixture.url}/drip?count=5&interval=3`, {
      reconnect: { maxAttempts: 1 },
    });
    const server = await replay({ workspace: temp.workspace, sessionId: original, speed: 0 });
    const again = await captureInto(temp.workspace, server.url, { reconnect: { maxAttempts: 3 } });
    expect(events(again)).toEqual(events(original));
    expect(events(again)).toHaveLength(5);
    // The replay told the reconnecting client that nothing was left (204 stops an EventSource).
    const summary = temp.workspace.getSession(again)!;
    expect(summary.attemptDetails.map((a) => a.status)).toEqual([200, 204]);
    expect(summary.outcome).toBe('completed');
  });

  it('continues a multi-attempt session where the reconnecting client left off', async () => {
    const original = await captureInto(temp.workspace, `${fixture.url}/resume?count=3&interval=1`, {
      reconnect: { maxAttempts: 2 },
    });
    expect(temp.workspace.getSession(original)!.attempts).toBe(2);
    const server = await replay({ workspace: temp.workspace, sessionId: original, speed: 0 });
    const again = await captureInto(temp.workspace, server.url, { reconnect: { maxAttempts: 5 } });
    expect(events(again)).toEqual(events(original));
    expect(events(again).map(([, , id]) => id)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('sends event-stream headers (CORS only when allowed: see replay-access.test.ts)', async () => {
    const id = await storedStream([[10, 'id: 1\ndata: a\n\n']]);
    const server = await replay({ workspace: temp.workspace, sessionId: id, speed: 0 });
    const response = await fetch(server.url, { headers: { Origin: 'https://page.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toBe('id: 1\ndata: a\n\n');
  });

  it('resumes with the next attempt when only keep-alives followed that event', async () => {
    // Replaying the keep-alives would end the response with nothing new, and the client would
    // reconnect with the same Last-Event-ID forever.
    const id = await storedStream(
      [
        [0, 'id: #\ndata: a\n\n'],
        [10, ': keep-alive\n\n'],
      ],
      2,
    );
    const server = await replay({ workspace: temp.workspace, sessionId: id, speed: 0 });
    const resumed = await fetch(server.url, { headers: { 'Last-Event-ID': '1' } });
    expect(await resumed.text()).toBe('id: 2\ndata: a\n\n: keep-alive\n\n');
    const done = await fetch(server.url, { headers: { 'Last-Event-ID': '2' } });
    expect(done.status).toBe(204);
  });

  it('resumes just after the event named by Last-Event-ID, even inside a chunk', async () => {
    const id = await storedStream([[0, 'id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n']]);
    const server = await replay({ workspace: temp.workspace, sessionId: id, speed: 0 });
    const resumed = await fetch(server.url, { headers: { 'Last-Event-ID': '2' } });
    expect(await resumed.text()).toBe('id: 3\ndata: c\n\n');
    const unknown = await fetch(server.url, { headers: { 'Last-Event-ID': 'nope' } });
    expect(await unknown.text()).toBe('id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n');
    const end = await fetch(server.url, { headers: { 'Last-Event-ID': '3' } });
    expect(end.status).toBe(204);
  });

  it('keeps the recorded chunking and timing, divided by the speed', async () => {
    // Recorded a minute apart, played 600 times faster: 100 ms apart. Played at any other speed
    // (or at the recorded one) it would take minutes, and the read below gives up.
    const id = await storedStream([
      [5, 'data: a\n\n'],
      [60_005, 'data: b\n\n'],
      [120_005, 'data: c\n\n'],
    ]);
    const server = await replay({ workspace: temp.workspace, sessionId: id, speed: 600 });
    const started = performance.now();
    const response = await fetch(server.url);
    const reader = response.body!.getReader();
    const arrivals: Array<[number, string]> = [];
    const read = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        arrivals.push([performance.now() - started, new TextDecoder().decode(value)]);
      }
    };
    let limit: NodeJS.Timeout | undefined;
    await Promise.race([
      read(),
      new Promise((_, reject) => {
        limit = setTimeout(() => reject(new Error('the replay is not 600 times faster')), 30_000);
      }),
    ]).finally(() => clearTimeout(limit));
    // One write per recorded chunk (server and client share this process's event loop, so a
    // write cannot join the next one however busy the machine is).
    expect(arrivals.map(([, text]) => text)).toEqual(['data: a\n\n', 'data: b\n\n', 'data: c\n\n']);
    // Never sooner than its recorded time ÷ 600 (a busy machine can only make it later).
    expect(arrivals[1]![0]).toBeGreaterThan(95);
    expect(arrivals[2]![0]).toBeGreaterThan(195);
  });

  it('serves another attempt with `attempt`, and loops', async () => {
    const id = await storedStream([[0, 'data: attempt #\n\n']], 2);
    const second = await replay({ workspace: temp.workspace, sessionId: id, speed: 0, attempt: 2 });
    expect(await (await fetch(second.url)).text()).toBe('data: attempt 2\n\n');
    const looping = await replay({
      workspace: temp.workspace,
      sessionId: id,
      speed: 0,
      loop: true,
    });
    const reader = (await fetch(looping.url)).body!.getReader();
    let text = '';
    while (text.length < 60) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text.startsWith('data: attempt 1\n\ndata: attempt 1\n\ndata: attempt 1\n\n')).toBe(true);
    await expect(
      startReplayServer({ workspace: temp.workspace, sessionId: id, attempt: 3 }),
    ).rejects.toThrow('has no attempt 3');
  });

  it('serves a session file without a workspace', async () => {
    const id = await storedStream([[0, 'id: 7\nevent: tick\ndata: from a file\n\n']]);
    const path = join(temp.dir, 'served.ssesession.json');
    await exportSessionToFile(temp.workspace, id, path, { format: 'json' });
    const server = await replay({ file: path, speed: 0 });
    expect(await (await fetch(server.url)).text()).toBe(
      'id: 7\nevent: tick\ndata: from a file\n\n',
    );
  });
});
