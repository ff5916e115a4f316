import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredRecord } from './types.ts';
import { SEQ_SPACE } from './keys.ts';
import { latestSchemaVersion, migrations } from './migrations.ts';
import { detailJson, offsetColumn } from './record-codec.ts';
import { Workspace } from './workspace.ts';
import { event, sessionStart, tempDir } from './test-fixtures.ts';
import { expectTimelineQueries } from './timeline-expectations.ts';

let path: string;
let remove: () => void;
beforeEach(() => {
  let dir: string;
  ({ dir, remove } = tempDir());
  path = join(dir, 'workspace.db');
});
afterEach(() => remove());

/**
 * A workspace as schema 4 stored sessions: every entry indexed by (kind, id), events also by
 * (type, id), each row with its ordinal (per kind; per type in type_ord), event data in FTS5.
 */
function writeSchemaFourWorkspace(sessions: readonly StoredRecord[][]): void {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('BEGIN');
  for (const migration of migrations.slice(0, 4)) migration(db);
  db.exec('PRAGMA user_version = 4');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, name, origin, method, url, spec, started_at, ended_at, outcome,
       events, entries, last_t)
     VALUES (?, 'old', 'live', 'GET', 'https://api.example.com/stream', ?, 0, 100, 'closed', ?, ?, ?)`,
  );
  const insertEntry = db.prepare(
    `INSERT INTO entries (id, kind, attempt, t, type, event_id, data, start, "end", "offset", ord,
       type_ord, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const index = db.prepare('INSERT INTO events_fts (rowid, data) VALUES (?, ?)');
  sessions.forEach((timeline, i) => {
    const id = i + 1;
    const events = timeline.filter((record) => record.kind === 'event').length;
    insertSession.run(id, JSON.stringify(sessionStart().spec), events, timeline.length, 100);
    const ordinals = new Map<string, number>();
    const next = (key: string): number => {
      const n = ordinals.get(key) ?? 0;
      ordinals.set(key, n + 1);
      return n;
    };
    timeline.forEach((record, seq) => {
      const key = id * SEQ_SPACE + seq;
      if (record.kind === 'event') {
        insertEntry.run(
          key,
          'event',
          record.attempt,
          record.t,
          record.type,
          record.lastEventId,
          record.data,
          record.start,
          record.end,
          null,
          next('kind event'),
          next(`type ${record.type}`),
          null,
        );
        index.run(key, record.data);
      } else {
        const { kind, attempt, t } = record;
        const offset = offsetColumn(record);
        const detail = detailJson(record);
        const ord = next(`kind ${kind}`);
        insertEntry.run(
          key,
          kind,
          attempt,
          t,
          null,
          null,
          null,
          null,
          null,
          offset,
          ord,
          null,
          detail,
        );
      }
    });
  });
  db.exec('COMMIT');
  db.close();
}

function events(types: string, from = 0): StoredRecord[] {
  return [...types].map((type, i) => event(from + i, `${type} word${from + i}`, { type }));
}

const comment = (t: number): StoredRecord => ({
  kind: 'comment',
  attempt: 1,
  t,
  text: 'keep-alive',
  offset: t,
});

const first = [...events('aaab'), comment(4), ...events('bb', 4), comment(7), ...events('aa', 6)];
const second = events('ccd');

function readSchema(): { indexes: string[]; runs: unknown[]; automerge: unknown } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return {
      indexes: db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name",
        )
        .all('entries')
        .map((row) => row.name as string),
      runs: db
        .prepare('SELECT * FROM event_runs ORDER BY first_id')
        .all()
        .map((row) => ({ ...row })),
      automerge: db.prepare("SELECT v FROM events_fts_config WHERE k = 'automerge'").get()?.v,
    };
  } finally {
    db.close();
  }
}

describe('opening a workspace schema 4 wrote (before event runs)', () => {
  it('builds the runs of its events and replaces the per-event indexes', () => {
    writeSchemaFourWorkspace([first, second]);
    const workspace = Workspace.open(path);
    try {
      const base = SEQ_SPACE;
      const run = (from: number, to: number, type: string, ord: number, typeOrd: number) => ({
        first_id: base + from,
        last_id: base + to,
        event_type: type,
        first_ord: ord,
        first_type_ord: typeOrd,
      });
      const schema = readSchema();
      expect(schema.indexes).toEqual(['entries_non_events_by_kind']);
      expect(schema.runs).toEqual([
        run(0, 2, 'a', 0, 0),
        run(3, 3, 'b', 3, 0),
        run(5, 6, 'b', 4, 1),
        run(8, 9, 'a', 6, 3),
        { ...run(0, 1, 'c', 0, 0), first_id: 2 * base, last_id: 2 * base + 1 },
        { ...run(2, 2, 'd', 2, 0), first_id: 2 * base + 2, last_id: 2 * base + 2 },
      ]);
      expect(schema.automerge).toBe(16);
      expectTimelineQueries(workspace, 1, first);
      expectTimelineQueries(workspace, 2, second);
      expect(workspace.searchEvents('word7', { limit: 5 }).map((hit) => hit.seq)).toEqual([9]);
    } finally {
      workspace.close();
    }
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('PRAGMA user_version').get()?.user_version).toBe(latestSchemaVersion);
    // Pages keep the size the file was created with.
    expect(db.prepare('PRAGMA page_size').get()?.page_size).toBe(4096);
    db.close();
  });

  it('records on into a stored session, its numbering continued', () => {
    writeSchemaFourWorkspace([first]);
    const workspace = Workspace.open(path);
    try {
      const recorder = workspace.createRecorder();
      const more = [...events('ab', 8), comment(12), ...events('b', 10)];
      for (const record of more) recorder.append(1, record);
      recorder.close();
      expectTimelineQueries(workspace, 1, [...first, ...more]);
    } finally {
      workspace.close();
    }
  });
});
