import type { RequestSpec } from '../../shared/capture/request-spec.ts';
import type { CaptureRecord } from '../../shared/capture/records.ts';

/** How a session ended, as stored and shown in history. */
export type SessionOutcome =
  | 'closed' // the user disconnected, or a capture limit (events, attempts, duration) was reached
  | 'completed' // the server ended it for good (204, or no reconnect wanted)
  | 'failed' // the connection failed and no further attempt will be made
  | 'interrupted'; // the process died while capturing (found on the next start)

export interface SessionStart {
  spec: RequestSpec;
  /** Wall clock (ms since the epoch) at t = 0 of the session. */
  startedAt: number;
  /** Where the session came from. */
  origin: 'live' | 'import' | 'replay-capture' | 'proxy';
  name?: string;
}

/**
 * Where the connection engine writes what it captures. The workspace implements it with SQLite;
 * tests can implement it in memory. `append` must be cheap: implementations buffer and write in
 * batches, so it never blocks the stream on disk I/O per record.
 */
export interface CaptureStore {
  createSession(start: SessionStart): number;
  append(sessionId: number, record: CaptureRecord): void;
  finishSession(sessionId: number, endedAt: number, outcome: SessionOutcome): void;
  /** Writes everything buffered so far. */
  flush(): void;
}
