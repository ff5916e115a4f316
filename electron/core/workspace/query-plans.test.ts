import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, vi } from 'vitest';
import { chunk, event, sessionStart, workspaceFilePerTest } from './test-fixtures.ts';

const place = workspaceFilePerTest();

/** The SQL of every statement the workspace prepares while `use` runs. */
function preparedBy(use: () => void): string[] {
  const prepared: string[] = [];
  const prepare = DatabaseSync.prototype.prepare;
  const spy = vi.spyOn(DatabaseSync.prototype, 'prepare').mockImplementation(function (
    this: DatabaseSync,
    sql: string,
    ...rest: unknown[]
  ) {
    prepared.push(sql);
    return prepare.call(this, sql, ...(rest as []));
  });
  try {
    use();
  } finally {
    spy.mockRestore();
  }
  return prepared;
}

describe('query plans over the timeline, chunks and search', () => {
  // A session of millions of events must cost no more per page than one of ten: every read or
  // write of these tables is an index (or rowid) range, never a scan, and never sorts.
  it('seek into an index for every statement, never scanning a table or sorting', () => {
    const { workspace } = place;
    const statements = preparedBy(() => {
      const recorder = workspace.createRecorder();
      const id = recorder.createSession(sessionStart());
      recorder.append(id, chunk(1, 0, 0, 'data: a\n\n'.repeat(40)));
      for (let i = 0; i < 40; i++) {
        recorder.append(id, event(i, `word${i}`, { type: i % 3 ? 'delta' : 'done' }));
        if (i % 7 === 0)
          recorder.append(id, { kind: 'comment', attempt: 1, t: i, text: 'c', offset: 0 });
      }
      recorder.close();
      const resumed = workspace.createRecorder();
      resumed.append(id, event(40, 'more', { type: 'done' }));
      resumed.append(id, { kind: 'comment', attempt: 1, t: 41, text: 'c', offset: 0 });
      resumed.close();
      for (const filter of [{}, { kinds: ['event' as const] }, { eventTypes: ['done'] }]) {
        workspace.readTimeline(id, { ...filter, afterSeq: 3, limit: 5 });
        workspace.readTimeline(id, { ...filter, beforeSeq: 30, limit: 5, previewChars: 3 });
        workspace.countTimeline(id, filter);
        workspace.timelineSeqAt(id, 7, filter);
        workspace.timelinePositionOf(id, 20, filter);
      }
      workspace.getEvent(id, 12);
      workspace.findEventAtOffset(id, 1, 25);
      workspace.readChunks(id, { attempt: 1, fromOffset: 0, toOffset: 100 });
      workspace.readChunkPage(id, { limit: 5 });
      workspace.readChunkMetaPage(id, { limit: 5 });
      workspace.searchEvents('word3', { limit: 5 });
      workspace.searchEvents('word3', { sessionId: id, limit: 5 });
      workspace.deleteSession(id);
    });
    const db = new DatabaseSync(place.path, { readOnly: true });
    try {
      const checked = statements.filter((sql) => /\b(entries|event_runs|chunks)\b/.test(sql));
      expect(checked.length).toBeGreaterThan(20);
      for (const sql of checked) {
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all()
          .map((row) => row.detail as string);
        for (const step of plan) {
          expect(step, sql).not.toMatch(/TEMP B-TREE/);
          if (step.startsWith('SCAN')) expect(step, sql).toMatch(/VIRTUAL TABLE|VALUES CLAUSE/);
        }
      }
    } finally {
      db.close();
    }
  });
});
