import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { everyKindOfRecord, sessionStart } from '../workspace/test-fixtures.ts';
import type { EventRecord } from '../../../shared/capture/records.ts';
import {
  captureInto,
  exportToText,
  storeSession,
  tempWorkspace,
  timelineOf,
  type TempWorkspace,
} from './files-test-kit.ts';
import { harSchema, type Har } from './har-schema.ts';
import { importSessionFile } from './import-session.ts';

const chromeHar = fileURLToPath(new URL('./fixtures/chrome-eventsource.har', import.meta.url));

let server: FixtureServer;
let temp: TempWorkspace;
beforeAll(async () => (server = await startFixtureServer()));
afterAll(() => server.close());
beforeEach(() => (temp = tempWorkspace()));
afterEach(() => temp.cleanup());

function events(id: number): EventRecord[] {
  return timelineOf(temp.workspace, id)
    .map((entry) => entry.record)
    .filter((record): record is EventRecord => record.kind === 'event');
}

async function exportHar(id: number): Promise<Har> {
  const text = await exportToText(temp.workspace, id, { format: 'har' });
  const parsed = harSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
  return parsed.data;
}

describe('HAR export', () => {
  it('is valid HAR 1.2 with one entry per attempt, body text and Chrome-shaped events', async () => {
    const id = await captureInto(temp.workspace, `${server.url}/resume?count=2&interval=1`, {
      reconnect: { maxAttempts: 2 },
    });
    const har = await exportHar(id);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('SSE Inspector');
    expect(har.log.entries).toHaveLength(2);
    const [first, second] = har.log.entries as Array<
      Har['log']['entries'][number] & Record<string, unknown>
    >;
    expect(first!.response.status).toBe(200);
    expect(first!.response.content.mimeType).toMatch(/^text\/event-stream/);
    expect(first!.response.content.text).toBe('id: 1\ndata: event 1\n\nid: 2\ndata: event 2\n\n');
    expect(first!.response.content.encoding).toBeUndefined();
    expect(first!.response.content.size).toBe(first!.response.content.text!.length);
    expect(first!.request.httpVersion).toMatch(/^HTTP\//);
    expect(first!.timings.wait).toBeGreaterThanOrEqual(0);
    expect(first!.time).toBeCloseTo(
      first!.timings.send + first!.timings.wait + first!.timings.receive,
      2,
    );
    const messages = first!._eventSourceMessages as Array<Record<string, unknown>>;
    expect(messages).toHaveLength(2);
    expect(Object.keys(messages[0]!).sort()).toEqual(['data', 'eventId', 'eventName', 'time']);
    expect(messages[0]).toMatchObject({ eventName: 'message', eventId: '1', data: 'event 1' });
    const startedAt = temp.workspace.getSession(id)!.startedAt;
    expect(messages[0]!.time as number).toBeGreaterThanOrEqual(startedAt / 1000);
    expect(messages[0]!.time as number).toBeLessThan(startedAt / 1000 + 60);
    expect(second!.request.headers).toContainEqual({ name: 'Last-Event-ID', value: '2' });
    expect((second!._eventSourceMessages as unknown[]).length).toBe(2);
    expect(second!._sseInspector).toMatchObject({ attempt: 2, reason: 'reconnect' });
  });

  it('writes a body that is not UTF-8 as base64', async () => {
    const id = await captureInto(temp.workspace, `${server.url}/invalid-utf8`, {
      reconnect: { maxAttempts: 1 },
    });
    const entry = (await exportHar(id)).log.entries[0]!;
    expect(entry.response.content.encoding).toBe('base64');
    expect(Buffer.from(entry.response.content.text!, 'base64')).toEqual(
      Buffer.from([...Buffer.from('data: a'), 0xff, 0xfe, ...Buffer.from('b\n\n')]),
    );
  });

  it('writes failed attempts (no response) as status 0 entries', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    const har = await exportHar(id);
    expect(har.log.entries.map((e) => e.response.status)).toEqual([200, 0]);
    expect(har.log.entries[1]!.response.content).toEqual({
      size: 0,
      mimeType: 'x-unknown',
      text: '',
    });
  });

  it('round-trips through import: same events, types, ids and data', async () => {
    const id = await captureInto(temp.workspace, `${server.url}/resume?count=3&interval=1`, {
      reconnect: { maxAttempts: 2 },
    });
    const path = join(temp.dir, 'ours.har');
    writeFileSync(path, await exportToText(temp.workspace, id, { format: 'har' }));
    const result = await importSessionFile(temp.workspace, path);
    expect(result.format).toBe('har');
    expect(result.sessions).toHaveLength(1);
    const imported = result.sessions[0]!.sessionId;
    const strip = (e: EventRecord) => [e.attempt, e.type, e.data, e.lastEventId, e.start, e.end];
    expect(events(imported).map(strip)).toEqual(events(id).map(strip));
    expect(temp.workspace.getSession(imported)!.attempts).toBe(2);
    expect(result.notes).toEqual([]);
  });
});

