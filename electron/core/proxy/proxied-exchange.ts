import type { CaptureRecord, CloseReason, ErrorCategory } from '../../../shared/capture/records.ts';
import { httpMethods, requestSpecSchema } from '../../../shared/capture/request-spec.ts';
import { DEFAULT_RECONNECTION_TIME_MS } from '../../../shared/sse/parser.ts';
import type { CaptureStore, SessionOutcome } from '../capture-store.ts';
import { createBodyDecoder, type BodyDecoder } from '../connections/content-decoder.ts';
import type { ResponseStart } from '../connections/http-attempt.ts';
import { responseFraming } from '../connections/response-check.ts';
import { StreamRecorder, type StreamTotals } from '../connections/stream-recorder.ts';
import { redactHeaders, redactText, redactUrl } from '../../../shared/secrets/index.ts';
import { framingForContentType } from '../../../shared/streams/framing.ts';

/** What the proxied client sent, as forwarded upstream (URL = the upstream URL). */
export interface ProxiedRequest {
  method: string;
  url: string;
  /** The headers sent upstream, in order and case. */
  headers: Array<[string, string]>;
  /** The request body as UTF-8 text when it was small enough to keep (see MAX_KEPT_BODY_BYTES). */
  body: string | null;
  bodyBytes: number;
}

/** How a proxied exchange ended. */
export type ExchangeEnd =
  | { kind: 'ended' }
  | { kind: 'upstream-error'; category: ErrorCategory; message: string }
  | { kind: 'client-closed' }
  /** The user cut the client's connection (to test the client's reconnect logic). */
  | { kind: 'client-dropped' }
  | { kind: 'proxy-stopped' };

/** What the proxy reports of a recorded exchange when it ends (the CLI's `recorded` line). */
export interface RecordedExchange {
  session: number;
  method: string;
  /** The upstream URL, secrets replaced by markers. */
  url: string;
  status: number | null;
  contentType: string | null;
  /** Whether the body was recorded (a stream, see isRecordedStream) or only its metadata (`--all`). */
  stream: boolean;
  events: number;
  /** Body bytes as received from upstream (before content decoding). */
  bytes: number;
  outcome: SessionOutcome;
}

export interface RecordingDeps {
  store: CaptureStore;
  now: () => number;
  wall: () => number;
  /** Every record, after the store has it (for live listeners). */
  onRecord: (sessionId: number, record: CaptureRecord) => void;
}

/**
 * Whether a response is a stream the proxy records with its body: an event stream, NDJSON or
 * JSON text sequences (by content type). A plain `application/json` body is an ordinary API
 * response far more often than a streamed array, so it is metadata only (`--all`), as other
 * responses are.
 */
export function isRecordedStream(contentType: string | null): boolean {
  const framing = framingForContentType(contentType);
  return framing !== null && framing !== 'json-array';
}

/** Whether a session can hold this request (the request spec's schema limits the methods). */
export function isRecordableMethod(method: string): boolean {
  return (httpMethods as readonly string[]).includes(method);
}

const closeReasons: Record<ExchangeEnd['kind'], CloseReason> = {
  ended: 'server-closed',
  'upstream-error': 'network-error',
  'client-closed': 'user-closed',
  'client-dropped': 'user-dropped',
  'proxy-stopped': 'user-closed',
};
const outcomes: Record<ExchangeEnd['kind'], SessionOutcome> = {
  ended: 'completed',
  'upstream-error': 'failed',
  'client-closed': 'closed',
  'client-dropped': 'closed',
  'proxy-stopped': 'closed',
};
const controlDetails: Partial<Record<ExchangeEnd['kind'], [string, string]>> = {
  'client-closed': ['client-closed', 'the proxied client closed its connection'],
  'client-dropped': ['drop-client', "the client's connection was cut (TCP reset)"],
  'proxy-stopped': ['proxy-stopped', 'the capture proxy was stopped'],
};

/**
 * One proxied request/response recorded as a session of origin `proxy`, with the same records a
 * capture makes: attempt, response, chunks, parser outputs, warnings, error, closed. Secret
 * headers and query parameters are stored as markers (the values stay with the client and the
 * upstream only). The client already has each chunk when `push` is called: recording comes
 * second. The body is decoded from a copy (Content-Encoding) for parsing; the wire bytes are
 * what the client gets.
 */
export class ProxiedExchange {
  readonly session: number;
  readonly #deps: RecordingDeps;
  readonly #t0: number;
  readonly #request: ProxiedRequest;
  #response: ResponseStart | null = null;
  #stream: StreamRecorder | null = null;
  #decoder: BodyDecoder | null = null;
  #wireBytes = 0;
  #ending: Promise<RecordedExchange> | null = null;
  #onDecoderDrain: (() => void) | null = null;
  /** Resolves end() once the decoder has delivered its last bytes. */
  #decoded: ((error: Error | null) => void) | null = null;
  readonly #totals: StreamTotals = { chunks: 0, events: 0, bytes: 0, warnings: 0 };

