import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { redactRecord } from '../../../shared/secrets/index.ts';
import type { SqlContext } from './sql-context.ts';
import { SEQ_SPACE, sessionBase } from './keys.ts';
import { detailJson, offsetColumn } from './record-codec.ts';
import { EntryRows } from './entry-rows.ts';
import { eventCountBefore, kindCountBefore } from './timeline-groups.ts';
import {
  type AttemptState,
  attemptColumns,
  attemptFromDb,
  attemptValues,
  newAttempt,
} from './attempt-state.ts';

/** What the recorder knows about a session it writes: the next numbers and the counters. */
export interface SessionState {
  readonly id: number;
  readonly base: number;
  entries: number;
  chunks: number;
  attempts: number;
  events: number;
  bytes: number;
  warnings: number;
  lastT: number;
  /** Next ordinal per non-event kind, and per event type. */
  kindOrds: Map<string, number>;
  typeOrds: Map<string, number>;
  /** Created by this recorder: no stored rows, so a kind or type seen first starts at 0. */
  fresh: boolean;
  /** Keys of the first and last event written by the current batch (for the FTS insert). */
  firstEventKey: number;
  lastEventKey: number;
  /** The current batch's open run of events (runFirst -1: none); see event_runs. */
  runFirst: number;
  runLast: number;
  runType: string;
  runOrd: number;
  runTypeOrd: number;
}

export function newSessionState(id: number, fresh: boolean): SessionState {
  return {
    id,
    base: sessionBase(id),
    entries: 0,
    chunks: 0,
    attempts: 0,
    events: 0,
    bytes: 0,
    warnings: 0,
    lastT: 0,
    kindOrds: new Map(),
    typeOrds: new Map(),
    fresh,
    firstEventKey: -1,
    lastEventKey: -1,
    runFirst: -1,
    runLast: -1,
    runType: '',
    runOrd: 0,
    runTypeOrd: 0,
  };
}

/**
 * Writes one batch of records in one transaction. Works on copies of the session and attempt
 * states and keeps them only after COMMIT, so a failed batch leaves numbering and counters as they
 * were (the next batch reuses the same seqs).
 */
export class BatchWriter {
  readonly #sql: SqlContext;
  readonly states = new Map<number, SessionState>();
  /** Attempts still open (closed ones are dropped after their batch; reloaded if needed). */
  readonly attempts = new Map<string, AttemptState>();
  readonly #entries: EntryRows;

  constructor(sql: SqlContext) {
    this.#sql = sql;
    this.#entries = new EntryRows(sql);
  }

  /** Loads the state of a session created elsewhere; null when it does not exist. */
  loadSession(id: number): SessionState | null {
    const row = this.#sql
      .statement(
        'SELECT attempts, events, bytes, warnings, chunks, entries, last_t FROM sessions WHERE id = ?',
      )
      .get(id);
    if (!row) return null;
    const state = newSessionState(id, false);
    state.attempts = row.attempts as number;
    state.events = row.events as number;
    state.bytes = row.bytes as number;
    state.warnings = row.warnings as number;
    state.chunks = row.chunks as number;
    state.entries = row.entries as number;
    state.lastT = row.last_t as number;
    return state;
  }

  forgetSession(id: number): void {
    this.states.delete(id);
    for (const [key, attempt] of this.attempts) {
      if (attempt.sessionId === id) this.attempts.delete(key);
    }
  }

