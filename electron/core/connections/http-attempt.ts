import { errors, type Dispatcher } from 'undici';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import type {
  EngineWarningCode,
  ErrorCategory,
  ResponseRecord,
} from '../../../shared/capture/records.ts';
import { createAttemptDispatcher, type AttemptDispatcher } from './attempt-dispatcher.ts';
import { BOMB_RATIO, createBodyDecoder, type BodyDecoder } from './content-decoder.ts';
import { categorizeError, describeError } from './error-category.ts';
import {
  followRedirect,
  isRedirectStatus,
  RedirectError,
  type FollowedRedirect,
  type OutgoingRequest,
} from './outgoing-request.ts';

/** Fetch's redirect limit (Fetch §4.4 HTTP-redirect fetch, step 5). */
export const MAX_REDIRECTS = 20;

/**
 * What the response said, as its response record holds it (headers in wire order and case;
 * HTTP/2: as received, pseudo-headers included).
 */
export type ResponseStart = Omit<ResponseRecord, 'kind' | 'attempt' | 't'>;

export interface RedirectHop {
  status: number;
  from: string;
  to: string;
  headers: Array<[string, string]>;
}

/** How an HTTP exchange ended. `cancelled`/`dropped` come from cancel()/drop(). */
export type AttemptEnd =
  | { kind: 'ended' }
  | { kind: 'stopped' }
  | { kind: 'cancelled' }
  | { kind: 'dropped' }
  | {
      kind: 'error';
      category: ErrorCategory;
      message: string;
      code: string | null;
      /** Retrying cannot help (e.g. a redirect loop): the connection should fail, not reconnect. */
      futile?: boolean;
    };

export interface HttpAttemptEvents {
  onRedirect(hop: RedirectHop): void;
  /** A final (non-redirect) response; return false to stop without reading the body. */
  onResponse(response: ResponseStart): boolean;
  /** Body bytes after content decoding, in order. */
  onBody(bytes: Uint8Array): void;
  /** Something the user should know about the exchange (content encoding, a redirect's risks). */
  onWarning(code: EngineWarningCode, message: string): void;
  /** Called exactly once. */
  onEnd(end: AttemptEnd): void;
}

interface Hop {
  live: boolean;
  controller: Dispatcher.DispatchController | null;
  decoder: BodyDecoder | null;
  /** The decoder asked for a pause (its input buffer is full). */
  decoderFull: boolean;
}

function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
}

/** Undici's raw headers: a flat Buffer list for HTTP/1.1, Node's header object for HTTP/2. */
export function headerPairs(
  raw: Dispatcher.DispatchController['rawHeaders'],
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([text(raw[i]), text(raw[i + 1])]);
  } else if (raw) {
    for (const [name, value] of Object.entries(raw)) {
      for (const one of Array.isArray(value) ? value : [value]) pairs.push([name, text(one)]);
    }
  }
  return pairs;
}

