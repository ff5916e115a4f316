import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureRecord, ChunkRecord } from '../../../shared/capture/records.ts';
import { Workspace } from './workspace.ts';
import { chunk, event, everyKindOfRecord, sessionStart, tempDir } from './test-fixtures.ts';

let dir: string;
let remove: () => void;
let path: string;
let workspace: Workspace;
beforeEach(() => {
  ({ dir, remove } = tempDir());
  path = join(dir, 'workspace.db');
  workspace = Workspace.open(path);
});
afterEach(() => {
  workspace.close();
  remove();
  vi.useRealTimers();
});

/** What another process would see in the file right now. */
function storedEntries(): number {
  const db = new DatabaseSync(path, { readOnly: true });
  const n = db.prepare('SELECT count(*) AS n FROM entries').get()?.n as number;
  db.close();
  return n;
}

describe('SessionRecorder round trip', () => {
  it('returns every record kind in arrival order, chunks apart with identical bytes', () => {
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    const records = everyKindOfRecord();
    for (const record of records) recorder.append(id, record);
    recorder.finishSession(id, 1_700_000_000_020, 'failed');

    const timeline = workspace.readTimeline(id, { limit: 100 });
    const expected = records.filter((r) => r.kind !== 'chunk');
    expect(timeline.map((entry) => entry.record)).toEqual(expected);
    expect(timeline.map((entry) => entry.seq)).toEqual(expected.map((_, i) => i));

    const [sent] = records.filter((r): r is ChunkRecord => r.kind === 'chunk');
    const [stored] = workspace.readChunkPage(id, { limit: 10 });
    expect(stored?.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(sent!.bytes))).toBe(true);
    expect(stored).toMatchObject({ seq: 0, attempt: 1, t: 6, wall: sent!.wall, offset: 0 });
    // The chunk arrived after the three lifecycle records: its events follow seq 3.
    expect(stored?.entrySeq).toBe(3);
  });

  it('keeps the counters of the session current at each write', () => {
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart('https://api.example.com/stream', 'counted'));
    for (const record of everyKindOfRecord()) recorder.append(id, record);
    recorder.flush();
    const live = workspace.listSessions({ limit: 10 })[0]!;
    expect(live).toMatchObject({
      id,
      name: 'counted',
      url: 'https://api.example.com/stream',
      method: 'GET',
      origin: 'live',
      outcome: null,
      endedAt: null,
      attempts: 2,
      events: 2,
      warnings: 2,
      chunks: 1,
      entries: 15,
      durationMs: 12,
    });
    expect(live.bytes).toBe((everyKindOfRecord()[3] as ChunkRecord).bytes.byteLength);
    recorder.finishSession(id, 1_700_000_000_020, 'failed');
    expect(workspace.getSession(id)).toMatchObject({ outcome: 'failed', durationMs: 20 });
  });

  it('fills the attempts table from attempt, response, error and closed records', () => {
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    for (const record of everyKindOfRecord()) recorder.append(id, record);
    recorder.finishSession(id, 1_700_000_000_020, 'failed');
    const detail = workspace.getSession(id)!;
    expect(detail.spec.url).toBe('https://api.example.com/stream');
    expect(detail.attemptDetails).toHaveLength(2);
    expect(detail.attemptDetails[0]).toMatchObject({
      attempt: 1,
      reason: 'initial',
      startedT: 0,
      startedWall: 1_700_000_000_000,
      lastEventId: null,
      request: { method: 'GET', headers: [['Accept', 'text/event-stream']] },
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      responseHeaders: [['Content-Type', 'text/event-stream']],
      contentType: 'text/event-stream',
      finalUrl: 'https://api.example.com/v2/stream',
      redirects: 1,
      responseT: 5,
      firstByteT: 6,
      firstEventT: 6,
      endT: 9,
      closeReason: 'server-closed',
      incomplete: false,
      errorCategory: null,
      events: 2,
    });
    expect(detail.attemptDetails[1]).toMatchObject({
      attempt: 2,
      reason: 'manual',
      lastEventId: '1',
      status: null,
      errorCategory: 'refused',
      errorMessage: 'connect ECONNREFUSED',
      closeReason: 'network-error',
      endT: 12,
      firstByteT: null,
    });
  });

  it('shows live attempt counts before the attempt closes', () => {
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    recorder.append(id, everyKindOfRecord()[0]!);
    recorder.append(id, chunk(1, 0, 0, 'data: a\n\n', 4));
    recorder.append(id, event(0, 'a', { t: 4.5 }));
    recorder.flush();
    recorder.append(id, chunk(1, 1, 9, 'data: b\n\n', 8));
    recorder.append(id, event(1, 'b', { t: 8.5 }));
    recorder.flush();
    expect(workspace.getSession(id)?.attemptDetails[0]).toMatchObject({
      bytes: 18,
      events: 2,
      firstByteT: 4,
      firstEventT: 4.5,
      endT: null,
    });
  });

  it('keeps sessions recorded side by side apart', () => {
    const recorder = workspace.createRecorder();
    const a = recorder.createSession(sessionStart());
    const b = recorder.createSession(sessionStart());
    for (let i = 0; i < 50; i++) {
      recorder.append(i % 2 ? a : b, event(i >> 1, `n${i}`));
    }
    recorder.flush();
    expect(workspace.countTimeline(a)).toBe(25);
    expect(workspace.readTimeline(b, { limit: 3 }).map((e) => e.record)).toEqual([
      event(0, 'n0'),
      event(1, 'n2'),
      event(2, 'n4'),
    ]);
  });

  it('continues the numbering of a session it did not create', () => {
    const first = workspace.createRecorder();
    const id = first.createSession(sessionStart());
    first.append(id, event(0, 'a', { type: 'tick' }));
    first.append(id, { kind: 'comment', attempt: 1, t: 1, text: 'x', offset: 0 });
    first.close();
    const second = workspace.createRecorder();
    second.append(id, event(1, 'b', { type: 'tick' }));
    second.append(id, { kind: 'comment', attempt: 1, t: 2, text: 'y', offset: 5 });
    second.flush();
    expect(workspace.countTimeline(id)).toBe(4);
    expect(workspace.countTimeline(id, { kinds: ['comment'] })).toBe(2);
    expect(workspace.countTimeline(id, { eventTypes: ['tick'], kinds: ['event'] })).toBe(2);
    expect(workspace.getEvent(id, 1)?.record).toEqual(event(1, 'b', { type: 'tick' }));
  });

  it('refuses records for a session that does not exist', () => {
    const recorder = workspace.createRecorder();
    expect(() => recorder.append(999, event(0, 'a'))).toThrow(/Session 999 does not exist/);
  });
});

