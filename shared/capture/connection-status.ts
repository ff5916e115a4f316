import type { ErrorCategory } from './records.ts';
import type { HttpMethod, ReconnectPolicy } from './request-spec.ts';

/**
 * Where a connection is in its life:
 * - `connecting`: an attempt is under way, no response yet (redirects included);
 * - `open`: reading an event stream;
 * - `waiting`: the attempt ended and a reconnect is scheduled (`nextAttemptAt`);
 * - `paused`: not connected and automatic reconnection is off (reconnect now or resume);
 * - `closed`: ended for good without failing (user, capture limit, 204, server end);
 * - `failed`: ended for good because the connection failed (see `error`).
 */
export type ConnectionState = 'connecting' | 'open' | 'waiting' | 'paused' | 'closed' | 'failed';

/** A snapshot of one connection, for the connections list and the reconnect controls. */
export interface ConnectionStatus {
  /** The connection id, which is also its capture session id. */
  id: number;
  url: string;
  method: HttpMethod;
  state: ConnectionState;
  /** Number of the current (or last) attempt, from 1; 0 before the first. */
  attempt: number;
  /** Status of the last final response (after redirects), null before one. */
  status: number | null;
  contentType: string | null;
  httpVersion: string | null;
  /** The Last-Event-ID the next attempt will send (null: none). */
  lastEventId: string | null;
  /** The event source's reconnection time: the last `retry` field, or the 3000 ms default. */
  reconnectionTimeMs: number;
  policy: ReconnectPolicy;
  /** Wall clock (ms since the epoch) of the scheduled reconnect, while `waiting`. */
  nextAttemptAt: number | null;
  /** The delay chosen for the scheduled reconnect, while `waiting`. */
  nextDelayMs: number | null;
  /** Events, body bytes and warnings over all attempts. */
  events: number;
  bytes: number;
  warnings: number;
  /** The error that ended the last attempt (null if it ended cleanly or is still running). */
  error: { category: ErrorCategory; message: string } | null;
  /** How the session ended (as given to the capture store); null while it runs. */
  outcome: 'closed' | 'completed' | 'failed' | null;
  /** Wall clock of the session start and end. */
  startedAt: number;
  endedAt: number | null;
  /** Set for a past session opened from history: read-only, no controls. */
  historical?: boolean;
  /**
   * Set for a stream the capture proxy passes on to another client: the inspector did not open
   * it, so its only control is Drop (cut the client's connection).
   */
  proxied?: boolean;
}
