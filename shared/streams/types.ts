// The framing parsers' common surface: every framing emits the SSE parser's output shapes (an
// event with a byte range, warnings with an offset), so the recorder, timeline, raw view,
// search, export and lenses handle each framing as they handle SSE.

import type {
  SseCommentOutput,
  SseEndSummary,
  SseEventOutput,
  SseRetryOutput,
  SseWarningCode,
} from '../sse/types.ts';

/** The ways a response body is cut into records. */
export const framings = ['sse', 'ndjson', 'json-seq', 'json-array'] as const;
export type Framing = (typeof framings)[number];

/** Warnings of the JSON framings (ndjson, json-seq, json-array); texts are in json-records.ts. */
export type JsonFramingWarningCode =
  /** A record that JSON.parse refuses; the offset points at the offending byte. */
  | 'invalid-json'
  /** The last line (ndjson) or text (json-seq) has no LF after it: it may be cut off. */
  | 'missing-final-newline'
  /** An empty or whitespace-only line between NDJSON records. */
  | 'blank-line'
  /** Bytes before the array's `[` or after its `]` (json-array), or a body that is no array. */
  | 'outside-array'
  /** A JSON text in a json-seq stream that has no RS (0x1E) before it. */
  | 'missing-record-separator'
  /** A record larger than the limit: it is skipped, not buffered. */
  | 'record-too-large'
  /** The stream ended inside a record, or before the array's closing `]`. */
  | 'incomplete-record';

export type StreamWarningCode = SseWarningCode | JsonFramingWarningCode;

export interface StreamWarningOutput {
  kind: 'warning';
  code: StreamWarningCode;
  message: string;
  offset: number;
}

/** What any framing parser reports. The JSON framings emit events (type `json`) and warnings. */
export type StreamOutput = SseEventOutput | SseRetryOutput | SseCommentOutput | StreamWarningOutput;

export interface StreamEndSummary extends Pick<
  SseEndSummary,
  'events' | 'bytes' | 'incomplete' | 'lastEventId' | 'reconnectionTimeMs'
> {
  warningCounts: Partial<Record<StreamWarningCode, number>>;
}

/** An incremental parser of one response body, whatever its framing. */
export interface StreamParser {
  push(bytes: Uint8Array): void;
  end(): StreamEndSummary;
  readonly eventCount: number;
  readonly byteCount: number;
  /** SSE's last event ID string; the JSON framings keep the one they started with. */
  readonly lastEventId: string;
  readonly reconnectionTimeMs: number;
}

export interface StreamParserOptions {
  onOutput?: (output: StreamOutput) => void;
  /** A record larger than this (bytes) is skipped. Default 16 MiB, as the SSE parser's lines. */
  maxRecordBytes?: number;
  /** Warnings of one code reported per stream before they are suppressed. Default 20. */
  maxWarningsPerCode?: number;
  /** Carried through by the JSON framings (they have no ids), used by SSE. */
  initialLastEventId?: string;
  initialReconnectionTimeMs?: number;
  /** SSE only: see SseParserOptions.dispatchAtCr. */
  dispatchAtCr?: boolean;
}
