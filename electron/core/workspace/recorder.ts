import type { CaptureStore, SessionOutcome, SessionStart } from '../capture-store.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { Workspace, WorkspaceAttachment } from './workspace.ts';
import { InThreadSink, type RecordSink, ThreadSink } from './record-sinks.ts';
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
   * Receives errors of timer-driven writes and of the writer thread's writes (nothing could catch
   * them). Without it, such an error is thrown by the next flush(), finishSession() or close().
   */
  onError?: (error: unknown) => void;
  /**
   * Write on a worker thread with its own connection to the workspace file, so reading and
   * parsing the stream overlap the SQLite writes (ignored for an in-memory workspace). Same rows,
   * same flush() guarantee; a kill may also lose the batches being written (see below). When this
   * thread may not block (flush() waits with Atomics.wait) or the writer thread cannot open the
   * file within 5 s, the recorder writes on this thread instead, before any record is taken.
   * The thread starts with the first session recorded, not before.
   */
  thread?: boolean;
}

/**
 * The workspace's CaptureStore. `append` only pushes onto an in-memory batch; the batch is written
 * in ONE transaction (prepared, multi-row statements) when it holds maxBatchRecords records or
 * maxBatchBytes bytes, maxBatchDelayMs after its first record (an unref'd timer), and on flush(),
 * finishSession() and close(). With `thread`, "written" means handed to the writer thread, which
 * commits it while this thread goes on; flush(), finishSession() and close() wait for the commits.
 *
 * Durability: a committed batch survives the process being killed (WAL). Killing the process loses
 * at most the unwritten batch: the records of the last maxBatchDelayMs (100 ms), and never more
 * than maxBatchRecords (10,000) records; with `thread`, also the batches the thread is still
 * writing (at most 2 more). With synchronous=NORMAL a power loss or OS crash may also roll back
 * the last few committed batches, never corrupting the file. Sessions left unfinished this way are
 * marked 'interrupted' by Workspace.markInterruptedSessions() on the next start.
 *
 * Memory: at most one batch is held, plus the 2 the writer thread may be writing (a batch that
 * fails to write is dropped, its error reported, and numbering continues as if it had never been
 * appended). The recorder keeps references to appended records until they are written: callers
 * must not modify a chunk's bytes after appending it.
 */
export class SessionRecorder implements CaptureStore, WorkspaceAttachment {
  readonly #workspace: Workspace;
  readonly #threaded: boolean;
  /** Made when the first session is recorded: a recorder that never records starts no thread. */
  #sink: RecordSink | null = null;
  readonly #maxRecords: number;
  readonly #maxDelayMs: number;
  readonly #maxBytes: number;
  readonly #onError: ((error: unknown) => void) | undefined;
  #bytes = 0;
  #timer: NodeJS.Timeout | undefined;
  /** A write failure nobody could catch, thrown by the next flush() (without onError). */
  #pendingError: unknown = undefined;
  /** Sessions created or adopted and not yet finished (marked as being recorded here). */
  readonly #recording = new Set<number>();
  #closed = false;

  constructor(workspace: Workspace, options: SessionRecorderOptions = {}) {
    this.#workspace = workspace;
    this.#onError = options.onError;
    this.#threaded = options.thread === true && workspace.path !== ':memory:';
    this.#maxRecords = Math.max(1, options.maxBatchRecords ?? 10_000);
    this.#maxDelayMs = Math.max(0, options.maxBatchDelayMs ?? 100);
    this.#maxBytes = Math.max(1, options.maxBatchBytes ?? 16 * 1024 * 1024);
    workspace.attach(this);
  }

  /** Batches written (one transaction each, committed), for tests and diagnostics. */
  get batchesWritten(): number {
    return this.#sink?.written ?? 0;
  }

  /** Records buffered and not yet written. */
  get pendingRecords(): number {
    return this.#sink?.pending ?? 0;
  }

  createSession(start: SessionStart): number {
    this.#assertOpen();
    const id = insertSession(this.#workspace, start, process.pid);
    this.#openSink().created(id);
    this.#recording.add(id);
    markRecording(this.#workspace.databaseKey, id);
    return id;
  }

  append(sessionId: number, record: CaptureRecord): void {
    this.#assertOpen();
    const sink = this.#openSink();
    if (!sink.has(sessionId)) this.#adopt(sink, sessionId);
    sink.add(sessionId, record);
    if (record.kind === 'chunk') this.#bytes += record.bytes.byteLength;
    else if (record.kind === 'event') this.#bytes += record.data.length;
    if (sink.pending >= this.#maxRecords || this.#bytes >= this.#maxBytes) {
      // Handed over, not waited for: the writer thread (if any) commits it while we go on.
      this.#throwPendingError();
      this.#write();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(this.#flushOnTimer, this.#maxDelayMs);
      // A pending write must not keep the process (CLI, tests) alive.
      this.#timer.unref();
    }
  }

  flush(): void {
    this.#throwPendingError();
    this.#write();
    this.#sink?.drain();
    this.#throwPendingError();
  }

  finishSession(sessionId: number, endedAt: number, outcome: SessionOutcome): void {
    this.flush();
    finishSessionRow(this.#workspace, sessionId, endedAt, outcome);
    this.#sink?.forget(sessionId);
    this.#recording.delete(sessionId);
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
      try {
        this.#sink?.close();
      } finally {
        for (const id of this.#recording) unmarkRecording(this.#workspace.databaseKey, id);
        this.#workspace.detach(this);
      }
    }
  }

  discardSession(sessionId: number): void {
    this.#sink?.discard(sessionId);
    this.#recording.delete(sessionId);
    unmarkRecording(this.#workspace.databaseKey, sessionId);
  }

  readonly #flushOnTimer = (): void => {
    this.#timer = undefined;
    try {
      this.#write();
    } catch (error) {
      this.#report(error);
    }
  };

  readonly #report = (error: unknown): void => {
    if (this.#onError) this.#onError(error);
    else this.#pendingError ??= error;
  };

  #write(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#sink === null || this.#sink.pending === 0) return;
    this.#bytes = 0;
    this.#sink.write();
  }

  /** Appending to a session this recorder did not create (e.g. resuming a stored one). */
  #adopt(sink: RecordSink, sessionId: number): void {
    if (!sink.adopt(sessionId)) {
      throw new Error(`Session ${sessionId} does not exist in the workspace.`);
    }
    this.#recording.add(sessionId);
    markRecording(this.#workspace.databaseKey, sessionId);
  }

  #openSink(): RecordSink {
    this.#sink ??=
      (this.#threaded
        ? ThreadSink.start(this.#workspace, this.#workspace.path, this.#report)
        : null) ?? new InThreadSink(this.#workspace);
    return this.#sink;
  }

  #throwPendingError(): void {
    const error = this.#pendingError;
    if (error === undefined) return;
    this.#pendingError = undefined;
    throw error;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('The recorder was closed.');
  }
}
