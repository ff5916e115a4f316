import type { Framing, StreamWarningCode } from '../streams/types.ts';

/**
 * What a capture produces, in order: lifecycle records, body chunks and parser outputs. The
 * engine emits them, the recorder stores them, and (without chunk bytes) the renderer shows them.
 *
 * Times: `t` is milliseconds since the session started, from a monotonic clock (fractional);
 * `wall` is milliseconds since the Unix epoch. Offsets (`offset`, `start`, `end`) are byte
 * positions in the body of that attempt, as received after content decoding, starting at 0.
 */

export type ErrorCategory =
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'timeout'
  | 'http-status'
  | 'content-type'
  | 'no-content'
  | 'redirect'
  | 'protocol'
  | 'aborted'
  | 'other';

/** Why an attempt ended. */
export type CloseReason =
  | 'server-closed'
  | 'user-closed'
  | 'user-dropped'
  | 'network-error'
  | 'http-status'
  | 'content-type'
  | 'no-content'
  | 'idle-timeout';

export type AttemptReason = 'initial' | 'reconnect' | 'manual';

export interface SentRequest {
  method: string;
  url: string;
  /** Headers as sent, in order and case. */
  headers: Array<[string, string]>;
  /** Size of the body in bytes (the body itself is in the session's request spec). */
  bodyBytes: number;
}

export interface AttemptRecord {
  kind: 'attempt';
  attempt: number;
  t: number;
  wall: number;
  reason: AttemptReason;
  /** The Last-Event-ID header sent (null: none). */
  lastEventId: string | null;
  request: SentRequest;
}

export interface RedirectRecord {
  kind: 'redirect';
  attempt: number;
  t: number;
  status: number;
  from: string;
  to: string;
  headers: Array<[string, string]>;
}

export interface ResponseRecord {
  kind: 'response';
  attempt: number;
  t: number;
  status: number;
  statusText: string;
  httpVersion: string;
  /** Response headers in wire order and case. */
  headers: Array<[string, string]>;
  contentType: string | null;
  /** The final URL after redirects. */
  url: string;
  /**
   * How the body is cut into records (shared/streams): from the content type, or as the user
   * forced it. Absent in sessions recorded before framings existed: those are `sse`.
   */
  framing?: Framing;
}

export interface ChunkRecord {
  kind: 'chunk';
  attempt: number;
  /** Session-wide chunk number, from 0. */
  seq: number;
  t: number;
  wall: number;
  offset: number;
  bytes: Uint8Array;
}

export interface EventRecord {
  kind: 'event';
  attempt: number;
  t: number;
  /** Session-wide event number, from 0. */
  index: number;
  type: string;
  data: string;
  lastEventId: string;
  start: number;
  end: number;
}

export interface RetryRecord {
  kind: 'retry';
  attempt: number;
  t: number;
  ms: number;
  offset: number;
}

export interface CommentRecord {
  kind: 'comment';
  attempt: number;
  t: number;
  text: string;
  offset: number;
}

export type EngineWarningCode =
  | 'content-type-ignored'
  | 'status-ignored'
  | 'content-encoding'
  | 'reconnect-limit'
  /** A redirect from https to http: secret headers were not sent on. */
  | 'insecure-redirect'
  /** A redirect to another origin: secret headers were not sent on. */
  | 'redirect-secrets-dropped'
  /** A Proxy-Authorization header was given but no proxy is used: it was not sent anywhere. */
  | 'proxy-authorization-unused';

export interface WarningRecord {
  kind: 'warning';
  attempt: number;
  t: number;
  source: 'parser' | 'engine';
  code: StreamWarningCode | EngineWarningCode;
  message: string;
  /** Byte offset in the attempt's body; null for engine warnings not tied to bytes. */
  offset: number | null;
}

export interface ErrorRecord {
  kind: 'error';
  attempt: number;
  t: number;
  category: ErrorCategory;
  message: string;
}

export interface ClosedRecord {
  kind: 'closed';
  attempt: number;
  t: number;
  reason: CloseReason;
  /** Bytes and events this attempt received. */
  bytes: number;
  events: number;
  /** True when the stream ended inside an event (it was not dispatched). */
  incomplete: boolean;
}

export interface ReconnectRecord {
  kind: 'reconnect';
  /** The attempt this reconnect will start. */
  attempt: number;
  t: number;
  delayMs: number;
  /** How the delay was chosen, e.g. "retry field", "default 3000 ms", "backoff 4 of 10 (+12% jitter)". */
  reason: string;
  lastEventId: string | null;
  /** The delay before jitter was applied (equal to delayMs without jitter). */
  baseDelayMs: number;
}

/** A manual control the user applied (recorded so the timeline explains what happened). */
export interface ControlRecord {
  kind: 'control';
  attempt: number;
  t: number;
  action: string;
  detail: string;
}

/** Every record kind is listed once more in record-kinds.ts (the compiler checks the two agree). */
export type CaptureRecord =
  | AttemptRecord
  | RedirectRecord
  | ResponseRecord
  | ChunkRecord
  | EventRecord
  | RetryRecord
  | CommentRecord
  | WarningRecord
  | ErrorRecord
  | ClosedRecord
  | ReconnectRecord
  | ControlRecord;
