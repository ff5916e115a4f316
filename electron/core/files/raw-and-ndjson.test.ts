import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../shared/capture/records.ts';
import { everyKindOfRecord, sessionStart } from '../workspace/test-fixtures.ts';
import {
  exportToText,
  storeSession,
  tempWorkspace,
  timelineOf,
  type TempWorkspace,
} from './files-test-kit.ts';
import { exportSessionToStream } from './export-session.ts';
import { importSessionFile } from './import-session.ts';
import { parseHeaderBlocks } from './import-raw.ts';
import { PassThrough } from 'node:stream';

let temp: TempWorkspace;
beforeEach(() => (temp = tempWorkspace()));
afterEach(() => temp.cleanup());

const stream = 'retry: 1000\n\nid: 1\nevent: greet\ndata: hello\n\nid: 2\ndata: wor\ndata: ld\n\n';

function file(name: string, content: string | Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

function events(id: number): EventRecord[] {
  return timelineOf(temp.workspace, id)
    .map((entry) => entry.record)
    .filter((record): record is EventRecord => record.kind === 'event');
}

describe('raw capture import', () => {
  it('imports `curl -N` output as one attempt, with byte ranges in the file', async () => {
    const result = await importSessionFile(temp.workspace, file('capture.sse', stream), {
      url: 'https://api.example.com/stream',
    });
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(result.format).toBe('raw');
    expect(session.url).toBe('https://api.example.com/stream');
    expect(session.name).toBe('Raw capture capture.sse');
    expect(session.attempts).toBe(1);
    expect(session.bytes).toBe(stream.length);
    expect(session.attemptDetails[0]!.status).toBe(200);
    expect(events(session.id).map((e) => [e.type, e.data, e.lastEventId, e.start, e.end])).toEqual([
      ['greet', 'hello', '1', 13, stream.indexOf('id: 2')],
      ['message', 'wor\nld', '2', stream.indexOf('id: 2'), stream.length],
    ]);
    const kinds = timelineOf(temp.workspace, session.id).map((e) => e.record.kind);
    expect(kinds).toEqual(['attempt', 'response', 'retry', 'event', 'event', 'closed']);
  });

  it('strips the status line and headers `curl -i` prints, following redirects', async () => {
    const head =
      'HTTP/1.1 302 Found\r\nLocation: /v2/stream\r\nContent-Length: 0\r\n\r\n' +
      'HTTP/2 200\r\ncontent-type: text/event-stream; charset=utf-8\r\ncache-control: no-cache\r\n\r\n';
    const result = await importSessionFile(temp.workspace, file('curl-i.txt', head + stream), {
      url: 'https://api.example.com/stream',
    });
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    const attempt = session.attemptDetails[0]!;
    expect(attempt).toMatchObject({
      status: 200,
      httpVersion: '2.0',
      contentType: 'text/event-stream; charset=utf-8',
      finalUrl: 'https://api.example.com/v2/stream',
      redirects: 1,
    });
    expect(attempt.responseHeaders).toEqual([
      ['content-type', 'text/event-stream; charset=utf-8'],
      ['cache-control', 'no-cache'],
    ]);
    expect(session.bytes).toBe(stream.length);
    expect(events(session.id)[0]!.start).toBe(13);
  });

  it('treats text that only looks like a status line as body', () => {
    expect(
      parseHeaderBlocks(new TextEncoder().encode('HTTP/1.1 200 OK\nno colon here\n\n')),
    ).toEqual({
      blocks: [],
      bodyStart: 0,
    });
    expect(parseHeaderBlocks(new TextEncoder().encode('data: x\n\n')).bodyStart).toBe(0);
  });
});

describe('raw and NDJSON export', () => {
  it('raw: every attempt back to back, or one attempt', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    const first = everyKindOfRecord().find((r) => r.kind === 'chunk')!;
    const expected = new TextDecoder().decode(first.kind === 'chunk' ? first.bytes : undefined);
    expect(await exportToText(temp.workspace, id, { format: 'raw' })).toBe(expected);
    expect(await exportToText(temp.workspace, id, { format: 'raw', attempt: 2 })).toBe('');
    await expect(
      exportSessionToStream(temp.workspace, id, new PassThrough(), { format: 'raw', attempt: 9 }),
    ).rejects.toThrow('Session 1 has no attempt 9 (it has 2).');
  });

  it('raw export of an imported raw file gives back the same bytes', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(stream), 0xff, 0x0a, 0x0a]);
    const result = await importSessionFile(temp.workspace, file('bytes.sse', bytes));
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (c: Buffer) => parts.push(c));
    await exportSessionToStream(temp.workspace, result.sessions[0]!.sessionId, out, {
      format: 'raw',
    });
    out.end();
    await new Promise((resolve) => out.on('end', resolve));
    expect(new Uint8Array(Buffer.concat(parts))).toEqual(bytes);
  });

  it('ndjson: one object per event with its place in time and in the bytes', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    const lines = (await exportToText(temp.workspace, id, { format: 'ndjson' }))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      index: 0,
      type: 'message',
      data: 'hello',
      id: '1',
      attempt: 1,
      t: 6,
      wall: sessionStart().startedAt + 6,
      start: 6,
      end: 25,
    });
    expect(lines[1]).toMatchObject({ type: 'tick', data: '{"n":2}' });
  });

  it('refuses one attempt for formats that hold them all', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    await expect(
      exportSessionToStream(temp.workspace, id, new PassThrough(), { format: 'har', attempt: 1 }),
    ).rejects.toThrow(/only for raw or NDJSON/);
  });
});
