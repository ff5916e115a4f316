import type {
  CaptureRecord,
  CloseReason,
  ErrorCategory,
  ResponseRecord,
  SentRequest,
} from '../../../shared/capture/records.ts';
import { DEFAULT_RECONNECTION_TIME_MS } from '../../../shared/sse/parser.ts';
import { responseFraming } from '../connections/response-check.ts';
import { StreamRecorder, type StreamTotals } from '../connections/stream-recorder.ts';
import type { ImportTarget } from './import-target.ts';

/** A response as a file recorded it: the fields of its response record. */
export type ImportedResponse = Omit<ResponseRecord, 'kind' | 'attempt' | 't'>;

/**
 * Rebuilds the records of connection attempts from what a HAR or a raw capture holds, in the
 * order and shape a live capture emits them: attempt, response, then each body chunk through the
 * same StreamRecorder (so events, retries, comments and parser warnings come from the same
 * parser, with byte ranges in the body), then error/closed. The event source's last event ID and
 * reconnection time carry from one attempt to the next, as in a live connection.
 */
export class AttemptWriter {
  readonly #target: ImportTarget;
  readonly #startedAt: number;
  readonly #totals: StreamTotals = { chunks: 0, events: 0, bytes: 0, warnings: 0 };
  #attempt = 0;
  #lastEventId = '';
  #reconnectionTimeMs = DEFAULT_RECONNECTION_TIME_MS;
  #stream: StreamRecorder | null = null;
  #now = 0;

  constructor(target: ImportTarget, startedAt: number) {
    this.#target = target;
    this.#startedAt = startedAt;
  }

  get attempt(): number {
    return this.#attempt;
  }

  get totals(): Readonly<StreamTotals> {
    return this.#totals;
  }

  #emit = (record: CaptureRecord): void => this.#target.append(record);

  startAttempt(t: number, request: SentRequest, lastEventId: string | null): void {
    this.#attempt++;
    this.#now = t;
    this.#emit({
      kind: 'attempt',
      attempt: this.#attempt,
      t,
      wall: this.#startedAt + t,
      reason: this.#attempt === 1 ? 'initial' : 'reconnect',
      lastEventId,
      request,
    });
  }

  /** A response; its body is parsed in its recorded framing, else its content type's. */
  response(t: number, response: ImportedResponse): void {
    this.#now = t;
    const framing = response.framing ?? responseFraming(response.contentType, null);
    this.#emit({ kind: 'response', attempt: this.#attempt, t, ...response, framing });
    this.#stream = new StreamRecorder({
      attempt: this.#attempt,
      totals: this.#totals,
      lastEventId: this.#lastEventId,
      reconnectionTimeMs: this.#reconnectionTimeMs,
      framing,
      now: () => this.#now,
      wall: () => this.#startedAt + this.#now,
      emit: this.#emit,
      onRetry: () => {},
    });
  }

  /** A body chunk that arrived at `t` (never earlier than the previous one). */
  body(t: number, bytes: Uint8Array): void {
    if (this.#stream === null || bytes.byteLength === 0) return;
    this.#now = Math.max(this.#now, t);
    this.#stream.push(bytes);
  }

  /** Ends the attempt; `error` when it failed without (or after) a response. */
  end(t: number, reason: CloseReason, error?: { category: ErrorCategory; message: string }): void {
    this.#now = Math.max(this.#now, t);
    const stream = this.#stream;
    this.#stream = null;
    const summary = stream?.end() ?? null;
    if (stream !== null) {
      this.#lastEventId = stream.lastEventId;
      this.#reconnectionTimeMs = stream.reconnectionTimeMs;
    }
    if (error !== undefined) {
      this.#emit({ kind: 'error', attempt: this.#attempt, t: this.#now, ...error });
    }
    this.#emit({
      kind: 'closed',
      attempt: this.#attempt,
      t: this.#now,
      reason,
      bytes: stream?.bytes ?? 0,
      events: stream?.events ?? 0,
      incomplete: summary?.incomplete ?? false,
    });
  }
}