  /** `started`: when the client's request arrived (monotonic and wall clock), t = 0. */
  constructor(deps: RecordingDeps, request: ProxiedRequest, started: { t: number; wall: number }) {
    this.#deps = deps;
    this.#request = request;
    this.#t0 = started.t;
    const url = redactUrl(request.url);
    const spec = requestSpecSchema.parse({
      url,
      method: request.method,
      headers: redactHeaders(request.headers),
      body: request.body,
      proxy: { mode: 'none' },
    });
    this.session = deps.store.createSession({ spec, startedAt: started.wall, origin: 'proxy' });
    this.#emit({
      kind: 'attempt',
      attempt: 1,
      t: 0,
      wall: started.wall,
      reason: 'initial',
      lastEventId: null,
      request: {
        method: request.method,
        url,
        headers: spec.headers,
        bodyBytes: request.bodyBytes,
      },
    });
  }

  /** The upstream's response head; `recordBody` false keeps only its metadata (`--all`). */
  respond(response: ResponseStart, recordBody: boolean): void {
    this.#response = response;
    const framing = responseFraming(response.contentType, null);
    this.#emit({
      kind: 'response',
      attempt: 1,
      t: this.#t(),
      ...response,
      url: redactUrl(response.url),
      headers: redactHeaders(response.headers),
      framing,
    });
    if (!recordBody) return;
    this.#stream = new StreamRecorder({
      attempt: 1,
      totals: this.#totals,
      lastEventId: '',
      reconnectionTimeMs: DEFAULT_RECONNECTION_TIME_MS,
      framing,
      now: () => this.#t(),
      wall: this.#deps.wall,
      emit: (record) => this.#emit(record),
      onRetry: () => {},
    });
    const stream = this.#stream;
    const encoding =
      response.headers.find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? null;
    const choice = createBodyDecoder(encoding, {
      onData: (bytes) => stream.push(bytes),
      onDone: (error) => this.#decoded?.(error),
      onDrain: () => this.#onDecoderDrain?.(),
      onExtremeRatio: (decoded, compressed) =>
        this.#warning(
          `Content-Encoding "${encoding}": ${decoded} bytes decoded from ${compressed} ` +
            '(a possible compression bomb); the client got the bytes unchanged',
        ),
    });
    if (choice.kind === 'unsupported') {
      this.#warning(
        `Content-Encoding "${choice.encoding}" is not decoded; events are parsed from the bytes ` +
          'as received',
      );
    }
    this.#decoder = choice.decoder;
  }

  /**
   * Body bytes as received from upstream, after the client was given them. Returns false when
   * the decoder's input is full (a compressed body decoding slower than it arrives): the caller
   * pauses upstream reading until `onDrain`, so memory stays bounded as with a slow client.
   */
  push(wire: Uint8Array, onDrain: () => void): boolean {
    this.#wireBytes += wire.length;
    this.#onDecoderDrain = onDrain;
    // The decoder and the chunk record may keep the buffer: nobody writes to it after this.
    return this.#decoder?.write(wire) ?? true;
  }

  /** Ends the session once the decoder has delivered everything; idempotent. */
  end(end: ExchangeEnd): Promise<RecordedExchange> {
    this.#ending ??= new Promise<Error | null>((resolve) => {
      if (this.#decoder === null) {
        resolve(null);
        return;
      }
      this.#decoded = resolve;
      // A stream cut short still flushes what decodes (as fetch does), then ends.
      this.#decoder.end();
    }).then((decodeError) => this.#finish(end, decodeError));
    return this.#ending;
  }

  #finish(end: ExchangeEnd, decodeError: Error | null): RecordedExchange {
    const summary = this.#stream?.end() ?? null;
    const t = this.#t();
    const control = controlDetails[end.kind];
    if (control !== undefined) {
      this.#emit({ kind: 'control', attempt: 1, t, action: control[0], detail: control[1] });
    }
    if (end.kind === 'upstream-error') {
      const message = redactText(end.message);
      this.#emit({ kind: 'error', attempt: 1, t, category: end.category, message });
    } else if (decodeError !== null) {
      this.#emit({
        kind: 'error',
        attempt: 1,
        t,
        category: 'protocol',
        message: `content decoding failed (the client got the bytes unchanged): ${decodeError.message}`,
      });
    }
    const events = this.#stream?.events ?? 0;
    this.#emit({
      kind: 'closed',
      attempt: 1,
      t,
      reason: closeReasons[end.kind],
      // A stream's bytes are the decoded body its events come from; metadata keeps the size.
      bytes: this.#stream?.bytes ?? this.#wireBytes,
      events,
      incomplete: summary?.incomplete ?? false,
    });
    const outcome = outcomes[end.kind];
    this.#deps.store.finishSession(this.session, this.#deps.wall(), outcome);
    this.#deps.store.flush();
    return {
      session: this.session,
      method: this.#request.method,
      url: redactUrl(this.#request.url),
      status: this.#response?.status ?? null,
      contentType: this.#response?.contentType ?? null,
      stream: this.#stream !== null,
      events,
      bytes: this.#wireBytes,
      outcome,
    };
  }

  #warning(message: string): void {
    this.#totals.warnings++;
    this.#emit({
      kind: 'warning',
      attempt: 1,
      t: this.#t(),
      source: 'engine',
      code: 'content-encoding',
      message,
      offset: null,
    });
  }

  #t(): number {
    return this.#deps.now() - this.#t0;
  }

  #emit(record: CaptureRecord): void {
    this.#deps.store.append(this.session, record);
    this.#deps.onRecord(this.session, record);
  }
}
