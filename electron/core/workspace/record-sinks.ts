import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { BatchWriter, newSessionState } from './batch-writer.ts';
import type { SqlContext } from './sql-context.ts';
import { BatchEncoder } from './record-batch-codec.ts';
import { canBlockThisThread, WriterThread } from './writer-thread.ts';

/**
 * Where a SessionRecorder's records go: a batch buffered here, written here and now, or encoded
 * as it grows and written by the writer thread.
 */
export interface RecordSink {
  /** Batches committed. */
  readonly written: number;
  /** Records in the batch being buffered. */
  readonly pending: number;
  /** The recorder created or adopted this session. */
  has(sessionId: number): boolean;
  /** A session the recorder just created (no stored rows). */
  created(sessionId: number): void;
  /** A stored session the recorder appends to; false when there is no such session. */
  adopt(sessionId: number): boolean;
  add(sessionId: number, record: CaptureRecord): void;
  /**
   * Writes the buffered batch in one transaction, or hands it to the writer thread. The batch is
   * taken off the sink first: one that fails is dropped, never retried forever.
   */
  write(): void;
  /** Returns once every batch handed over is committed (or its failure reported). */
  drain(): void;
  /** A finished session: drop what is kept for it. */
  forget(sessionId: number): void;
  /** A session being deleted: its buffered records are dropped too. */
  discard(sessionId: number): void;
  close(): void;
}

/** Writes each batch synchronously on the caller's connection; a failure throws to the caller. */
export class InThreadSink implements RecordSink {
  readonly #writer: BatchWriter;
  #sessionIds: number[] = [];
  #records: CaptureRecord[] = [];
  written = 0;

  constructor(sql: SqlContext) {
    this.#writer = new BatchWriter(sql);
  }

  has(sessionId: number): boolean {
    return this.#writer.states.has(sessionId);
  }

  created(sessionId: number): void {
    this.#writer.states.set(sessionId, newSessionState(sessionId, true));
  }

  adopt(sessionId: number): boolean {
    const state = this.#writer.loadSession(sessionId);
    if (state !== null) this.#writer.states.set(sessionId, state);
    return state !== null;
  }

  get pending(): number {
    return this.#records.length;
  }

  add(sessionId: number, record: CaptureRecord): void {
    this.#sessionIds.push(sessionId);
    this.#records.push(record);
  }

  write(): void {
    const sessionIds = this.#sessionIds;
    const records = this.#records;
    this.#sessionIds = [];
    this.#records = [];
    this.#writer.write(sessionIds, records);
    this.written++;
  }

  drain(): void {}

  forget(sessionId: number): void {
    this.#writer.forgetSession(sessionId);
  }

  discard(sessionId: number): void {
    const keep = this.#sessionIds.map((id) => id !== sessionId);
    this.#records = this.#records.filter((_, i) => keep[i]);
    this.#sessionIds = this.#sessionIds.filter((_, i) => keep[i]);
    this.#writer.forgetSession(sessionId);
  }

  close(): void {}
}

/**
 * Hands batches to the writer thread, which writes them on its own connection while this thread
 * reads and parses on; failures reach `onFailure` (the thread's BatchWriter numbers the rows, so
 * the same rows are written either way).
 */
export class ThreadSink implements RecordSink {
  readonly #sql: SqlContext;
  readonly #thread: WriterThread;
  readonly #sessions = new Set<number>();
  readonly #batch = new BatchEncoder();

  /**
   * A sink whose writer thread has opened the workspace, or null when this thread may not wait
   * for it (flush() blocks) or it could not start: the caller then writes on its own thread.
   */
  static start(
    sql: SqlContext,
    path: string,
    onFailure: (error: unknown) => void,
  ): ThreadSink | null {
    if (!canBlockThisThread()) return null;
    const sink = new ThreadSink(sql, path, onFailure);
    return sink.#thread.waitUntilOpen() ? sink : null;
  }

  private constructor(sql: SqlContext, path: string, onFailure: (error: unknown) => void) {
    this.#sql = sql;
    this.#thread = new WriterThread(path, onFailure, (spare) => this.#batch.recycle(spare));
  }

  get written(): number {
    return this.#thread.written;
  }

  has(sessionId: number): boolean {
    return this.#sessions.has(sessionId);
  }

  created(sessionId: number): void {
    this.#sessions.add(sessionId);
    this.#thread.createdSession(sessionId);
  }

  adopt(sessionId: number): boolean {
    const row = this.#sql.statement('SELECT 1 AS found FROM sessions WHERE id = ?').get(sessionId);
    if (row) this.#sessions.add(sessionId);
    return row !== undefined;
  }

  get pending(): number {
    return this.#batch.count;
  }

  add(sessionId: number, record: CaptureRecord): void {
    this.#batch.add(sessionId, record);
  }

  write(): void {
    this.#thread.write(this.#batch.seal());
  }

  drain(): void {
    this.#thread.drain();
  }

  forget(sessionId: number): void {
    // Batches of the session still in flight are written first (a deleted session's rows go with
    // it; a finished one's counters are final before its end is stored).
    this.#thread.drain();
    this.#sessions.delete(sessionId);
    this.#thread.forgetSession(sessionId);
  }

  discard(sessionId: number): void {
    this.#batch.dropSession(sessionId);
    this.forget(sessionId);
  }

  close(): void {
    this.#thread.close();
  }
}
