import type {
  ConnectionState,
  ConnectionStatus,
} from '../../../shared/capture/connection-status.ts';
import type {
  AttemptReason,
  CaptureRecord,
  EngineWarningCode,
  ErrorCategory,
} from '../../../shared/capture/records.ts';
import {
  reconnectPolicySchema,
  type ReconnectPolicy,
  type RequestSpec,
} from '../../../shared/capture/request-spec.ts';
import { DEFAULT_RECONNECTION_TIME_MS } from '../../../shared/sse/parser.ts';
import type { SessionOutcome } from '../capture-store.ts';
import { classifyAttemptEnd } from './attempt-outcome.ts';
import { HttpAttempt, type AttemptEnd, type ResponseStart } from './http-attempt.ts';
import { buildOutgoingRequest, proxyAuthorization, sentLastEventId } from './outgoing-request.ts';
import { attemptsExhausted, nextReconnectDelay } from './reconnect-policy.ts';
import { checkResponse, responseFraming, type ResponseVerdict } from './response-check.ts';
import { StreamRecorder, type StreamTotals } from './stream-recorder.ts';
import { errorMessage } from '../../../shared/errors.ts';
import type { Framing } from '../../../shared/streams/types.ts';

export interface ConnectionDeps {
  id: number;
  spec: RequestSpec;
  /** Wall clock at t = 0 (the session's startedAt). */
  startedAt: number;
  /** Monotonic ms since the session started (t = 0). */
  now: () => number;
  wall: () => number;
  random: () => number;
  emit: (record: CaptureRecord) => void;
  onStateChange: () => void;
  onFinish: (outcome: SessionOutcome, endedAt: number) => void;
}

/**
 * One SSE connection: the EventSource's state machine (WHATWG HTML §9.2) made observable and
 * steerable. Each attempt is one HttpAttempt plus one StreamRecorder; between attempts the
 * connection waits its reconnection delay, unless paused, limited or stopped for good.
 */
export class Connection {
  readonly id: number;
  readonly #deps: ConnectionDeps;
  readonly #startedAt: number;
  #state: ConnectionState = 'connecting';
  #policy: ReconnectPolicy;
  #attempt = 0;
  /** The event source's last event ID string ('' = none), as of the last attempt's end. */
  #lastEventId: string;
  /** A Last-Event-ID the user set for the next attempt (undefined: none set). */
  #nextLastEventId: string | null | undefined = undefined;
  #reconnectionTimeMs = DEFAULT_RECONNECTION_TIME_MS;
  #retryFromServer = false;
  /** Consecutive attempts that ended without an event: the backoff step. */
  #quietAttempts = 0;
  readonly #totals: StreamTotals = { chunks: 0, events: 0, bytes: 0, warnings: 0 };
  #http: HttpAttempt | null = null;
  #stream: StreamRecorder | null = null;
  #verdict: ResponseVerdict | null = null;
  /** What the user asked for when cancelling the running attempt. */
  #stopIntent: 'close' | 'reconnect' | null = null;
  #timer: NodeJS.Timeout | null = null;
  #nextAttemptAt: number | null = null;
  #nextDelayMs: number | null = null;
  #response: ResponseStart | null = null;
  /** The framing of the last response's body. */
  #framing: Framing = 'sse';
  #error: { category: ErrorCategory; message: string } | null = null;
  #endedAt: number | null = null;
  #outcome: SessionOutcome | null = null;
  /** Controls called from a record listener while a chunk is parsed run after that chunk. */
  #inChunk = false;
  #deferred: Array<() => void> = [];
  #readPaused = false;

  constructor(deps: ConnectionDeps) {
    this.id = deps.id;
    this.#deps = deps;
    this.#startedAt = deps.startedAt;
    this.#policy = { ...deps.spec.reconnect };
    this.#lastEventId = deps.spec.lastEventId ?? '';
  }

  get finished(): boolean {
    return this.#state === 'closed' || this.#state === 'failed';
  }

  start(): void {
    this.#startAttempt('initial');
  }

