import type { DatabaseSync } from 'node:sqlite';
import { scrubStoredSecrets } from './scrub-secrets.ts';
import { buildEventRuns } from './event-runs-migration.ts';

/**
 * Schema migrations, oldest first. Migration i brings `PRAGMA user_version` from i to i + 1. Never
 * edit a released migration: append a new one. Each runs inside the transaction that also bumps
 * user_version, so a crash mid-migration leaves the previous version intact.
 */
export type Migration = (db: DatabaseSync) => void;

const createInitialSchema: Migration = (db) => {
  db.exec(`
    CREATE TABLE saved_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      method TEXT NOT NULL,
      url TEXT NOT NULL,
      spec TEXT NOT NULL, -- RequestSpec JSON
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    -- AUTOINCREMENT: a deleted session's id is never reused, so a stale id held by a renderer
    -- cannot point at someone else's data.
    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      origin TEXT NOT NULL,
      method TEXT NOT NULL,
      url TEXT NOT NULL,
      spec TEXT NOT NULL, -- RequestSpec JSON
      started_at REAL NOT NULL, -- wall ms at t = 0
      ended_at REAL, -- NULL while recording
      outcome TEXT,
      last_t REAL NOT NULL DEFAULT 0, -- t of the last stored record (recovery sets ended_at from it)
      writer_pid INTEGER, -- the process recording it, so a second process does not call it interrupted
      attempts INTEGER NOT NULL DEFAULT 0,
      events INTEGER NOT NULL DEFAULT 0,
      bytes INTEGER NOT NULL DEFAULT 0,
      warnings INTEGER NOT NULL DEFAULT 0,
      chunks INTEGER NOT NULL DEFAULT 0,
      entries INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_by_start ON sessions (started_at DESC, id DESC);
    CREATE INDEX sessions_unfinished ON sessions (id) WHERE ended_at IS NULL;

    CREATE TABLE attempts (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      n INTEGER NOT NULL,
      reason TEXT,
      started_t REAL,
      started_wall REAL,
      last_event_id TEXT,
      request TEXT, -- {method, url, headers} JSON
      status INTEGER,
      status_text TEXT,
      http_version TEXT,
      response_headers TEXT, -- [[name, value], …] JSON
      content_type TEXT,
      final_url TEXT,
      redirects INTEGER NOT NULL DEFAULT 0,
      response_t REAL,
      first_byte_t REAL,
      first_event_t REAL,
      end_t REAL,
      close_reason TEXT,
      incomplete INTEGER,
      error_category TEXT,
      error_message TEXT,
      bytes INTEGER NOT NULL DEFAULT 0,
      events INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (session_id, n)
    ) WITHOUT ROWID;

    -- id = session_id * 2^32 + seq (see keys.ts). A rowid table, not WITHOUT ROWID: chunk rows
    -- are large, and rowid tables keep big BLOBs out of the interior b-tree pages.
    CREATE TABLE chunks (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      attempt INTEGER NOT NULL,
      t REAL NOT NULL,
      wall REAL NOT NULL,
      "offset" INTEGER NOT NULL,
      entry_seq INTEGER NOT NULL, -- timeline length when the chunk arrived
      bytes BLOB NOT NULL
    );
    CREATE INDEX chunks_by_offset ON chunks (session_id, attempt, "offset");

    -- The timeline: every record except chunks, in arrival order. id = session_id * 2^32 + seq.
    -- Events use the typed columns; other kinds keep attempt/t/offset in columns and the rest of
    -- the record in detail (JSON). data is NULL except for events, so the external-content
    -- full-text index below is exactly "the data of every event" (and 'rebuild' stays correct).
    CREATE TABLE entries (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      t REAL NOT NULL,
      type TEXT,
      event_id TEXT,
      data TEXT,
      start INTEGER,
      "end" INTEGER,
      "offset" INTEGER,
      ord INTEGER NOT NULL, -- n-th entry of this kind in the session (the event index for events)
      type_ord INTEGER, -- events: n-th event of this type in the session
      detail TEXT
    );
    -- (kind, id) orders one kind by (session, seq): filtered paging, and "how many entries of this
    -- kind come before seq S" = ord of the last one + 1, without counting rows.
    CREATE INDEX entries_by_kind ON entries (kind, id);
    CREATE INDEX entries_events_by_type ON entries (type, id) WHERE kind = 'event';

    -- columnsize=0: we order hits by time, not bm25, so the per-row size table is not needed
    -- (about 30% faster inserts).
    CREATE VIRTUAL TABLE events_fts USING fts5 (
      data, content = 'entries', content_rowid = 'id', columnsize = 0
    );

    -- For people poking at the file with the sqlite3 shell.
    CREATE VIEW timeline AS
      SELECT id >> 32 AS session_id, id & 0xffffffff AS seq, * FROM entries;
  `);
};

