// The inspector against real SSE peers from npm: a better-sse server (its framing, keep-alive
// comments, retry and Last-Event-ID resume) captured by our engine, and the `eventsource` client
// consuming our replay server as it would any SSE endpoint.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSession } from 'better-sse';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../shared/capture/records.ts';
import {
  captureInto,
  tempWorkspace,
  timelineOf,
} from '../../electron/core/files/files-test-kit.ts';
import { startReplayServer } from '../../electron/core/replay/replay-server.ts';

const perConnection = 3;
const total = 6;
let server: Server;
let url: string;
const lastEventIds: Array<string | undefined> = [];

beforeAll(async () => {
  // Three events per connection, resumed after the client's Last-Event-ID; 204 once all are sent.
  server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/multiline') {
        // A custom serializer that keeps newlines: better-sse writes the later lines without a
        // `data:` prefix, so a client reads them as fields of their own.
        const session = await createSession(req, res, { serializer: (data) => String(data) });
        session.push('first line\nsecond: line', 'note', '1');
        res.end();
        return;
      }
      const header = req.headers['last-event-id'];
      lastEventIds.push(typeof header === 'string' ? header : undefined);
      const from = Number(header ?? 0);
      if (from >= total) {
        res.writeHead(204).end();
        return;
      }
      const session = await createSession(req, res, { retry: 100, keepAlive: 20 });
      for (let n = from + 1; n <= Math.min(total, from + perConnection); n++) {
        session.push({ n, text: 'ünïcödé ☕' }, n % 2 === 0 ? 'even' : 'odd', String(n));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const expectedEvents = Array.from({ length: total }, (_, i) => ({
  type: (i + 1) % 2 === 0 ? 'even' : 'odd',
  id: String(i + 1),
  data: JSON.stringify({ n: i + 1, text: 'ünïcödé ☕' }),
}));

describe('a better-sse server', () => {
  it('is captured event by event, with its retry, keep-alives and Last-Event-ID resume', async () => {
    const temp = tempWorkspace();
    try {
      lastEventIds.length = 0;
      const id = await captureInto(temp.workspace, url, { reconnect: { maxAttempts: 5 } });
      const records = timelineOf(temp.workspace, id).map((entry) => entry.record) as Array<
        Exclude<CaptureRecord, { kind: 'chunk' }>
      >;
      const events = records.filter((r) => r.kind === 'event');
      expect(events.map((e) => ({ type: e.type, id: e.lastEventId, data: e.data }))).toEqual(
        expectedEvents,
      );
      expect(events.map((e) => e.attempt)).toEqual([1, 1, 1, 2, 2, 2]);
      // The server saw our Last-Event-ID on each reconnect and told us to stop with a 204.
      expect(lastEventIds).toEqual([undefined, '3', '6']);
      const attempts = records.filter((r) => r.kind === 'attempt');
      expect(attempts.map((a) => a.lastEventId)).toEqual([null, '3', '6']);
      expect(records.filter((r) => r.kind === 'retry').map((r) => r.ms)).toEqual([100, 100]);
      expect(records.some((r) => r.kind === 'comment')).toBe(true);
      expect(records.filter((r) => r.kind === 'warning')).toEqual([]);
      const error = records.find((r) => r.kind === 'error');
      expect(error?.message).toMatch(/204/);
    } finally {
      temp.cleanup();
    }
  });
});

describe('a better-sse server with newlines in its data', () => {
  it('shows the event as a browser gets it, and flags the unprefixed line', async () => {
    const temp = tempWorkspace();
    try {
      const id = await captureInto(temp.workspace, url.replace('/events', '/multiline'), {
        reconnect: { maxAttempts: 1 },
      });
      const records = timelineOf(temp.workspace, id).map((entry) => entry.record);
      const events = records.filter((r) => r.kind === 'event');
      expect(events.map((e) => [e.type, e.data])).toEqual([['note', 'first line']]);
      const warnings = records.filter(
        (r): r is Extract<CaptureRecord, { kind: 'warning' }> =>
          r.kind === 'warning' && r.source === 'parser',
      );
      expect(warnings.map((w) => [w.code, w.message])).toEqual([
        ['unknown-field', 'unknown field "second" ignored'],
      ]);
    } finally {
      temp.cleanup();
    }
  });
});

describe('the eventsource client from npm', () => {
  it('consumes a replayed capture as it would the live server, resuming after a reconnect', async () => {
    const temp = tempWorkspace();
    try {
      const id = await captureInto(temp.workspace, url, { reconnect: { maxAttempts: 5 } });
      const replay = await startReplayServer({ workspace: temp.workspace, sessionId: id });
      try {
        const received: Array<{ type: string; id: string; data: string }> = [];
        const source = new EventSource(replay.url);
        const done = new Promise<void>((resolve, reject) => {
          // Only bounds a hang: the replay plays in real time, and a busy machine is slow.
          const timer = setTimeout(() => reject(new Error('the client did not finish')), 30_000);
          const take = (event: MessageEvent<string>) => {
            received.push({ type: event.type, id: event.lastEventId, data: event.data });
          };
          source.addEventListener('odd', take);
          source.addEventListener('even', take);
          // After the recording ends the client reconnects with Last-Event-ID: 3; the replay
          // continues with the second attempt, then answers 204 and the client stops.
          source.addEventListener('error', () => {
            if (source.readyState === EventSource.CLOSED) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        await done;
        source.close();
        expect(received).toEqual(expectedEvents);
      } finally {
        await replay.close();
      }
    } finally {
      temp.cleanup();
    }
  });
});