describe('HAR import', () => {
  it('imports a Chrome HAR from _eventSourceMessages, ignoring other requests', async () => {
    const result = await importSessionFile(temp.workspace, chromeHar);
    expect(result.sessions).toHaveLength(1);
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(session.origin).toBe('import');
    expect(session.url).toBe('https://app.example.com/api/updates?channel=ops');
    expect(session.startedAt).toBe(Date.parse('2024-05-01T10:00:00.300Z'));
    // Pseudo-headers are not request headers a user could send.
    expect(session.spec.headers.map(([name]) => name)).toEqual([
      'accept',
      'cache-control',
      'cookie',
      'user-agent',
    ]);
    expect(session.attempts).toBe(2);
    expect(session.attemptDetails[0]!.errorMessage).toBe('net::ERR_HTTP2_PROTOCOL_ERROR');
    expect(session.attemptDetails[1]!.lastEventId).toBe('42');
    expect(events(session.id).map((e) => [e.attempt, e.type, e.lastEventId, e.data])).toEqual([
      [1, 'message', '', 'connected'],
      [1, 'status', '41', '{"cpu":0.42}'],
      [1, 'status', '42', 'line one\nline two'],
      [2, 'status', '43', '{"cpu":0.40}'],
    ]);
    // Times come from the messages (seconds since the epoch).
    expect(events(session.id).map((e) => Math.round(e.t))).toEqual([30, 800, 1750, 5650]);
    expect(result.notes.join(' ')).toMatch(/rebuilt/);
    // The rebuilt stream's byte ranges point at the rebuilt bytes.
    const event = events(session.id)[2]!;
    const bytes = temp.workspace
      .readChunks(session.id, { attempt: 1, fromOffset: event.start, toOffset: event.end })
      .map((c) => Buffer.from(c.bytes))
      .reduce((a, b) => Buffer.concat([a, b]));
    expect(bytes.toString()).toContain('data: line one\ndata: line two\n');
  });

  it('keeps a method a request cannot be sent with as recorded, and says what running it again sends', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'x', version: '1' },
        entries: [
          {
            startedDateTime: '2024-05-01T10:00:00.000Z',
            time: 5,
            request: { method: 'QUERY', url: 'https://api.example.com/q', headers: [] },
            response: {
              status: 200,
              headers: [{ name: 'Content-Type', value: 'text/event-stream' }],
              content: { mimeType: 'text/event-stream', text: 'data: hi\n\n' },
            },
          },
        ],
      },
    };
    const path = join(temp.dir, 'query.har');
    writeFileSync(path, JSON.stringify(har));
    const result = await importSessionFile(temp.workspace, path);
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(session.spec.method).toBe('GET');
    expect(result.notes).toEqual([
      'The QUERY request is imported as recorded; running it again sends GET (a request can be GET, POST, PUT, PATCH, DELETE).',
    ]);
    expect(events(session.id).map((e) => e.data)).toEqual(['hi']);
  });

  it('parses response.content.text as a stream when there are no messages', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'Firefox', version: '126.0' },
        entries: [
          {
            startedDateTime: '2024-05-01T10:00:00.000+02:00',
            time: 50,
            request: {
              method: 'POST',
              url: 'https://api.example.com/v1/chat',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'Content-Type', value: 'application/json' }],
              postData: { mimeType: 'application/json', text: '{"stream":true}' },
            },
            response: {
              status: 200,
              statusText: 'OK',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'Content-Type', value: 'text/event-stream' }],
              content: {
                mimeType: 'text/event-stream',
                encoding: 'base64',
                text: Buffer.from('event: delta\ndata: hi\n\ndata: [DONE]\n\n').toString('base64'),
              },
            },
            timings: { send: 1, wait: 10, receive: 39 },
          },
        ],
      },
    };
    const path = join(temp.dir, 'firefox.har');
    writeFileSync(path, JSON.stringify(har));
    const result = await importSessionFile(temp.workspace, path);
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(session.spec.method).toBe('POST');
    expect(session.spec.body).toBe('{"stream":true}');
    expect(events(session.id).map((e) => [e.type, e.data, e.start, e.end])).toEqual([
      ['delta', 'hi', 0, 23],
      ['message', '[DONE]', 23, 37],
    ]);
    expect(session.outcome).toBe('completed');
  });
});
