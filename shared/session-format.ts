import { z } from 'zod';
import type {
  AttemptReason,
  CaptureRecord,
  CloseReason,
  EngineWarningCode,
  ErrorCategory,
} from './capture/records.ts';
import type { SameKinds } from './capture/record-kinds.ts';
import { framings, type StreamWarningCode } from './streams/types.ts';
import { requestSpecSchema } from './capture/request-spec.ts';

/**
 * The native session file (`.ssesession.json`): everything the workspace holds for one session,
 * as one JSON object. The documented schema is docs/session-format.md; this file is its code.
 *
 * Layout (what makes large files readable in bounded memory): the header fields come first, one
 * per line, and `records` is the last field, with ONE record per line:
 *
 *   {"format":"sse-inspector-session","version":1,
 *   "exportedAt":"…",
 *   …
 *   "records":[
 *   {"kind":"attempt","seq":0,…},
 *   {"kind":"chunk","seq":0,…},
 *   {"kind":"event","seq":3,…}
 *   ]}
 *
 * The whole file is plain JSON (any JSON tool can read it); a reader that meets this layout can
 * handle it line by line. `records` is the capture in arrival order, exactly the CaptureRecord
 * stream a live capture produced: lifecycle and parser records carry their timeline `seq`, chunks
 * their chunk `seq` (two numberings), and a chunk comes right before the first timeline record
 * that arrived after it.
 */

export const SESSION_FILE_FORMAT = 'sse-inspector-session';
export const SESSION_FILE_VERSION = 1;
export const SESSION_FILE_EXTENSION = '.ssesession.json';
/** The first line of every file this version writes (version checks read only this far). */
export const SESSION_FILE_FIRST_LINE = `{"format":"${SESSION_FILE_FORMAT}","version":${SESSION_FILE_VERSION},`;
/** The line that opens the record list. */
export const SESSION_FILE_RECORDS_LINE = '"records":[';
/** The value that replaces a secret (see shared/secrets and docs/session-format.md). */
export { REDACTED } from './secrets/redact-text.ts';

const count = z.number().int().min(0);
const time = z.number().finite();
const attemptNumber = z.number().int().min(1);
const headerList = z.array(z.tuple([z.string(), z.string()]));

export const sessionOutcomes = ['closed', 'completed', 'failed', 'interrupted'] as const;
export const sessionOrigins = ['live', 'import', 'replay-capture', 'proxy'] as const;

/** Every AttemptReason, ErrorCategory and CloseReason of records.ts, as values (checked below). */
const attemptReasons = ['initial', 'reconnect', 'manual'] as const;
export const errorCategories = [
  'dns',
  'refused',
  'reset',
  'tls',
  'timeout',
  'http-status',
  'content-type',
  'no-content',
  'redirect',
  'protocol',
  'aborted',
  'other',
] as const;
export const closeReasons = [
  'server-closed',
  'user-closed',
  'user-dropped',
  'network-error',
  'http-status',
  'content-type',
  'no-content',
  'idle-timeout',
] as const;
const warningCodes = [
  'invalid-utf8',
  'bom-not-at-start',
  'mixed-line-endings',
  'unknown-field',
  'invalid-retry',
  'retry-too-large',
  'id-contains-nul',
  'line-too-long',
  'event-too-large',
  'incomplete-event',
  'warnings-suppressed',
  'invalid-json',
  'missing-final-newline',
  'blank-line',
  'outside-array',
  'missing-record-separator',
  'record-too-large',
  'incomplete-record',
  'content-type-ignored',
  'status-ignored',
  'content-encoding',
  'reconnect-limit',
  'insecure-redirect',
  'redirect-secrets-dropped',
  'proxy-authorization-unused',
] as const satisfies ReadonlyArray<StreamWarningCode | EngineWarningCode>;

/** Summary of one attempt in the header: informative (importers rebuild it from the records). */
export const sessionFileAttemptSchema = z.object({
  attempt: attemptNumber,
  reason: z.enum(attemptReasons).nullable(),
  startedWall: time.nullable(),
  lastEventId: z.string().nullable(),
  method: z.string().nullable(),
  url: z.string().nullable(),
  status: z.number().int().nullable(),
  statusText: z.string().nullable(),
  httpVersion: z.string().nullable(),
  contentType: z.string().nullable(),
  finalUrl: z.string().nullable(),
  redirects: count,
  /** Times in ms since the session started. */
  startedT: time.nullable(),
  responseT: time.nullable(),
  firstByteT: time.nullable(),
  endT: time.nullable(),
  closeReason: z.enum(closeReasons).nullable(),
  incomplete: z.boolean().nullable(),
  errorCategory: z.enum(errorCategories).nullable(),
  errorMessage: z.string().nullable(),
  bytes: count,
  events: count,
});
export type SessionFileAttempt = z.infer<typeof sessionFileAttemptSchema>;

