import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, vi } from 'vitest';
import type { SessionRecorder } from './recorder.ts';
import { Workspace } from './workspace.ts';
import {
  chunk,
  event,
  everyKindOfRecord,
  sessionStart,
  workspaceFilePerTest,
} from './test-fixtures.ts';

// The recorder with `thread: true`: batches written by a worker thread on its own connection.
const place = workspaceFilePerTest();

/** Every row of the tables a recording writes, as another process would read them. */
function dump(file: string): Record<string, unknown[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      sessions: all(
        `SELECT id, name, attempts, events, bytes, warnings, chunks, entries, last_t, ended_at,
           outcome FROM sessions ORDER BY id`,
      ),
      attempts: all('SELECT * FROM attempts ORDER BY session_id, n'),
      entries: all('SELECT * FROM entries ORDER BY id'),
      chunks: all('SELECT * FROM chunks ORDER BY id'),
      search: all(
        "SELECT rowid FROM events_fts WHERE events_fts MATCH 'hello OR n' ORDER BY rowid",
      ),
    };
  } finally {
    db.close();
  }
}

/** Two sessions side by side, every kind of record, more records than one batch holds. */
function record(into: Workspace, thread: boolean): void {
  const recorder = into.createRecorder({ thread, maxBatchRecords: 7, maxBatchDelayMs: 60_000 });
  const a = recorder.createSession(sessionStart('https://a.example/stream', 'a'));
  const b = recorder.createSession(sessionStart('https://b.example/stream', 'b'));
  for (const record of everyKindOfRecord()) recorder.append(a, record);
  for (let i = 0; i < 40; i++) {
    recorder.append(b, chunk(1, i, i * 10, `data: n${i}\n\n`));
    recorder.append(b, event(i, `n${i} ünïcødé`, { type: i % 3 ? 'tick' : 'tock' }));
  }
  recorder.finishSession(a, 1_700_000_000_020, 'failed');
  recorder.close();
}

describe('SessionRecorder on a writer thread', () => {
  it('writes the same rows as the recorder writing in its own thread', () => {
    const otherPath = join(place.dir, 'in-thread.db');
    const inThread = Workspace.open(otherPath);
    record(inThread, false);
    inThread.close();
    record(place.workspace, true);
    expect(dump(place.path)).toEqual(dump(otherPath));
    expect(dump(place.path).entries).toHaveLength(everyKindOfRecord().length - 1 + 40);
  });

  it('makes everything appended readable after flush(), to other connections too', () => {
    const recorder = place.workspace.createRecorder({ thread: true, maxBatchRecords: 100 });
    const id = recorder.createSession(sessionStart());
    for (let i = 0; i < 2500; i++) recorder.append(id, event(i, `e${i}`));
    recorder.flush();
    expect(recorder.pendingRecords).toBe(0);
    expect(recorder.batchesWritten).toBe(25);
    expect(place.workspace.getSession(id)?.events).toBe(2500);
    expect(place.workspace.getEvent(id, 2499)?.record).toEqual(event(2499, 'e2499'));
    expect(dump(place.path).entries).toHaveLength(2500);
  });

  it('has the counters final when the session is finished', () => {
    const recorder = place.workspace.createRecorder({ thread: true, maxBatchRecords: 10 });
    const id = recorder.createSession(sessionStart());
    for (let i = 0; i < 1000; i++) recorder.append(id, event(i, `e${i}`));
    recorder.finishSession(id, 1_700_000_000_500, 'closed');
    expect(place.workspace.getSession(id)).toMatchObject({ events: 1000, outcome: 'closed' });
  });

  /** A batch that cannot be written: its session's row was removed behind the recorder's back. */
  function failingBatch(recorder: SessionRecorder): number {
    const doomed = recorder.createSession(sessionStart());
    const db = new DatabaseSync(place.path);
    db.prepare('DELETE FROM sessions WHERE id = ?').run(doomed);
    db.close();
    recorder.append(doomed, chunk(1, 0, 0, 'data: a\n\n')); // chunks reference their session
    return doomed;
  }

  it('reports a batch that fails to onError, and records on', () => {
    const onError = vi.fn();
    const recorder = place.workspace.createRecorder({ thread: true, onError });
    failingBatch(recorder);
    recorder.flush();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]![0])).toMatch(/FOREIGN KEY/);
    const id = recorder.createSession(sessionStart());
    recorder.append(id, event(0, 'good'));
    recorder.flush();
    expect(place.workspace.readTimeline(id, { limit: 5 }).map((e) => e.record)).toEqual([
      event(0, 'good'),
    ]);
  });

  it('throws a failed batch from the next flush() without onError', () => {
    const recorder = place.workspace.createRecorder({ thread: true });
    failingBatch(recorder);
    expect(() => recorder.flush()).toThrow(/FOREIGN KEY/);
    const id = recorder.createSession(sessionStart());
    recorder.append(id, event(0, 'good'));
    expect(() => recorder.flush()).not.toThrow();
    expect(place.workspace.countTimeline(id)).toBe(1);
  });

  it('drops what it holds of a session being deleted and goes on with the others', () => {
    const recorder = place.workspace.createRecorder({ thread: true, maxBatchRecords: 50 });
    const gone = recorder.createSession(sessionStart());
    const kept = recorder.createSession(sessionStart());
    for (let i = 0; i < 120; i++) {
      recorder.append(gone, event(i, `gone${i}`));
      recorder.append(kept, event(i, `kept${i}`));
    }
    expect(place.workspace.deleteSession(gone)).toBe(true);
    recorder.append(kept, event(120, 'kept120'));
    recorder.flush();
    expect(place.workspace.getSession(gone)).toBeNull();
    expect(place.workspace.countTimeline(gone)).toBe(0);
    expect(place.workspace.getSession(kept)?.events).toBe(121);
  });

  it('writes what is buffered when the workspace closes', () => {
    const recorder = place.workspace.createRecorder({ thread: true, maxBatchDelayMs: 60_000 });
    const id = recorder.createSession(sessionStart());
    for (let i = 0; i < 30; i++) recorder.append(id, event(i, `e${i}`));
    place.workspace.close();
    place.workspace = Workspace.open(place.path);
    expect(place.workspace.countTimeline(id)).toBe(30);
  });

  it('continues the numbering of a session another recorder started', () => {
    const first = place.workspace.createRecorder();
    const id = first.createSession(sessionStart());
    first.append(id, event(0, 'a', { type: 'tick' }));
    first.close();
    const second = place.workspace.createRecorder({ thread: true });
    second.append(id, event(1, 'b', { type: 'tick' }));
    second.flush();
    expect(place.workspace.countTimeline(id, { eventTypes: ['tick'], kinds: ['event'] })).toBe(2);
    expect(() => second.append(999, event(0, 'x'))).toThrow(/Session 999 does not exist/);
  });

  it('writes in its own thread for an in-memory workspace (no file to share)', () => {
    const memory = Workspace.open(':memory:');
    const recorder = memory.createRecorder({ thread: true, maxBatchDelayMs: 60_000 });
    const id = recorder.createSession(sessionStart());
    recorder.append(id, event(0, 'a'));
    recorder.flush();
    expect(memory.countTimeline(id)).toBe(1);
    memory.close();
  });
});