  write(sessionIds: readonly number[], records: readonly CaptureRecord[]): void {
    const sessions = new Map<number, SessionState>();
    const attempts = new Map<string, AttemptState>();
    // Rows left over from a failed batch must not leak into this one.
    this.#entries.reset();
    this.#sql.transaction(() => {
      const chunkInsert = this.#sql.statement(
        'INSERT INTO chunks (id, session_id, attempt, t, wall, "offset", entry_seq, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      let state: SessionState | undefined;
      let attempt: AttemptState | undefined;
      for (let i = 0; i < records.length; i++) {
        const sessionId = sessionIds[i]!;
        const record = records[i]!;
        if (state === undefined || state.id !== sessionId) {
          state = this.#working(sessions, sessionId);
          attempt = undefined;
        }
        if (attempt === undefined || attempt.n !== record.attempt) {
          attempt = this.#workingAttempt(attempts, sessionId, record.attempt);
        }
        if (record.t > state.lastT) state.lastT = record.t;
        if (record.kind === 'event') {
          const key = state.base + state.entries++;
          const ord = state.events++;
          const typeOrd = this.#nextOrdinal(state, state.typeOrds, 'type', record.type);
          this.#entries.addEvent(
            key,
            record.attempt,
            record.t,
            record.type,
            record.lastEventId,
            record.data,
            record.start,
            record.end,
            ord,
            typeOrd,
          );
          if (state.runLast === key - 1 && state.runType === record.type) {
            state.runLast = key;
          } else {
            this.#closeRun(state);
            state.runFirst = key;
            state.runLast = key;
            state.runType = record.type;
            state.runOrd = ord;
            state.runTypeOrd = typeOrd;
          }
          if (state.firstEventKey < 0) state.firstEventKey = key;
          state.lastEventKey = key;
          attempt.events++;
          if (attempt.firstEventT === null) attempt.firstEventT = record.t;
          attempt.dirty = true;
        } else if (record.kind === 'chunk') {
          const size = record.bytes.byteLength;
          // The Uint8Array is bound as is (SQLite copies it once); no Buffer copy on our side.
          chunkInsert.run(
            state.base + state.chunks++,
            sessionId,
            record.attempt,
            record.t,
            record.wall,
            record.offset,
            state.entries,
            record.bytes,
          );
          state.bytes += size;
          attempt.bytes += size;
          if (attempt.firstByteT === null) attempt.firstByteT = record.t;
          attempt.dirty = true;
        } else {
          // Lifecycle records carry request and response headers, URLs and messages: stored
          // with markers in place of secrets, whoever appends them (capture or import).
          const stored = redactRecord(record);
          this.#entries.addOther(
            state.base + state.entries++,
            record.kind,
            record.attempt,
            record.t,
            offsetColumn(stored),
            this.#nextOrdinal(state, state.kindOrds, 'kind', record.kind),
            detailJson(stored),
          );
          if (record.kind === 'warning') state.warnings++;
          else if (record.kind === 'attempt') state.attempts++;
          attempt.apply(stored);
        }
      }
      for (const session of sessions.values()) this.#closeRun(session);
      this.#entries.flush();
      this.#finishBatch(sessions, attempts);
    });
    for (const [id, state] of sessions) this.states.set(id, state);
    for (const [key, attempt] of attempts) {
      if (attempt.endT !== null && attempt.closeReason !== null) this.attempts.delete(key);
      else this.attempts.set(key, attempt);
    }
  }

  /** Queues the session's open run of events for insertion (runs never span batches). */
  #closeRun(state: SessionState): void {
    if (state.runFirst < 0) return;
    this.#entries.addRun(
      state.runFirst,
      state.runLast,
      state.runType,
      state.runOrd,
      state.runTypeOrd,
    );
    state.runFirst = -1;
    state.runLast = -1;
  }

  #finishBatch(sessions: Map<number, SessionState>, attempts: Map<string, AttemptState>): void {
    const indexEvents = this.#sql.statement(
      `INSERT INTO events_fts (rowid, data)
       SELECT id, data FROM entries NOT INDEXED WHERE id >= ? AND id <= ? AND kind = 'event'`,
    );
    const updateSession = this.#sql.statement(
      `UPDATE sessions SET attempts = ?, events = ?, bytes = ?, warnings = ?, chunks = ?,
         entries = ?, last_t = ? WHERE id = ?`,
    );
    for (const s of sessions.values()) {
      // One INSERT … SELECT per session indexes the batch's events from the rows just written
      // (still in the page cache): no second crossing of every data string from JavaScript.
      if (s.firstEventKey >= 0) indexEvents.run(s.firstEventKey, s.lastEventKey);
      updateSession.run(
        s.attempts,
        s.events,
        s.bytes,
        s.warnings,
        s.chunks,
        s.entries,
        s.lastT,
        s.id,
      );
    }
    const upsertAttempt = this.#sql.statement(
      `INSERT OR REPLACE INTO attempts (${attemptColumns}) VALUES (${Array(24).fill('?').join(', ')})`,
    );
    for (const attempt of attempts.values()) {
      if (attempt.dirty) upsertAttempt.run(...attemptValues(attempt));
    }
  }

  #working(sessions: Map<number, SessionState>, id: number): SessionState {
    let state = sessions.get(id);
    if (state !== undefined) return state;
    const stored = this.states.get(id) ?? this.loadSession(id);
    if (stored === null) throw new Error(`Session ${id} does not exist in the workspace.`);
    state = {
      ...stored,
      kindOrds: new Map(stored.kindOrds),
      typeOrds: new Map(stored.typeOrds),
      firstEventKey: -1,
      lastEventKey: -1,
      runFirst: -1,
      runLast: -1,
    };
    sessions.set(id, state);
    return state;
  }

  #workingAttempt(attempts: Map<string, AttemptState>, sessionId: number, n: number): AttemptState {
    const key = `${sessionId}:${n}`;
    let attempt = attempts.get(key);
    if (attempt !== undefined) return attempt;
    const stored = this.attempts.get(key);
    if (stored !== undefined) {
      attempt = stored.copy();
    } else {
      const row = this.#sql
        .statement('SELECT * FROM attempts WHERE session_id = ? AND n = ?')
        .get(sessionId, n);
      attempt = row ? attemptFromDb(row) : newAttempt(sessionId, n);
    }
    attempts.set(key, attempt);
    return attempt;
  }

  /** The next ordinal of a kind or event type; a resumed session continues from the stored one. */
  #nextOrdinal(
    state: SessionState,
    ordinals: Map<string, number>,
    by: 'kind' | 'type',
    value: string,
  ): number {
    let next = ordinals.get(value);
    if (next === undefined) next = state.fresh ? 0 : this.#storedNext(state, by, value);
    ordinals.set(value, next + 1);
    return next;
  }

  #storedNext(state: SessionState, by: 'kind' | 'type', value: string): number {
    const end = state.base + SEQ_SPACE;
    return by === 'kind'
      ? kindCountBefore(this.#sql, value, state.base, end)
      : eventCountBefore(this.#sql, value, state.base, end);
  }
}
