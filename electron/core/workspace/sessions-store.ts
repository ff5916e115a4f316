import type { SQLOutputValue } from 'node:sqlite';
import type { SessionOutcome, SessionStart } from '../capture-store.ts';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import { redactSpec } from '../../../shared/secrets/index.ts';
import type {
  AttemptDetail,
  ListSessionsOptions,
  SessionDetail,
  SessionOrigin,
  SessionSummary,
} from './types.ts';
import type { SqlContext } from './sql-context.ts';
import { specFromJson } from './spec-json.ts';
import { MAX_SESSION_ID, SEQ_SPACE, sessionBase } from './keys.ts';

type Row = Record<string, SQLOutputValue>;

const summaryColumns =
  'id, name, origin, method, url, started_at, ended_at, outcome, last_t, attempts, events, ' +
  'bytes, warnings, chunks, entries';

/** "GET api.example.com/stream": what the history list shows when the user gave no name. */
export function defaultSessionName(spec: RequestSpec): string {
  try {
    const url = new URL(spec.url);
    return `${spec.method} ${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return `${spec.method} ${spec.url}`;
  }
}

/**
 * A session row keeps the request's secrets as markers only (shared/secrets): the live connection
 * has the real values in memory; the workspace file never does.
 */
export function insertSession(sql: SqlContext, start: SessionStart, writerPid: number): number {
  const spec = redactSpec(start.spec);
  const result = sql
    .statement(
      `INSERT INTO sessions (name, origin, method, url, spec, started_at, writer_pid)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      start.name ?? defaultSessionName(spec),
      start.origin,
      spec.method,
      spec.url,
      JSON.stringify(spec),
      start.startedAt,
      writerPid,
    );
  const id = Number(result.lastInsertRowid);
  if (id > MAX_SESSION_ID) {
    throw new Error(`Session ids above ${MAX_SESSION_ID} are not supported (keys.ts).`);
  }
  return id;
}

function summaryFromRow(row: Row): SessionSummary {
  const startedAt = row.started_at as number;
  const endedAt = row.ended_at as number | null;
  return {
    id: row.id as number,
    name: row.name as string,
    url: row.url as string,
    method: row.method as string,
    origin: row.origin as SessionOrigin,
    startedAt,
    endedAt,
    durationMs: endedAt === null ? (row.last_t as number) : endedAt - startedAt,
    outcome: row.outcome as SessionOutcome | null,
    attempts: row.attempts as number,
    events: row.events as number,
    bytes: row.bytes as number,
    warnings: row.warnings as number,
    chunks: row.chunks as number,
    entries: row.entries as number,
  };
}

/** Newest first. `query` matches the name or URL (a LIKE over sessions, which are few). */
export function listSessions(sql: SqlContext, options: ListSessionsOptions): SessionSummary[] {
  const query = options.query?.trim();
  const pattern = query ? `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return sql
    .statement(
      `SELECT ${summaryColumns} FROM sessions
       WHERE $pattern IS NULL OR name LIKE $pattern ESCAPE '\\' OR url LIKE $pattern ESCAPE '\\'
       ORDER BY started_at DESC, id DESC LIMIT $limit OFFSET $offset`,
    )
    .all({ pattern, limit: options.limit, offset: options.offset ?? 0 })
    .map(summaryFromRow);
}

function parseJson<T>(text: SQLOutputValue | undefined): T | null {
  return typeof text === 'string' ? (JSON.parse(text) as T) : null;
}

function attemptFromRow(row: Row): AttemptDetail {
  return {
    attempt: row.n as number,
    reason: row.reason as AttemptDetail['reason'],
    startedT: row.started_t as number | null,
    startedWall: row.started_wall as number | null,
    lastEventId: row.last_event_id as string | null,
    request: parseJson(row.request),
    status: row.status as number | null,
    statusText: row.status_text as string | null,
    httpVersion: row.http_version as string | null,
    responseHeaders: parseJson(row.response_headers),
    contentType: row.content_type as string | null,
    finalUrl: row.final_url as string | null,
    redirects: row.redirects as number,
    responseT: row.response_t as number | null,
    firstByteT: row.first_byte_t as number | null,
    firstEventT: row.first_event_t as number | null,
    endT: row.end_t as number | null,
    closeReason: row.close_reason as AttemptDetail['closeReason'],
    incomplete: row.incomplete === null ? null : row.incomplete === 1,
    errorCategory: row.error_category as AttemptDetail['errorCategory'],
    errorMessage: row.error_message as string | null,
    bytes: row.bytes as number,
    events: row.events as number,
  };
}

export function getSession(sql: SqlContext, id: number): SessionDetail | null {
  const row = sql.statement(`SELECT ${summaryColumns}, spec FROM sessions WHERE id = ?`).get(id);
  if (!row) return null;
  const attempts = sql
    .statement('SELECT * FROM attempts WHERE session_id = ? ORDER BY n')
    .all(id)
    .map(attemptFromRow);
  return {
    ...summaryFromRow(row),
    spec: specFromJson(row.spec as string),
    attemptDetails: attempts,
  };
}

export function renameSession(sql: SqlContext, id: number, name: string): boolean {
  return sql.statement('UPDATE sessions SET name = ? WHERE id = ?').run(name, id).changes === 1;
}

/** Removes a session with its timeline, chunks, attempts and full-text entries. */
export function deleteSessionRows(sql: SqlContext, id: number): boolean {
  const lo = sessionBase(id);
  const hi = lo + SEQ_SPACE;
  return sql.transaction(() => {
    // External-content FTS5 forgets a row only when told its old values ('delete' command).
    sql
      .statement(
        `INSERT INTO events_fts (events_fts, rowid, data)
         SELECT 'delete', id, data FROM entries NOT INDEXED
         WHERE id >= ? AND id < ? AND kind = 'event'`,
      )
      .run(lo, hi);
    sql.statement('DELETE FROM entries WHERE id >= ? AND id < ?').run(lo, hi);
    sql.statement('DELETE FROM event_runs WHERE first_id >= ? AND first_id < ?').run(lo, hi);
    sql.statement('DELETE FROM chunks WHERE id >= ? AND id < ?').run(lo, hi);
    return sql.statement('DELETE FROM sessions WHERE id = ?').run(id).changes === 1;
  });
}

export function finishSessionRow(
  sql: SqlContext,
  id: number,
  endedAt: number,
  outcome: SessionOutcome,
): void {
  sql
    .statement('UPDATE sessions SET ended_at = ?, outcome = ? WHERE id = ?')
    .run(endedAt, outcome, id);
}

/**
 * Sessions left without an end (the recording process died) become 'interrupted', ending at
 * their last stored record. `isLive` spares sessions another running process is still recording.
 */
export function markInterrupted(
  sql: SqlContext,
  isLive: (sessionId: number, writerPid: number | null) => boolean,
): number {
  const unfinished = sql
    .statement(
      'SELECT id, writer_pid FROM sessions INDEXED BY sessions_unfinished WHERE ended_at IS NULL',
    )
    .all();
  const dead = unfinished.filter(
    (row) => !isLive(row.id as number, row.writer_pid as number | null),
  );
  if (dead.length === 0) return 0;
  const mark = sql.statement(
    `UPDATE sessions SET ended_at = started_at + last_t, outcome = 'interrupted'
     WHERE id = ? AND ended_at IS NULL`,
  );
  return sql.transaction(() => {
    let marked = 0;
    for (const row of dead) marked += Number(mark.run(row.id as number).changes);
    return marked;
  });
}
