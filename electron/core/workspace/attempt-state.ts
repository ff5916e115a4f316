import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import type { StoredRecord } from './types.ts';

/** The attempts row of one connection attempt, kept current from its records. */
export class AttemptState {
  readonly sessionId: number;
  readonly n: number;
  reason: string | null = null;
  startedT: number | null = null;
  startedWall: number | null = null;
  lastEventId: string | null = null;
  request: string | null = null;
  status: number | null = null;
  statusText: string | null = null;
  httpVersion: string | null = null;
  responseHeaders: string | null = null;
  contentType: string | null = null;
  finalUrl: string | null = null;
  redirects = 0;
  responseT: number | null = null;
  firstByteT: number | null = null;
  firstEventT: number | null = null;
  endT: number | null = null;
  closeReason: string | null = null;
  incomplete: number | null = null;
  errorCategory: string | null = null;
  errorMessage: string | null = null;
  bytes = 0;
  events = 0;
  /** Changed since it was last written. */
  dirty = false;

  constructor(sessionId: number, n: number) {
    this.sessionId = sessionId;
    this.n = n;
  }

  copy(): AttemptState {
    return Object.assign(new AttemptState(this.sessionId, this.n), this);
  }

  /** Applies a lifecycle or parser record of this attempt (events and chunks are counted inline). */
  apply(record: StoredRecord): void {
    switch (record.kind) {
      case 'attempt':
        this.reason = record.reason;
        this.startedT = record.t;
        this.startedWall = record.wall;
        this.lastEventId = record.lastEventId;
        this.request = JSON.stringify(record.request);
        break;
      case 'redirect':
        this.redirects++;
        break;
      case 'response':
        this.status = record.status;
        this.statusText = record.statusText;
        this.httpVersion = record.httpVersion;
        this.responseHeaders = JSON.stringify(record.headers);
        this.contentType = record.contentType;
        this.finalUrl = record.url;
        this.responseT = record.t;
        break;
      case 'error':
        this.errorCategory = record.category;
        this.errorMessage = record.message;
        this.endT ??= record.t;
        break;
      case 'closed':
        this.closeReason = record.reason;
        this.endT = record.t;
        // The engine's own totals for the attempt are authoritative once it has closed.
        this.bytes = record.bytes;
        this.events = record.events;
        this.incomplete = record.incomplete ? 1 : 0;
        break;
      default:
        return;
    }
    this.dirty = true;
  }
}

export function newAttempt(sessionId: number, n: number): AttemptState {
  return new AttemptState(sessionId, n);
}

export const attemptColumns =
  'session_id, n, reason, started_t, started_wall, last_event_id, request, status, status_text, ' +
  'http_version, response_headers, content_type, final_url, redirects, response_t, first_byte_t, ' +
  'first_event_t, end_t, close_reason, incomplete, error_category, error_message, bytes, events';

/** Values in attemptColumns order. */
export function attemptValues(a: AttemptState): SQLInputValue[] {
  return [
    a.sessionId,
    a.n,
    a.reason,
    a.startedT,
    a.startedWall,
    a.lastEventId,
    a.request,
    a.status,
    a.statusText,
    a.httpVersion,
    a.responseHeaders,
    a.contentType,
    a.finalUrl,
    a.redirects,
    a.responseT,
    a.firstByteT,
    a.firstEventT,
    a.endT,
    a.closeReason,
    a.incomplete,
    a.errorCategory,
    a.errorMessage,
    a.bytes,
    a.events,
  ];
}

export function attemptFromDb(row: Record<string, SQLOutputValue>): AttemptState {
  const a = new AttemptState(row.session_id as number, row.n as number);
  a.reason = row.reason as string | null;
  a.startedT = row.started_t as number | null;
  a.startedWall = row.started_wall as number | null;
  a.lastEventId = row.last_event_id as string | null;
  a.request = row.request as string | null;
  a.status = row.status as number | null;
  a.statusText = row.status_text as string | null;
  a.httpVersion = row.http_version as string | null;
  a.responseHeaders = row.response_headers as string | null;
  a.contentType = row.content_type as string | null;
  a.finalUrl = row.final_url as string | null;
  a.redirects = row.redirects as number;
  a.responseT = row.response_t as number | null;
  a.firstByteT = row.first_byte_t as number | null;
  a.firstEventT = row.first_event_t as number | null;
  a.endT = row.end_t as number | null;
  a.closeReason = row.close_reason as string | null;
  a.incomplete = row.incomplete as number | null;
  a.errorCategory = row.error_category as string | null;
  a.errorMessage = row.error_message as string | null;
  a.bytes = row.bytes as number;
  a.events = row.events as number;
  return a;
}
