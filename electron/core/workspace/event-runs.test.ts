import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { StoredRecord } from './types.ts';
import { SEQ_SPACE } from './keys.ts';
import { event, sessionStart, workspaceFilePerTest } from './test-fixtures.ts';
import { expectTimelineQueries } from './timeline-expectations.ts';

const place = workspaceFilePerTest();

interface Run {
  first: number;
  last: number;
  type: string;
  ord: number;
  typeOrd: number;
}

/** The session's event_runs rows as another connection reads them (seqs, not keys). */
function storedRuns(sessionId: number): Run[] {
  const db = new DatabaseSync(place.path, { readOnly: true });
  try {
    const base = sessionId * SEQ_SPACE;
    return db
      .prepare(
        `SELECT first_id, last_id, event_type, first_ord, first_type_ord FROM event_runs
         WHERE first_id >= ? AND first_id < ? ORDER BY first_id`,
      )
      .all(base, base + SEQ_SPACE)
      .map((row) => ({
        first: (row.first_id as number) - base,
        last: (row.last_id as number) - base,
        type: row.event_type as string,
        ord: row.first_ord as number,
        typeOrd: row.first_type_ord as number,
      }));
  } finally {
    db.close();
  }
}

/** Events of the given types (one letter each), their indexes counting from `from`. */
function events(types: string, from = 0): StoredRecord[] {
  return [...types].map((type, i) => event(from + i, `${type} ${from + i}`, { type }));
}

const comment = (t: number): StoredRecord => ({
  kind: 'comment',
  attempt: 1,
  t,
  text: 'keep-alive',
  offset: t,
});

describe('event runs written by the recorder', () => {
  it('are the stretches of consecutive events of one type, broken by other kinds', () => {
    const { workspace } = place;
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    const timeline = [
      ...events('aaaaabbb'),
      comment(8),
      ...events('bba', 8),
      comment(12),
      ...events('aaaa', 11),
    ];
    for (const record of timeline) recorder.append(id, record);
    recorder.flush();
    expect(storedRuns(id)).toEqual([
      { first: 0, last: 4, type: 'a', ord: 0, typeOrd: 0 },
      { first: 5, last: 7, type: 'b', ord: 5, typeOrd: 0 },
      { first: 9, last: 10, type: 'b', ord: 8, typeOrd: 3 },
      { first: 11, last: 11, type: 'a', ord: 10, typeOrd: 5 },
      { first: 13, last: 16, type: 'a', ord: 11, typeOrd: 6 },
    ]);
    expectTimelineQueries(workspace, id, timeline);
  });

  it('start again with each batch, the ordinals going on', () => {
    const { workspace } = place;
    const recorder = workspace.createRecorder({ maxBatchRecords: 4 });
    const id = recorder.createSession(sessionStart());
    const timeline = events('aaaaaaaaab');
    for (const record of timeline) recorder.append(id, record);
    recorder.flush();
    expect(storedRuns(id)).toEqual([
      { first: 0, last: 3, type: 'a', ord: 0, typeOrd: 0 },
      { first: 4, last: 7, type: 'a', ord: 4, typeOrd: 4 },
      { first: 8, last: 8, type: 'a', ord: 8, typeOrd: 8 },
      { first: 9, last: 9, type: 'b', ord: 9, typeOrd: 0 },
    ]);
    expectTimelineQueries(workspace, id, timeline);
  });

  it('store every value and ordinal of long runs', () => {
    const { workspace } = place;
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    const timeline = [
      ...events('a'.repeat(70)),
      ...events('b'.repeat(40), 70).map((record, i) => ({ ...record, attempt: i < 33 ? 1 : 2 })),
    ];
    for (const record of timeline) recorder.append(id, record);
    recorder.flush();
    expect(storedRuns(id)).toEqual([
      { first: 0, last: 69, type: 'a', ord: 0, typeOrd: 0 },
      { first: 70, last: 109, type: 'b', ord: 70, typeOrd: 0 },
    ]);
    const db = new DatabaseSync(place.path, { readOnly: true });
    const stored = db
      .prepare('SELECT id, ord, type_ord FROM entries WHERE id >= ? AND id < ? ORDER BY id')
      .all(id * SEQ_SPACE, (id + 1) * SEQ_SPACE)
      .map((row) => [(row.id as number) - id * SEQ_SPACE, row.ord, row.type_ord]);
    db.close();
    expect(stored).toEqual(timeline.map((_, seq) => [seq, seq, seq < 70 ? seq : seq - 70]));
    expectTimelineQueries(workspace, id, timeline);
  });

  it('keep sessions recorded side by side apart', () => {
    const { workspace } = place;
    const recorder = workspace.createRecorder();
    const a = recorder.createSession(sessionStart());
    const b = recorder.createSession(sessionStart());
    const timelineA = events('xxxyyy');
    const timelineB = [...events('yy'), comment(2), ...events('y', 2)];
    for (let i = 0; i < 6; i++) {
      recorder.append(a, timelineA[i]!);
      if (i < timelineB.length) recorder.append(b, timelineB[i]!);
    }
    recorder.flush();
    expect(storedRuns(a).map((run) => [run.first, run.last])).toEqual([
      [0, 2],
      [3, 5],
    ]);
    expect(storedRuns(b).map((run) => [run.first, run.last])).toEqual([
      [0, 1],
      [3, 3],
    ]);
    expectTimelineQueries(workspace, a, timelineA);
    expectTimelineQueries(workspace, b, timelineB);
  });

  it('continue the ordinals of a session another recorder started', () => {
    const { workspace } = place;
    const first = workspace.createRecorder();
    const id = first.createSession(sessionStart());
    const timeline = [...events('aab'), comment(3)];
    for (const record of timeline) first.append(id, record);
    first.close();
    const second = workspace.createRecorder();
    const more = [...events('ba', 3), comment(6)];
    for (const record of more) second.append(id, record);
    second.close();
    expect(storedRuns(id).slice(-2)).toEqual([
      { first: 4, last: 4, type: 'b', ord: 3, typeOrd: 1 },
      { first: 5, last: 5, type: 'a', ord: 4, typeOrd: 2 },
    ]);
    expectTimelineQueries(workspace, id, [...timeline, ...more]);
  });

  it('are not kept for a batch that failed', () => {
    const { workspace } = place;
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    for (const record of events('aa')) recorder.append(id, record);
    const bad = { ...event(2, 'a'), t: null } as unknown as CaptureRecord; // violates NOT NULL
    recorder.append(id, bad);
    expect(() => recorder.flush()).toThrow();
    const timeline = events('ab');
    for (const record of timeline) recorder.append(id, record);
    recorder.flush();
    expect(storedRuns(id)).toEqual([
      { first: 0, last: 0, type: 'a', ord: 0, typeOrd: 0 },
      { first: 1, last: 1, type: 'b', ord: 1, typeOrd: 0 },
    ]);
    expectTimelineQueries(workspace, id, timeline);
  });

  it('go with their session when it is deleted', () => {
    const { workspace } = place;
    const recorder = workspace.createRecorder();
    const gone = recorder.createSession(sessionStart());
    const kept = recorder.createSession(sessionStart());
    for (const record of events('aab')) recorder.append(gone, record);
    for (const record of events('cc')) recorder.append(kept, record);
    recorder.finishSession(gone, 1, 'closed');
    recorder.flush();
    expect(workspace.deleteSession(gone)).toBe(true);
    expect(storedRuns(gone)).toEqual([]);
    expect(storedRuns(kept)).toHaveLength(1);
    expectTimelineQueries(workspace, kept, events('cc'));
  });
});
