// Public types of the byte-level event-stream parser. Parsing follows WHATWG HTML §9.2.6
// "Interpreting an event stream" (https://html.spec.whatwg.org/multipage/server-sent-events.html).

/** Stable identifiers for what a server author should fix; see warnings.ts for the texts. */
export type SseWarningCode =
  | 'invalid-utf8'
  | 'bom-not-at-start'
  | 'mixed-line-endings'
  | 'unknown-field'
  | 'invalid-retry'
  | 'retry-too-large'
  | 'id-contains-nul'
  | 'line-too-long'
  | 'event-too-large'
  | 'incomplete-event'
  | 'warnings-suppressed';

/**
 * A dispatched event. `start`/`end` are absolute offsets in the byte stream as received
 * (a stripped BOM still occupies bytes 0–2): `start` is the first byte of the first line of
 * the block that formed the event (comment lines in the block count, per the stream grammar
 * `event = *( comment / field ) end-of-line`), `end` is just past the terminator of the
 * blank line that dispatched it.
 */
export interface SseEventOutput {
  kind: 'event';
  /** The event type buffer, or `message` when it was empty. */
  type: string;
  data: string;
  /** The last event ID string after this dispatch (persists across events). */
  lastEventId: string;
  start: number;
  end: number;
  /** Raw lines of the block (decoded, without terminators), only with `keepRawLines`. */
  rawLines?: string[];
  /** Present (true) when lines were dropped because of `maxLineBytes`/`maxEventBytes`. */
  truncated?: boolean;
}

/** A valid `retry` field set the reconnection time. `offset` is the start of its line. */
export interface SseRetryOutput {
  kind: 'retry';
  ms: number;
  offset: number;
}

/** A comment line; `text` is what follows the colon, minus one leading space if present. */
export interface SseCommentOutput {
  kind: 'comment';
  text: string;
  offset: number;
}

/** Something a server author should fix; `offset` points at the offending bytes or line. */
export interface SseWarningOutput {
  kind: 'warning';
  code: SseWarningCode;
  message: string;
  offset: number;
}

export type SseOutput = SseEventOutput | SseRetryOutput | SseCommentOutput | SseWarningOutput;

export interface SseParserOptions {
  /** Receives every output synchronously, in stream order. */
  onOutput?: (output: SseOutput) => void;
  /** Attach the block's raw lines to each event (and to the pending event). Default false. */
  keepRawLines?: boolean;
  /** A line longer than this (bytes, terminator excluded) is discarded. Default 16 MiB. */
  maxLineBytes?: number;
  /**
   * When the lines of one block (bytes, terminators excluded) exceed this, further data
   * lines of that block are dropped and the event is marked truncated. Default 16 MiB.
   */
  maxEventBytes?: number;
  /** Warnings of one code reported per stream before they are suppressed. Default 20. */
  maxWarningsPerCode?: number;
  /**
   * For live streams: dispatch an event as soon as the CR of its blank line arrives, even when
   * that CR is the last byte pushed so far, as a browser does (a server with CR line ends then
   * shows each event at once, not when the next chunk arrives). If an LF follows in the next
   * push, the event's range ends before it. Default false: every output, ranges included, is the
   * same wherever the push boundaries fall, and such an event waits for the next byte.
   */
  dispatchAtCr?: boolean;
  /**
   * The event source's last event ID string before this stream (e.g. from a previous
   * connection). The getter and the stream's last event ID buffer start from it, so events of a
   * reconnected stream that sends no `id` carry it, as in every browser and as WPT
   * eventsource/format-field-id.any.js requires (§9.2.6 read literally would start the buffer
   * empty and clear the ID at the first dispatch; no implementation does that).
   */
  initialLastEventId?: string;
  /** Reconnection time before any `retry` field. Default 3000 (the usual UA default). */
  initialReconnectionTimeMs?: number;
}

/** The block that was still open when the stream ended; it was not dispatched. */
export interface SsePendingEvent {
  type: string;
  /** Data as it would have been dispatched (trailing LF removed); '' when none. */
  data: string;
  /** Whether any data line was seen (a blank line would then have dispatched an event). */
  hasData: boolean;
  /** The last event ID buffer at the end of the stream. */
  lastEventId: string;
  start: number;
  end: number;
  rawLines?: string[];
}

export interface SseEndSummary {
  /** Number of events dispatched. */
  events: number;
  /** Total bytes pushed, BOM included. */
  bytes: number;
  /** True when the stream ended inside a block that had at least one field line. */
  incomplete: boolean;
  pending?: SsePendingEvent;
  /** How many warnings of each code occurred, including suppressed ones. */
  warningCounts: Partial<Record<SseWarningCode, number>>;
  lastEventId: string;
  reconnectionTimeMs: number;
}
