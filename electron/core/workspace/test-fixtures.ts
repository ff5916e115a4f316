// Shared helpers for the workspace tests (not part of the app).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionStart } from '../capture-store.ts';
import type { CaptureRecord, ChunkRecord, EventRecord } from '../../../shared/capture/records.ts';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import { afterEach, beforeEach } from 'vitest';
import { Workspace } from './workspace.ts';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sse-workspace-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Each test of the calling file gets a workspace file in a fresh folder (a real file: WAL, other
 * connections); `workspace` may be replaced (reopened) and is closed after the test.
 */
export function workspaceFilePerTest(): { dir: string; path: string; workspace: Workspace } {
  const place = { dir: '', path: '', workspace: null as unknown as Workspace };
  let remove = (): void => {};
  beforeEach(() => {
    ({ dir: place.dir, remove } = tempDir());
    place.path = join(place.dir, 'workspace.db');
    place.workspace = Workspace.open(place.path);
  });
  afterEach(() => {
    place.workspace.close();
    remove();
  });
  return place;
}

export function sessionStart(url = 'https://api.example.com/stream', name?: string): SessionStart {
  const start: SessionStart = {
    spec: parseRequestSpec({ url, headers: [['Accept', 'text/event-stream']] }),
    startedAt: 1_700_000_000_000,
    origin: 'live',
  };
  if (name !== undefined) start.name = name;
  return start;
}

const encoder = new TextEncoder();

export function chunk(
  attempt: number,
  seq: number,
  offset: number,
  text: string,
  t = seq,
): ChunkRecord {
  return {
    kind: 'chunk',
    attempt,
    seq,
    t,
    wall: 1_700_000_000_000 + t,
    offset,
    bytes: encoder.encode(text),
  };
}

export function event(
  index: number,
  data: string,
  options: Partial<Omit<EventRecord, 'kind' | 'index' | 'data'>> = {},
): EventRecord {
  return {
    kind: 'event',
    attempt: 1,
    t: index + 0.5,
    index,
    type: 'message',
    data,
    lastEventId: '',
    start: index * 10,
    end: index * 10 + 10,
    ...options,
  };
}

/**
 * One record of every kind, over two attempts, in the order an engine emits them. Chunk bytes
 * match the events' offsets.
 */
export function everyKindOfRecord(): CaptureRecord[] {
  const first = ': hi\n\nid: 1\ndata: hello\n\nretry: 5000\n\nevent: tick\ndata: {"n":2}\n\n';
  const helloStart = first.indexOf('id: 1');
  const helloEnd = first.indexOf('retry');
  const tickStart = first.indexOf('event: tick');
  return [
    {
      kind: 'attempt',
      attempt: 1,
      t: 0,
      wall: 1_700_000_000_000,
      reason: 'initial',
      lastEventId: null,
      request: {
        method: 'GET',
        url: 'https://api.example.com/stream',
        headers: [['Accept', 'text/event-stream']],
        bodyBytes: 0,
      },
    },
    {
      kind: 'redirect',
      attempt: 1,
      t: 3,
      status: 302,
      from: 'https://api.example.com/stream',
      to: 'https://api.example.com/v2/stream',
      headers: [['Location', '/v2/stream']],
    },
    {
      kind: 'response',
      attempt: 1,
      t: 5,
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'text/event-stream']],
      contentType: 'text/event-stream',
      url: 'https://api.example.com/v2/stream',
      framing: 'sse',
    },
    chunk(1, 0, 0, first, 6),
    { kind: 'comment', attempt: 1, t: 6, text: 'hi', offset: 0 },
    {
      kind: 'event',
      attempt: 1,
      t: 6,
      index: 0,
      type: 'message',
      data: 'hello',
      lastEventId: '1',
      start: helloStart,
      end: helloEnd,
    },
    { kind: 'retry', attempt: 1, t: 6, ms: 5000, offset: helloEnd },
    {
      kind: 'event',
      attempt: 1,
      t: 6,
      index: 1,
      type: 'tick',
      data: '{"n":2}',
      lastEventId: '1',
      start: tickStart,
      end: first.length,
    },
    {
      kind: 'warning',
      attempt: 1,
      t: 7,
      source: 'parser',
      code: 'unknown-field',
      message: 'Unknown field "foo".',
      offset: 12,
    },
    {
      kind: 'warning',
      attempt: 1,
      t: 7.5,
      source: 'engine',
      code: 'content-encoding',
      message: 'Compressed.',
      offset: null,
    },
    {
      kind: 'closed',
      attempt: 1,
      t: 9,
      reason: 'server-closed',
      bytes: encoder.encode(first).length,
      events: 2,
      incomplete: false,
    },
    {
      kind: 'reconnect',
      attempt: 2,
      t: 9,
      delayMs: 5000,
      reason: 'retry field',
      lastEventId: '1',
      baseDelayMs: 5000,
    },
    { kind: 'control', attempt: 2, t: 10, action: 'reconnect-now', detail: 'manual' },
    {
      kind: 'attempt',
      attempt: 2,
      t: 11,
      wall: 1_700_000_000_011,
      reason: 'manual',
      lastEventId: '1',
      request: {
        method: 'GET',
        url: 'https://api.example.com/stream',
        headers: [['Last-Event-ID', '1']],
        bodyBytes: 0,
      },
    },
    { kind: 'error', attempt: 2, t: 12, category: 'refused', message: 'connect ECONNREFUSED' },
    {
      kind: 'closed',
      attempt: 2,
      t: 12,
      reason: 'network-error',
      bytes: 0,
      events: 0,
      incomplete: false,
    },
  ];
}