/**
 * Secrets leave the workspace: saved requests get a column of their own for sealed secrets (never
 * recognised by a prefix inside a value), and what older versions stored in plain text is
 * replaced by markers, overwriting the old bytes (secure_delete) instead of leaving them in free
 * pages.
 */
const keepSecretsOutOfTheFile: Migration = (db) => {
  db.exec('ALTER TABLE saved_requests ADD COLUMN sealed_secrets BLOB');
  const previous = db.prepare('PRAGMA secure_delete').get()?.secure_delete as number;
  db.exec('PRAGMA secure_delete = ON');
  try {
    scrubStoredSecrets(db);
  } finally {
    db.exec(`PRAGMA secure_delete = ${previous === 1 ? 'ON' : 'OFF'}`);
  }
};

/**
 * Collections (requests as `{{variable}}` templates in nested folders) and environments (named
 * variable sets, one active). Secret values live only in the sealed_* columns, as for saved
 * requests. A request remembers the session its last run recorded (cleared with the session).
 */
const addCollectionsAndEnvironments: Migration = (db) => {
  db.exec(`
    CREATE TABLE collections (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      variables TEXT NOT NULL DEFAULT '[]', -- [{name, value, secret}] JSON, secret values empty
      sealed_variables BLOB,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE collection_folders (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      parent_id INTEGER REFERENCES collection_folders (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      position INTEGER NOT NULL
    );
    CREATE INDEX collection_folders_by_parent ON collection_folders (collection_id, parent_id);
    CREATE TABLE collection_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      folder_id INTEGER REFERENCES collection_folders (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      method TEXT NOT NULL,
      url TEXT NOT NULL, -- template, secrets as markers
      headers TEXT NOT NULL, -- [[name, value], …] JSON, secrets as markers
      body TEXT,
      sealed_secrets BLOB,
      last_session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
      position INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX collection_requests_by_folder ON collection_requests (collection_id, folder_id);
    CREATE INDEX collection_requests_by_session ON collection_requests (last_session_id);
    CREATE TABLE environments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE,
      variables TEXT NOT NULL DEFAULT '[]',
      sealed_variables BLOB,
      active INTEGER NOT NULL DEFAULT 0
    );
  `);
};

/**
 * A stream contract (the `expect` and `stop` of a `cli check` spec, JSON) kept with a collection
 * request, so the Checks tab finds it again for that request's runs. The spec's own `request`
 * is not kept: the collection request is the request (and its secrets are sealed there).
 */
const addCheckSpecsToRequests: Migration = (db) => {
  db.exec('ALTER TABLE collection_requests ADD COLUMN check_spec TEXT');
};

/**
 * Events leave the per-row indexes, which cost as much to write as the events themselves: a
 * session's events come in runs (consecutive entries that are all events of one type), and one
 * `event_runs` row per run gives what `entries_by_kind` and `entries_events_by_type` gave per
 * event: the events (of a type) in timeline order, and how many come before a seq. Only the other
 * kinds (lifecycle, comments, warnings: few) keep an index entry per row. FTS5 merges its
 * segments 16 at a time instead of 4 (half the merge work while recording; a search reads a few
 * more segments).
 */
const indexEventsByRuns: Migration = (db) => {
  db.exec(`
    -- A run: entries first_id..last_id (keys, inclusive) are all events of event_type, the first
    -- being the first_ord-th event of its session and the first_type_ord-th of its type. Runs
    -- never overlap and cover every event; a batch starts new ones (they need not be maximal).
    CREATE TABLE event_runs (
      first_id INTEGER PRIMARY KEY,
      last_id INTEGER NOT NULL,
      event_type TEXT,
      first_ord INTEGER NOT NULL,
      first_type_ord INTEGER NOT NULL
    );
    CREATE INDEX event_runs_by_type ON event_runs (event_type, first_id);
  `);
  buildEventRuns(db);
  db.exec(`
    DROP INDEX entries_events_by_type;
    DROP INDEX entries_by_kind;
    -- (kind, id) for the other kinds, as entries_by_kind was: queries must say kind <> 'event'
    -- for SQLite to use it.
    CREATE INDEX entries_non_events_by_kind ON entries (kind, id) WHERE kind <> 'event';
    INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 16);
  `);
};

export const migrations: readonly Migration[] = [
  createInitialSchema,
  keepSecretsOutOfTheFile,
  addCollectionsAndEnvironments,
  addCheckSpecsToRequests,
  indexEventsByRuns,
];

export const latestSchemaVersion = migrations.length;