  status(): ConnectionStatus {
    return {
      id: this.id,
      url: this.#deps.spec.url,
      method: this.#deps.spec.method,
      state: this.#state,
      attempt: this.#attempt,
      status: this.#response?.status ?? null,
      contentType: this.#response?.contentType ?? null,
      httpVersion: this.#response?.httpVersion ?? null,
      lastEventId: this.#lastEventIdToSend(),
      reconnectionTimeMs: this.#stream?.reconnectionTimeMs ?? this.#reconnectionTimeMs,
      policy: { ...this.#policy },
      nextAttemptAt: this.#nextAttemptAt,
      nextDelayMs: this.#nextDelayMs,
      events: this.#totals.events,
      bytes: this.#totals.bytes,
      warnings: this.#totals.warnings,
      error: this.#error,
      outcome: this.#outcome === 'interrupted' ? 'failed' : this.#outcome,
      startedAt: this.#startedAt,
      endedAt: this.#endedAt,
    };
  }

  // ── Controls ────────────────────────────────────────────────────────────────────────────

  close(): void {
    this.#control(() => {
      if (this.finished) return;
      this.#recordControl('disconnect', 'closed by the user');
      this.#clearTimer();
      if (this.#http !== null) {
        this.#stopIntent = 'close';
        this.#http.cancel(); // reports synchronously, then we finish below
      }
      this.#finish('closed');
    });
  }

  reconnectNow(): void {
    this.#control(() => {
      if (this.finished) return;
      this.#recordControl('reconnect-now', 'reconnect immediately');
      this.#clearTimer();
      if (this.#http !== null) {
        this.#stopIntent = 'reconnect';
        this.#http.cancel();
        return;
      }
      this.#reconnectImmediately();
    });
  }

  dropConnection(): void {
    this.#control(() => {
      if (this.#http === null) return;
      this.#recordControl('drop-connection', 'socket destroyed abruptly');
      this.#http.drop();
    });
  }

  setAutoReconnect(auto: boolean): void {
    this.setReconnectPolicy({ auto });
  }

  setReconnectPolicy(change: Partial<ReconnectPolicy>): void {
    const next = reconnectPolicySchema.parse({ ...this.#policy, ...change });
    this.#control(() => {
      if (this.finished) return;
      const before = this.#policy;
      this.#policy = next;
      const changed = Object.entries(change)
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
        .join(' ');
      const action = change.auto === false ? 'pause' : change.auto === true ? 'resume' : 'policy';
      this.#recordControl(action, changed);
      if (this.#state === 'waiting') {
        this.#clearTimer();
        if (next.auto) this.#scheduleReconnect();
        else this.#setState('paused');
      } else if (this.#state === 'paused' && next.auto && !before.auto) {
        this.#scheduleReconnect();
      } else {
        this.#deps.onStateChange();
      }
    });
  }

  /** Holds the body back (true) or reads on (false); applies to later attempts too. */
  setReadPaused(paused: boolean): void {
    this.#readPaused = paused;
    if (paused) this.#http?.pauseBody();
    else this.#http?.resumeBody();
  }

  setNextLastEventId(lastEventId: string | null): void {
    this.#control(() => {
      if (this.finished) return;
      this.#nextLastEventId = lastEventId;
      this.#recordControl('set-last-event-id', lastEventId === null ? '(none)' : lastEventId);
      this.#deps.onStateChange();
    });
  }

  #control(apply: () => void): void {
    if (this.#inChunk) this.#deferred.push(apply);
    else apply();
  }

  #recordControl(action: string, detail: string): void {
    this.#emit({ kind: 'control', attempt: this.#attempt, t: this.#deps.now(), action, detail });
  }

  // ── Attempts ────────────────────────────────────────────────────────────────────────────

  #lastEventIdToSend(): string | null {
    if (this.#nextLastEventId !== undefined) return this.#nextLastEventId;
    const id = this.#stream?.lastEventId ?? this.#lastEventId;
    return id === '' ? null : id;
  }

  #startAttempt(reason: AttemptReason): void {
    this.#clearTimer();
    this.#attempt++;
    this.#lastEventId = this.#lastEventIdToSend() ?? '';
    this.#nextLastEventId = undefined;
    this.#stream = null;
    this.#verdict = null;
    this.#stopIntent = null;
    this.#error = null;
    const spec = this.#deps.spec;
    const attempt = this.#attempt;
    const request = buildOutgoingRequest(spec, this.#lastEventId);
    this.#emit({
      kind: 'attempt',
      attempt: this.#attempt,
      t: this.#deps.now(),
      wall: this.#deps.wall(),
      reason,
      lastEventId: sentLastEventId(request),
      request: {
        method: request.method,
        url: request.url.href,
        headers: request.headers,
        bodyBytes: request.body === null ? 0 : Buffer.byteLength(request.body),
      },
    });
    if (attempt === 1 && spec.proxy.mode === 'none' && proxyAuthorization(spec) !== null) {
      this.#engineWarning(
        'proxy-authorization-unused',
        'Proxy-Authorization was not sent: this request uses no proxy, and the header is for a proxy only',
      );
    }
    this.#setState('connecting');
    let http: HttpAttempt;
    try {
      http = new HttpAttempt(this.#deps.spec, {
        onRedirect: (hop) => this.#emit({ kind: 'redirect', attempt, t: this.#deps.now(), ...hop }),
        onResponse: (response) => this.#onResponse(response),
        onBody: (bytes) => this.#onBody(bytes),
        onWarning: (code, message) => this.#engineWarning(code, message),
        onEnd: (end) => this.#onEnd(end),
      });
    } catch (error) {
      // E.g. a proxy URL undici refuses: the attempt fails before anything is sent.
      const message = errorMessage(error);
      this.#onEnd({ kind: 'error', category: 'other', message, code: null, futile: true });
      return;
    }
    this.#http = http;
    if (this.#readPaused) http.pauseBody();
    http.start(request);
  }

  #onResponse(response: ResponseStart): boolean {
    this.#response = response;
    const { lenient, framing: forced } = this.#deps.spec;
    const framing = responseFraming(response.contentType, forced);
    this.#framing = framing;
    this.#emit({
      kind: 'response',
      attempt: this.#attempt,
      t: this.#deps.now(),
      ...response,
      framing,
    });
    const verdict = checkResponse(response.status, response.contentType, lenient, forced);
    this.#verdict = verdict;
    if (verdict.action === 'fail') return false;
    for (const warning of verdict.warnings) this.#engineWarning(warning.code, warning.message);
    this.#stream = new StreamRecorder({
      attempt: this.#attempt,
      totals: this.#totals,
      lastEventId: this.#lastEventId,
      reconnectionTimeMs: this.#reconnectionTimeMs,
      framing,
      now: this.#deps.now,
      wall: this.#deps.wall,
      emit: this.#deps.emit,
      onRetry: () => {
        this.#retryFromServer = true;
      },
    });
    // §9.2.2 "announce the connection": the stream is open.
    this.#setState('open');
    return true;
  }

  #onBody(bytes: Uint8Array): void {
    if (this.#stream === null) return;
    this.#inChunk = true;
    try {
      this.#stream.push(bytes);
    } finally {
      this.#inChunk = false;
    }
    if (this.#deferred.length > 0) {
      const deferred = this.#deferred;
      this.#deferred = [];
      for (const apply of deferred) apply();
    }
  }

  #onEnd(end: AttemptEnd): void {
    this.#http = null;
    const stream = this.#stream;
    const summary = stream?.end() ?? null;
    if (stream !== null) {
      this.#lastEventId = stream.lastEventId;
      this.#reconnectionTimeMs = stream.reconnectionTimeMs;
      this.#quietAttempts = stream.events > 0 ? 0 : this.#quietAttempts + 1;
    } else {
      this.#quietAttempts++;
    }
    const { reason, error, next } = classifyAttemptEnd(
      end,
      this.#verdict,
      this.#stopIntent,
      this.#framing,
    );
    const t = this.#deps.now();
    if (error !== null) this.#emit({ kind: 'error', attempt: this.#attempt, t, ...error });
    this.#error = error;
    this.#emit({
      kind: 'closed',
      attempt: this.#attempt,
      t,
      reason,
      bytes: stream?.bytes ?? 0,
      events: stream?.events ?? 0,
      incomplete: summary?.incomplete ?? false,
    });
    if (next === 'stop') return; // close() finishes the session
    if (next === 'complete') return this.#finish('completed');
    if (next === 'fail') return this.#finish('failed');
    if (next === 'reconnect-now') return this.#reconnectImmediately();
    this.#afterDrop(end.kind === 'error');
  }

  /** §9.2.3 "reestablish the connection", subject to the inspector's limit and pause. */
  #afterDrop(failed: boolean): void {
    if (attemptsExhausted(this.#policy, this.#attempt)) {
      this.#engineWarning(
        'reconnect-limit',
        `stopped after ${this.#attempt} attempt${this.#attempt === 1 ? '' : 's'} (maximum attempts)`,
      );
      this.#finish(failed ? 'failed' : 'closed');
    } else if (!this.#policy.auto) {
      this.#setState('paused');
    } else {
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    const delay = nextReconnectDelay({
      policy: this.#policy,
      reconnectionTimeMs: this.#reconnectionTimeMs,
      retryFromServer: this.#retryFromServer,
      failureStreak: this.#quietAttempts,
      random: this.#deps.random,
    });
    this.#emit({
      kind: 'reconnect',
      attempt: this.#attempt + 1,
      t: this.#deps.now(),
      delayMs: delay.delayMs,
      baseDelayMs: delay.baseDelayMs,
      reason: delay.reason,
      lastEventId: this.#lastEventIdToSend(),
    });
    this.#nextAttemptAt = this.#deps.wall() + delay.delayMs;
    this.#nextDelayMs = delay.delayMs;
    this.#timer = setTimeout(() => this.#startAttempt('reconnect'), delay.delayMs);
    this.#setState('waiting');
  }

  #reconnectImmediately(): void {
    this.#emit({
      kind: 'reconnect',
      attempt: this.#attempt + 1,
      t: this.#deps.now(),
      delayMs: 0,
      baseDelayMs: 0,
      reason: 'reconnect now (user)',
      lastEventId: this.#lastEventIdToSend(),
    });
    this.#startAttempt('manual');
  }

  #engineWarning(code: EngineWarningCode, message: string): void {
    this.#totals.warnings++;
    this.#emit({
      kind: 'warning',
      attempt: this.#attempt,
      t: this.#deps.now(),
      source: 'engine',
      code,
      message,
      offset: null,
    });
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextAttemptAt = null;
    this.#nextDelayMs = null;
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    this.#deps.onStateChange();
  }

  #finish(outcome: SessionOutcome): void {
    if (this.finished) return;
    this.#clearTimer();
    this.#endedAt = this.#deps.wall();
    this.#outcome = outcome;
    this.#state = outcome === 'failed' ? 'failed' : 'closed';
    this.#deps.onFinish(outcome, this.#endedAt);
    this.#deps.onStateChange();
  }

  #emit(record: CaptureRecord): void {
    this.#deps.emit(record);
  }
}
