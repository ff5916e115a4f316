import type { SessionOutcome, SessionStart } from '../capture-store.ts';
import type {
  AttemptReason,
  CaptureRecord,
  ChunkRecord,
  CloseReason,
  ErrorCategory,
  SentRequest,
} from '../../../shared/capture/records.ts';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import type { TimelineKind } from '../../../shared/capture/record-kinds.ts';

/**
 * A timeline record as the workspace stores it: every record kind but `chunk` (chunks live in
 * their own table), event data whole. The wire type (data cut to a preview) is TimelineRecord.
 */
export type StoredRecord = Exclude<CaptureRecord, ChunkRecord>;

export type SessionOrigin = SessionStart['origin'];

export interface SessionSummary {
  id: number;
  name: string;
  url: string;
  method: string;
  origin: SessionOrigin;
  /** Wall clock (ms since the epoch) at t = 0. */
  startedAt: number;
  /** Null while the session is being recorded. */
  endedAt: number | null;
  /** endedAt − startedAt, or the time of the last stored record while recording. */
  durationMs: number;
  /** Null while the session is being recorded. */
  outcome: SessionOutcome | null;
  attempts: number;
  events: number;
  /** Body bytes received, all attempts. */
  bytes: number;
  warnings: number;
  chunks: number;
  /** Timeline length (every record except chunks); seqs run from 0 to entries − 1. */
  entries: number;
}

export interface AttemptDetail {
  attempt: number;
  reason: AttemptReason | null;
  startedT: number | null;
  startedWall: number | null;
  /** The Last-Event-ID header sent (null: none). */
  lastEventId: string | null;
  /** What was sent: method, URL, headers in order, body size. */
  request: SentRequest | null;
  status: number | null;
  statusText: string | null;
  httpVersion: string | null;
  responseHeaders: Array<[string, string]> | null;
  contentType: string | null;
  /** The final URL after redirects. */
  finalUrl: string | null;
  redirects: number;
  /** Times in ms since the session started (the records' `t`). */
  responseT: number | null;
  firstByteT: number | null;
  firstEventT: number | null;
  endT: number | null;
  closeReason: CloseReason | null;
  /** True when the stream ended inside an event. */
  incomplete: boolean | null;
  errorCategory: ErrorCategory | null;
  errorMessage: string | null;
  bytes: number;
  events: number;
}

export interface SessionDetail extends SessionSummary {
  spec: RequestSpec;
  attemptDetails: AttemptDetail[];
}

export interface ListSessionsOptions {
  limit: number;
  offset?: number;
  /** Case-insensitive substring of the name or URL. */
  query?: string;
}

/**
 * Which timeline entries to show. An entry matches when its kind is in `kinds` (default: all) and,
 * for events, when `eventTypes` is absent or contains its type. An empty list matches nothing.
 */
export interface TimelineFilter {
  kinds?: readonly TimelineKind[];
  eventTypes?: readonly string[];
}

export interface TimelinePageOptions extends TimelineFilter {
  /** Entries with a larger seq (exclusive). */
  afterSeq?: number;
  /** Entries with a smaller seq (exclusive); alone, returns the `limit` entries just before it. */
  beforeSeq?: number;
  limit: number;
  /** Cut event data to this many characters (the full event comes from getEvent). */
  previewChars?: number;
}

/** A timeline entry as the workspace stores it (the wire type is TimelineEntry). */
export interface StoredEntry {
  /** Position in the session's timeline (every record but chunks, in arrival order), from 0. */
  seq: number;
  record: StoredRecord;
  /** Set when an event's data was cut to `previewChars`: the full data length in characters. */
  dataLength?: number;
}

export interface RawChunk {
  /** Session-wide chunk number, from 0. */
  seq: number;
  attempt: number;
  t: number;
  wall: number;
  /** Byte offset of the first byte in the attempt's body. */
  offset: number;
  bytes: Uint8Array;
  /** Timeline length when the chunk arrived: events parsed from it have seq ≥ this. */
  entrySeq: number;
}

export interface ChunkRangeOptions {
  attempt: number;
  /** Chunks overlapping [fromOffset, toOffset). */
  fromOffset: number;
  toOffset: number;
  /** Most chunks returned (default 1000). */
  limit?: number;
}

export interface ChunkPageOptions {
  afterSeq?: number;
  limit: number;
}

export interface SearchOptions {
  sessionId?: number;
  limit: number;
  offset?: number;
  /**
   * True (the default): the words are matched literally (each quoted), so `foo-bar` or `a:b`
   * never fail. False: the query is FTS5 syntax (AND, OR, NOT, "phrases", prefix*, NEAR()).
   */
  plainText?: boolean;
  /** Default: newest first across sessions; in timeline order within one session. */
  order?: 'asc' | 'desc';
  /** Marks placed around matched words in `snippet` (default: the SNIPPET_* constants). */
  highlight?: { open: string; close: string };
}

export interface SearchHit {
  sessionId: number;
  seq: number;
  /** Event index in its session. */
  index: number;
  attempt: number;
  t: number;
  type: string;
  /** The event's last event ID. */
  lastEventId: string;
  /** A short excerpt of the data around the matches, with highlight marks. */
  snippet: string;
}

export interface SavedRequestSummary {
  id: number;
  name: string;
  method: string;
  url: string;
  createdAt: number;
  updatedAt: number;
}

export interface SavedRequest extends SavedRequestSummary {
  /** With markers in place of secrets (see shared/secrets). */
  spec: RequestSpec;
  /** The secrets, sealed by the OS key store (core/secrets); null when none were kept. */
  sealedSecrets: Uint8Array | null;
}