function single(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 3 : 1)} MiB`;
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * One HTTP exchange of an SSE connection: sends the request with undici, follows redirects
 * itself so each hop is reported, decodes the body as it arrives, and reports how it ended with
 * an error category. It knows nothing of SSE; the connection decides what responses mean.
 */
export class HttpAttempt {
  readonly #spec: RequestSpec;
  readonly #events: HttpAttemptEvents;
  readonly #dispatch: AttemptDispatcher;
  #redirects = 0;
  #hop: Hop | null = null;
  #done = false;
  #responded = false;
  /** Idle watchdog: one timer re-armed per idle period, not per chunk (see #watchIdle). */
  #idleTimer: NodeJS.Timeout | null = null;
  #lastActivity = 0;
  /** The consumer asked to stop reading (see pauseBody). */
  #bodyPaused = false;

  constructor(spec: RequestSpec, events: HttpAttemptEvents) {
    this.#spec = spec;
    this.#events = events;
    this.#dispatch = createAttemptDispatcher(spec);
  }

  start(request: OutgoingRequest): void {
    this.#lastActivity = performance.now();
    this.#watchIdle(this.#spec.idleTimeoutMs);
    this.#send(request);
  }

  /**
   * Fails the attempt after `idleMs` without a byte from the server (headers or body). Chunks
   * only note the time; the timer checks it when due and re-arms for the remainder. (Undici's
   * own header timeout runs on a coarse ~1 s timer wheel, too coarse for short test timeouts.)
   */
  #watchIdle(idleMs: number | null): void {
    if (idleMs === null) return;
    const check = (): void => {
      if (this.#done) return;
      // While we hold the body back on purpose, silence is ours, not the server's.
      if (this.#bodyPaused) this.#lastActivity = performance.now();
      const idleFor = performance.now() - this.#lastActivity;
      if (idleFor < idleMs) {
        this.#idleTimer = setTimeout(check, idleMs - idleFor);
        return;
      }
      const message = `no data from the server for ${idleMs} ms (idle timeout)`;
      const error = this.#responded
        ? new errors.BodyTimeoutError(message)
        : new errors.HeadersTimeoutError(message);
      this.#stopHop(error);
      this.#fail(error);
    };
    this.#idleTimer = setTimeout(check, idleMs);
  }

  /** Ends the exchange now (the user disconnected); reported synchronously as `cancelled`. */
  cancel(): void {
    this.#stopHop(new Error('closed by the user'));
    this.#finish({ kind: 'cancelled' });
  }

  /** Destroys the socket abruptly, so the server sees the connection cut; reported as `dropped`. */
  drop(): void {
    this.#dispatch.destroySockets();
    this.#stopHop(new Error('connection dropped by the user'));
    this.#finish({ kind: 'dropped' });
  }

  /**
   * Stops reading the body until resumeBody(): undici stops reading the socket, so TCP flow
   * control pushes back on the server. For consumers that cannot keep up (a slow stdout).
   */
  pauseBody(): void {
    this.#bodyPaused = true;
    this.#hop?.controller?.pause();
  }

  resumeBody(): void {
    this.#bodyPaused = false;
    this.#lastActivity = performance.now();
    const hop = this.#hop;
    if (hop !== null && !hop.decoderFull) hop.controller?.resume();
  }

  #stopHop(reason: Error): void {
    const hop = this.#hop;
    if (hop === null || !hop.live) return;
    hop.live = false;
    hop.decoder?.destroy();
    try {
      hop.controller?.abort(reason);
    } catch {
      // Already completed: nothing to abort.
    }
  }

  #finish(end: AttemptEnd): void {
    if (this.#done) return;
    this.#done = true;
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    if (this.#hop !== null) this.#hop.live = false;
    this.#dispatch.dispose();
    this.#events.onEnd(end);
  }

  #fail(error: unknown, category: ErrorCategory = categorizeError(error)): void {
    const message = describeError(error);
    const futile = error instanceof RedirectError;
    this.#finish({ kind: 'error', category, message, code: codeOf(error), futile });
  }

  #send(request: OutgoingRequest): void {
    if (this.#done) return;
    const hop: Hop = { live: true, controller: null, decoder: null, decoderFull: false };
    this.#hop = hop;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (controller) => {
        hop.controller = controller;
        if (!hop.live) controller.abort(new Error('attempt ended'));
      },
      onResponseStart: (controller, status, headers, statusText) => {
        if (!hop.live) return;
        this.#lastActivity = performance.now();
        // 103 Early Hints, 102 Processing: informational, the final response follows (as an
        // EventSource's fetch ignores them, RFC 9110 §15.2).
        if (status < 200) return;
        const location = single(headers['location']);
        if (isRedirectStatus(status) && location !== null) {
          this.#redirect(request, status, location, headerPairs(controller.rawHeaders));
          return;
        }
        this.#responded = true;
        const response: ResponseStart = {
          status,
          statusText: statusText ?? '',
          httpVersion: Array.isArray(controller.rawHeaders) ? '1.1' : '2.0',
          headers: headerPairs(controller.rawHeaders),
          contentType: single(headers['content-type']),
          url: request.url.href,
        };
        if (!this.#events.onResponse(response)) {
          this.#stopHop(new Error('response not read'));
          this.#finish({ kind: 'stopped' });
          return;
        }
        this.#startBody(hop, single(headers['content-encoding']));
        if (this.#bodyPaused) controller.pause();
      },
      onResponseData: (controller, chunk) => {
        this.#lastActivity = performance.now();
        if (hop.live && hop.decoder !== null && !hop.decoder.write(chunk)) {
          hop.decoderFull = true;
          controller.pause();
        }
      },
      onResponseEnd: () => {
        if (hop.live) hop.decoder?.end();
      },
      onResponseError: (_controller, error) => {
        if (!hop.live) return;
        hop.live = false;
        hop.decoder?.destroy();
        this.#fail(error);
      },
    };
    const flat: string[] = [];
    for (const [name, value] of request.headers) flat.push(name, value);
    try {
      this.#dispatch.dispatcher.dispatch(
        {
          origin: request.url.origin,
          path: request.url.pathname + request.url.search,
          method: request.method as Dispatcher.HttpMethod,
          headers: flat,
          body: request.body,
          // Our idle watchdog replaces undici's timers (0 disables them); SSE streams are long.
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        handler,
      );
    } catch (error) {
      hop.live = false;
      this.#fail(error);
    }
  }

  #startBody(hop: Hop, contentEncoding: string | null): void {
    const choice = createBodyDecoder(contentEncoding, {
      onData: (bytes) => {
        if (hop.live) this.#events.onBody(bytes);
      },
      onDone: (error) => {
        if (!hop.live) return;
        if (error !== null) {
          this.#fail(new Error(`content decoding failed: ${error.message}`), 'protocol');
          return;
        }
        // A body without framing (no Content-Length, not chunked) ends when the connection
        // does; undici ends it normally even when a reset ended it. The user must see the reset.
        const socketError = this.#dispatch.socketError();
        if (socketError !== null && categorizeError(socketError) === 'reset') {
          this.#fail(socketError);
          return;
        }
        this.#finish({ kind: 'ended' });
      },
      onDrain: () => {
        hop.decoderFull = false;
        if (!this.#bodyPaused) hop.controller?.resume();
      },
      onExtremeRatio: (decoded, compressed) => {
        if (!hop.live) return;
        this.#events.onWarning(
          'content-encoding',
          `Content-Encoding "${contentEncoding}": ${mebibytes(decoded)} decoded from ` +
            `${mebibytes(compressed)} (over ${BOMB_RATIO}:1), a possible compression bomb; ` +
            'decoding goes on in small blocks and the parser limits bound memory',
        );
      },
    });
    if (choice.kind === 'unsupported') {
      this.#events.onWarning(
        'content-encoding',
        `Content-Encoding "${choice.encoding}" is not decoded; showing the bytes as received`,
      );
    }
    hop.decoder = choice.decoder;
  }

  #redirect(
    request: OutgoingRequest,
    status: number,
    location: string,
    headers: Array<[string, string]>,
  ): void {
    this.#stopHop(new Error('redirect followed'));
    let followed: FollowedRedirect;
    try {
      if (++this.#redirects > MAX_REDIRECTS) {
        throw new RedirectError(`more than ${MAX_REDIRECTS} redirects (last to ${location})`);
      }
      followed = followRedirect(request, status, location);
    } catch (error) {
      this.#fail(error, 'redirect');
      return;
    }
    const next = followed.request;
    this.#events.onRedirect({ status, from: request.url.href, to: next.url.href, headers });
    const held = followed.dropped.length === 0 ? '' : `; not sent: ${followed.dropped.join(', ')}`;
    if (followed.downgraded) {
      this.#events.onWarning(
        'insecure-redirect',
        `redirected from https to http (${next.url.href}): the request goes on unencrypted${held}`,
      );
    } else if (held !== '') {
      this.#events.onWarning(
        'redirect-secrets-dropped',
        `redirected to another origin (${next.url.origin})${held}`,
      );
    }
    // Dispatch from a fresh tick rather than from inside undici's callback.
    queueMicrotask(() => this.#send(next));
  }
}