export const sessionFileHeaderSchema = z.object({
  format: z.literal(SESSION_FILE_FORMAT),
  version: z.literal(SESSION_FILE_VERSION),
  /** ISO 8601 time of the export. */
  exportedAt: z.string(),
  generator: z.object({ name: z.string(), version: z.string() }),
  /** True when secrets were replaced by "[REDACTED]" (see docs/session-format.md). */
  redacted: z.boolean(),
  session: z.object({
    name: z.string(),
    origin: z.enum(sessionOrigins),
    /** Wall clock (ms since the epoch) at t = 0: every record's `t` counts from here. */
    startedAt: time,
    /** Null when the session was still being recorded at the export. */
    endedAt: time.nullable(),
    outcome: z.enum(sessionOutcomes).nullable(),
    spec: requestSpecSchema,
  }),
  /** What `records` holds: `entries` timeline records (every kind but chunk) and `chunks` chunks. */
  counts: z.object({
    entries: count,
    chunks: count,
    attempts: count,
    events: count,
    bytes: count,
    warnings: count,
  }),
  attempts: z.array(sessionFileAttemptSchema),
});
export type SessionFileHeader = z.infer<typeof sessionFileHeaderSchema>;

const base = { seq: count, attempt: attemptNumber, t: time };

const attemptLine = z.object({
  kind: z.literal('attempt'),
  ...base,
  wall: time,
  reason: z.enum(attemptReasons),
  lastEventId: z.string().nullable(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: headerList,
    bodyBytes: count,
  }),
});
const redirectLine = z.object({
  kind: z.literal('redirect'),
  ...base,
  status: z.number().int(),
  from: z.string(),
  to: z.string(),
  headers: headerList,
});
const responseLine = z.object({
  kind: z.literal('response'),
  ...base,
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: z.string(),
  headers: headerList,
  contentType: z.string().nullable(),
  url: z.string(),
  framing: z.enum(framings).optional(),
});
const errorLine = z.object({
  kind: z.literal('error'),
  ...base,
  category: z.enum(errorCategories),
  message: z.string(),
});
const closedLine = z.object({
  kind: z.literal('closed'),
  ...base,
  reason: z.enum(closeReasons),
  bytes: count,
  events: count,
  incomplete: z.boolean(),
});
const reconnectLine = z.object({
  kind: z.literal('reconnect'),
  ...base,
  delayMs: z.number().min(0),
  reason: z.string(),
  lastEventId: z.string().nullable(),
  baseDelayMs: z.number().min(0),
});
const controlLine = z.object({
  kind: z.literal('control'),
  ...base,
  action: z.string(),
  detail: z.string(),
});
const eventLine = z.object({
  kind: z.literal('event'),
  ...base,
  index: count,
  type: z.string(),
  data: z.string(),
  lastEventId: z.string(),
  start: count,
  end: count,
});
const retryLine = z.object({ kind: z.literal('retry'), ...base, ms: count, offset: count });
const commentLine = z.object({
  kind: z.literal('comment'),
  ...base,
  text: z.string(),
  offset: count,
});
const warningLine = z.object({
  kind: z.literal('warning'),
  ...base,
  source: z.enum(['parser', 'engine']),
  code: z.enum(warningCodes),
  message: z.string(),
  offset: count.nullable(),
});
const chunkLine = z.object({
  kind: z.literal('chunk'),
  ...base,
  wall: time,
  /** Byte offset of the first byte in the attempt's body. */
  offset: count,
  /** Timeline length when the chunk arrived (the seq of the next timeline record). */
  entrySeq: count,
  size: count,
  /** The bytes as received (after content decoding), standard base64 with padding. */
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
});

export const sessionFileRecordSchema = z.discriminatedUnion('kind', [
  attemptLine,
  redirectLine,
  responseLine,
  errorLine,
  closedLine,
  reconnectLine,
  controlLine,
  eventLine,
  retryLine,
  commentLine,
  warningLine,
  chunkLine,
]);
/** One line of `records`. */
export type SessionFileRecord = z.infer<typeof sessionFileRecordSchema>;
export type SessionFileChunk = z.infer<typeof chunkLine>;

/**
 * The lists above must hold exactly the values of their types in records.ts, and a record line's
 * kind exactly a record kind, so that a record or value added there without its schema here
 * fails to compile.
 */
export const recordKindsMatch: SameKinds<SessionFileRecord['kind'], CaptureRecord['kind']> = true;
export const attemptReasonsMatch: SameKinds<(typeof attemptReasons)[number], AttemptReason> = true;
export const errorCategoriesMatch: SameKinds<(typeof errorCategories)[number], ErrorCategory> =
  true;
export const closeReasonsMatch: SameKinds<(typeof closeReasons)[number], CloseReason> = true;
export const warningCodesMatch: SameKinds<
  (typeof warningCodes)[number],
  StreamWarningCode | EngineWarningCode
> = true;
