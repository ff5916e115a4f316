import type { CaptureStore, SessionOutcome, SessionStart } from '../capture-store.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { Workspace, WorkspaceAttachment } from './workspace.ts';
import { BatchWriter, newSessionState } from './batch-writer.ts';
import { finishSessionRow, insertSession } from './sessions-store.ts';
import { markRecording, unmarkRecording } from './live-sessions.ts';

export interface SessionRecorderOptions {
  /** Write when this many records are buffered (default 10,000). */
  maxBatchRecords?: number;
  /** Write at most this long after the first buffered record (default 100 ms). */
  maxBatchDelayMs?: number;
  /** Write when buffered chunk bytes + event data characters reach this (default 16 MiB). */
  maxBatchBytes?: number;
  /**
   * Receives errors of timer-driven writes (nothing could catch them). Without it, such an error
   * is thrown by the next flush(), finishSession() or close().
   */
  onError?: (error: unknown) => void;
}

/**
 * The workspace's CaptureStore. `append` only pushes onto an in-memory batch; the batch is written
 * in ONE transaction (prepared, multi-row statements) when it holds maxBatchRecords records or
 * maxBatchBytes bytes, maxBatchDelayMs after its first record (an unref'd timer), and on flush(),
 * finishSession() and close().
 *
 * Durability: a committed batch survives the process being killed (WAL). Killing the process loses
 * at most the unwritten batch: the records of the last maxBatchDelayMs (100 ms), and never more
 * than maxBatchRecords (10,000) records. With synchronous=NORMAL a power loss or OS crash may also
 * roll back the last few committed batches, never corrupting the file. Sessions left unfinished
 * this way are marked 'interrupted' by Workspace.markInterruptedSessions() on the next start.
 *
 * Memory: at most one batch is held (writes are synchronous; a batch that fails to write is
 * dropped, its error reported, and numbering continues as if it had never been appended).
 * The recorder keeps references to appended records until they are written: callers must not
 * modify a chunk's bytes after appending it.
 */
export class SessionRecorder implements CaptureStore, WorkspaceAttachment {
  readonly #workspace: Workspace;
  readonly #writer: BatchWriter;
  readonly #maxRecords: number;
  readonly #maxDelayMs: number;
  readonly #maxBytes: number;
  readonly #onError: ((error: unknown) => void) | undefined;
  #sessionIds: number[] = [];
  #records: CaptureRecord[] = [];
  #bytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #timerError: unknown = undefined;
  #closed = false;
  /** Batches written (one transaction each), for tests and diagnostics. */
  batchesWritten = 0;

  constructor(workspace: Workspace, options: SessionRecorderOptions = {}) {
    this.#workspace = workspace;
    this.#writer = new BatchWriter(workspace);
    this.#maxRecords = Math.max(1, options.maxBatchRecords ?? 10_000);
    this.#maxDelayMs = Math.max(0, options.maxBatchDelayMs ?? 100);
    this.#maxBytes = Math.max(1, options.maxBatchBytes ?? 16 * 1024 * 1024);
    this.#onError = options.onError;
    workspace.attach(this);
  }

  /** Records buffered and not yet written. */
  get pendingRecords(): number {
    return this.#records.length;
  }

  createSession(start: SessionStart): number {
    this.#assertOpen();
    const id = insertSession(this.#workspace, start, process.pid);
    this.#writer.states.set(id, newSessionState(id, true));
    markRecording(this.#workspace.databaseKey, id);
    return id;
  }

  append(sessionId: number, record: CaptureRecord): void {
    this.#assertOpen();
    if (!this.#writer.states.has(sessionId)) this.#adopt(sessionId);
    this.#sessionIds.push(sessionId);
    this.#records.push(record);
    if (record.kind === 'chunk') this.#bytes += record.bytes.byteLength;
    else if (record.kind === 'event') this.#bytes += record.data.length;
    if (this.#records.length >= this.#maxRecords || this.#bytes >= this.#maxBytes) {
      this.flush();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(this.#flushOnTimer, this.#maxDelayMs);
      // A pending write must not keep the process (CLI, tests) alive.
      this.#timer.unref();
    }
  }

  flush(): void {
    this.#throwTimerError();
    this.#write();
  }

  finishSession(sessionId: number, endedAt: number, outcome: SessionOutcome): void {
    this.flush();
    finishSessionRow(this.#workspace, sessionId, endedAt, outcome);
    this.#writer.forgetSession(sessionId);
    unmarkRecording(this.#workspace.databaseKey, sessionId);
  }

  /** Writes what is buffered and detaches from the workspace; unfinished sessions stay open. */
  close(): void {
    if (this.#closed) return;
    try {
      this.flush();
    } finally {
      this.#closed = true;
      clearTimeout(this.#timer);
      for (const id of this.#writer.states.keys()) unmarkRecording(this.#workspace.databaseKey, id);
      this.#workspace.detach(this);
    }
  }

  discardSession(sessionId: number): void {
    const keep = this.#sessionIds.map((id) => id !== sessionId);
    this.#records = this.#records.filter((_, i) => keep[i]);
    this.#sessionIds = this.#sessionIds.filter((_, i) => keep[i]);
    this.#writer.forgetSession(sessionId);
    unmarkRecording(this.#workspace.databaseKey, sessionId);
  }

  readonly #flushOnTimer = (): void => {
    this.#timer = undefined;
    try {
      this.#write();
    } catch (error) {
      if (this.#onError) this.#onError(error);
      else this.#timerError ??= error;
    }
  };

  #write(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#records.length === 0) return;
    const sessionIds = this.#sessionIds;
    const records = this.#records;
    // Taken off the recorder first: a batch that fails is dropped, never retried forever.
    this.#sessionIds = [];
    this.#records = [];
    this.#bytes = 0;
    this.#writer.write(sessionIds, records);
    this.batchesWritten++;
  }

  /** Appending to a session this recorder did not create (e.g. resuming a stored one). */
  #adopt(sessionId: number): void {
    const state = this.#writer.loadSession(sessionId);
    if (state === null) throw new Error(`Session ${sessionId} does not exist in the workspace.`);
    this.#writer.states.set(sessionId, state);
    markRecording(this.#workspace.databaseKey, sessionId);
  }

  #throwTimerError(): void {
    const error = this.#timerError;
    if (error === undefined) return;
    this.#timerError = undefined;
    throw error;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('The recorder was closed.');
  }
}