describe('SessionRecorder batching', () => {
  it('writes nothing before a flush, then everything in one transaction', () => {
    const recorder = workspace.createRecorder({ maxBatchDelayMs: 60_000 });
    const transaction = vi.spyOn(workspace, 'transaction');
    const id = recorder.createSession(sessionStart());
    for (let i = 0; i < 500; i++) recorder.append(id, event(i, `e${i}`));
    expect(recorder.pendingRecords).toBe(500);
    expect(storedEntries()).toBe(0);
    expect(transaction).not.toHaveBeenCalled();
    recorder.flush();
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(recorder.batchesWritten).toBe(1);
    expect(storedEntries()).toBe(500);
  });

  it('writes a batch as soon as it reaches maxBatchRecords', () => {
    const recorder = workspace.createRecorder({ maxBatchRecords: 100, maxBatchDelayMs: 60_000 });
    const transaction = vi.spyOn(workspace, 'transaction');
    const id = recorder.createSession(sessionStart());
    for (let i = 0; i < 250; i++) recorder.append(id, event(i, `e${i}`));
    expect(transaction).toHaveBeenCalledTimes(2);
    expect(storedEntries()).toBe(200);
    expect(recorder.pendingRecords).toBe(50);
  });

  it('writes a batch when its bytes reach maxBatchBytes', () => {
    const recorder = workspace.createRecorder({ maxBatchBytes: 1000, maxBatchDelayMs: 60_000 });
    const id = recorder.createSession(sessionStart());
    recorder.append(id, chunk(1, 0, 0, 'x'.repeat(600)));
    expect(storedEntries()).toBe(0);
    recorder.append(id, chunk(1, 1, 600, 'x'.repeat(600)));
    expect(recorder.pendingRecords).toBe(0);
    expect(workspace.getSession(id)?.bytes).toBe(1200);
  });

  it('writes buffered records maxBatchDelayMs after the first one', () => {
    vi.useFakeTimers();
    const recorder = workspace.createRecorder({ maxBatchDelayMs: 100 });
    const id = recorder.createSession(sessionStart());
    recorder.append(id, event(0, 'a'));
    vi.advanceTimersByTime(60);
    recorder.append(id, event(1, 'b'));
    expect(storedEntries()).toBe(0);
    vi.advanceTimersByTime(40);
    expect(storedEntries()).toBe(2);
    expect(recorder.batchesWritten).toBe(1);
  });

  it('loses at most the unwritten batch when the process dies', () => {
    // Bound: records appended after the last write (≤ maxBatchDelayMs old, ≤ maxBatchRecords).
    vi.useFakeTimers();
    const recorder = workspace.createRecorder({ maxBatchRecords: 1000, maxBatchDelayMs: 100 });
    const id = recorder.createSession(sessionStart());
    for (let i = 0; i < 2500; i++) recorder.append(id, event(i, `e${i}`));
    expect(storedEntries()).toBe(2000); // two full batches are already safe
    vi.advanceTimersByTime(100);
    expect(storedEntries()).toBe(2500); // and the rest 100 ms later
    recorder.append(id, event(2500, 'in flight'));
    // Killed here: a fresh process sees 2500 records; only the one appended since is lost.
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('SELECT events FROM sessions WHERE id = ?').get(id)?.events).toBe(2500);
    db.close();
  });

  it('reports a timer-driven write failure to onError and keeps recording', () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const recorder = workspace.createRecorder({ onError });
    const id = recorder.createSession(sessionStart());
    const bad = { ...event(0, 'a'), t: null } as unknown as CaptureRecord; // violates NOT NULL
    recorder.append(id, bad);
    vi.advanceTimersByTime(100);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(recorder.pendingRecords).toBe(0);
    recorder.append(id, event(0, 'good'));
    recorder.flush();
    expect(workspace.readTimeline(id, { limit: 5 }).map((e) => e.seq)).toEqual([0]);
  });

  it('writes what is buffered when the workspace closes', () => {
    const recorder = workspace.createRecorder({ maxBatchDelayMs: 60_000 });
    const id = recorder.createSession(sessionStart());
    recorder.append(id, event(0, 'a'));
    workspace.close();
    workspace = Workspace.open(path);
    expect(workspace.countTimeline(id)).toBe(1);
  });
});
