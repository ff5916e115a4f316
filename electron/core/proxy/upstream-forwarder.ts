import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { ZodError } from 'zod';
import { requestSpecSchema } from '../../../shared/capture/request-spec.ts';
import { redactUrl } from '../../../shared/secrets/index.ts';
import { createAttemptDispatcher } from '../connections/attempt-dispatcher.ts';
import { categorizeError, describeError } from '../connections/error-category.ts';
import { headerPairs, type ResponseStart } from '../connections/http-attempt.ts';
import { ProxyLoopError, reachesListener, type ListenAddress } from './proxy-loop.ts';
import {
  isRecordedStream,
  isRecordableMethod,
  ProxiedExchange,
  type ExchangeEnd,
  type ProxiedRequest,
  type RecordedExchange,
  type RecordingDeps,
} from './proxied-exchange.ts';

/** Request bodies up to this size are kept in the session's request (LLM prompts); larger: size only. */
export const MAX_KEPT_BODY_BYTES = 1024 * 1024;

/** Connection-level headers (RFC 9110 §7.6.1) and the ones only the proxy may see. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

export interface UpstreamTls {
  insecure: boolean;
  caPem: string | null;
}

/** A proxied event stream as it starts (the session fills live from here). */
export interface ProxiedStreamStart {
  session: number;
  method: string;
  /** The upstream URL, secrets replaced by markers. */
  url: string;
}

export interface ForwardContext {
  recording: RecordingDeps;
  /** The proxy's own address: an upstream connection there is refused (508). */
  listening: ListenAddress;
  tls: UpstreamTls;
  /** Record the metadata of responses that are not event streams (`--all`). */
  recordAll: boolean;
  /** Cuts the client's connection with a TCP reset (an upstream reset must reach the client). */
  resetClient: () => void;
  /** A session could not be started (e.g. over 500 request headers); forwarding goes on. */
  onRecordingError: (error: unknown) => void;
  /** A recorded exchange is ending; the promise settles when its session is saved. */
  onEnding: (ending: Promise<RecordedExchange>) => void;
  /** An event stream's session started; `drop` cuts its client's connection. */
  onStreamStart: (stream: ProxiedStreamStart, drop: () => void) => void;
  /** The exchange of that session is over (its client can no longer be dropped). */
  onStreamEnd: (session: number) => void;
  /** True while the proxy shuts down: closed clients are then recorded as `proxy-stopped`. */
  stopping: () => boolean;
  /** Counts forwarders whose upstream reading is paused for a slow client (observable state). */
  onPauseChange: (paused: boolean) => void;
}

function endToEndHeaders(
  pairs: Array<[string, string]>,
  drop: Set<string>,
): Array<[string, string]> {
  const named = new Set(drop);
  for (const [name, value] of pairs) {
    if (name.toLowerCase() !== 'connection') continue;
    for (const token of value.split(',')) named.add(token.trim().toLowerCase());
  }
  return pairs.filter(([name]) => !named.has(name.toLowerCase()) && !name.startsWith(':'));
}

function rawPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Passes a 1xx response on to the client (RFC 9110 §15.2: a proxy forwards them), where Node's
 * server can write it: 103 Early Hints (with its Link headers) and 102 Processing. Others are
 * dropped, as is a hint Node refuses to write; the final response is what matters.
 */
function forwardInformational(
  res: ServerResponse,
  status: number,
  pairs: Array<[string, string]>,
): void {
  try {
    if (status === 102) {
      res.writeProcessing();
    } else if (status === 103) {
      const hints: Record<string, string[]> = {};
      for (const [name, value] of endToEndHeaders(pairs, hopByHop)) {
        (hints[name.toLowerCase()] ??= []).push(value);
      }
      if (hints['link'] !== undefined) res.writeEarlyHints(hints);
    }
  } catch {
    // Not passed on (see above).
  }
}

/** A plain-text answer from the proxy itself (no upstream response to pass on). */
export function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(`${text}\n`);
}

/**
 * Forwards one client request to `target` with undici and streams the response back: each body
 * chunk is written to the client first and recorded second, with no buffer of our own. A client
 * that reads slowly pauses upstream reading (write() returning false, resumed on 'drain'); the
 * request body is pulled from the client as upstream accepts it. Event streams become sessions;
 * other responses only with `recordAll` (metadata); upstream failures before a response get a
 * 502 and a failed session.
 */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  context: ForwardContext,
): Promise<void> {
  const started = { t: context.recording.now(), wall: context.recording.wall() };
  const method = req.method ?? 'GET';
  const headers = endToEndHeaders(rawPairs(req.rawHeaders), new Set([...hopByHop, 'host']));
  const kept: Buffer[] = [];
  let bodyBytes = 0;
  async function* teeBody(): AsyncGenerator<Buffer> {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      bodyBytes += chunk.length;
      if (bodyBytes <= MAX_KEPT_BODY_BYTES) kept.push(chunk);
      yield chunk;
    }
  }
  const request = (): ProxiedRequest => ({
    method,
    url: target.href,
    headers,
    body:
      bodyBytes === 0 || bodyBytes > MAX_KEPT_BODY_BYTES
        ? null
        : Buffer.concat(kept).toString('utf8'),
    bodyBytes,
  });
  // The proxy never uses HTTP(S)_PROXY itself: a client pointed at us through those variables
  // would otherwise loop back to us when the CLI runs in the same shell.
  const upstream = createAttemptDispatcher(
    requestSpecSchema.parse({ url: target.href, tls: context.tls, proxy: { mode: 'none' } }),
    {
      checkSocket: (socket) =>
        reachesListener(socket, context.listening) ? new ProxyLoopError() : null,
    },
  );
  let exchange: ProxiedExchange | null = null;
  let controller: Dispatcher.DispatchController | null = null;
  let done = false;
  /** Why upstream reading is paused: the client's socket is full, the decoder's input is full. */
  const holds = new Set<'client' | 'decoder'>();
  let settle!: () => void;
  /** Settles when the exchange is over and its session (if any) is saved or failed to save. */
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const finish = (end: ExchangeEnd): void => {
    if (done) return;
    done = true;
    if (holds.size > 0) context.onPauseChange(false);
    holds.clear();
    upstream.dispose();
    if (exchange === null) {
      settle();
      return;
    }
    context.onStreamEnd(exchange.session);
    const ending = exchange.end(end);
    context.onEnding(ending);
    ending.then(settle, settle);
  };
  /** Recording never stands in the way of forwarding: a request no session can hold is not kept. */
  const startExchange = (): ProxiedExchange | null => {
    if (!isRecordableMethod(method)) return null;
    try {
      return new ProxiedExchange(context.recording, request(), started);
    } catch (error) {
      const reason =
        error instanceof ZodError
          ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
          : describeError(error);
      context.onRecordingError(
        new Error(`${method} ${redactUrl(target.href)} was forwarded, not recorded (${reason})`),
      );
      return null;
    }
  };

  // The client went away first: stop reading upstream (undici closes that connection).
  res.on('close', () => {
    if (done) return;
    // Finished first: the abort reports an error to the handler, which must not count as one.
    finish({ kind: context.stopping() ? 'proxy-stopped' : 'client-closed' });
    try {
      controller?.abort(new Error('the client closed its connection'));
    } catch {
      // Already finished.
    }
  });

  const hold = (reason: 'client' | 'decoder'): void => {
    if (holds.has(reason)) return;
    if (holds.size === 0) {
      context.onPauseChange(true);
      controller?.pause();
    }
    holds.add(reason);
  };
  const release = (reason: 'client' | 'decoder'): void => {
    if (done || !holds.delete(reason) || holds.size > 0) return;
    context.onPauseChange(false);
    controller?.resume();
  };
  const releaseClient = (): void => release('client');
  const releaseDecoder = (): void => release('decoder');

  const handler: Dispatcher.DispatchHandler = {
    onRequestStart: (ctrl) => {
      controller = ctrl;
      if (done) ctrl.abort(new Error('the client closed its connection'));
    },
    onResponseStart: (ctrl, status, parsed, statusText) => {
      if (done) return;
      const pairs = headerPairs(ctrl.rawHeaders);
      // An informational response comes before the final one: passed on, never taken for it.
      if (status < 200) {
        forwardInformational(res, status, pairs);
        return;
      }
      const contentType = parsed['content-type'];
      const response: ResponseStart = {
        status,
        statusText: statusText ?? '',
        httpVersion: Array.isArray(ctrl.rawHeaders) ? '1.1' : '2.0',
        headers: pairs,
        contentType: Array.isArray(contentType) ? contentType.join(', ') : (contentType ?? null),
        url: target.href,
      };
      const stream = isRecordedStream(response.contentType);
      if (stream || context.recordAll) {
        exchange = startExchange();
        exchange?.respond(response, stream);
        if (stream && exchange !== null) {
          const { session } = exchange;
          context.onStreamStart({ session, method, url: redactUrl(target.href) }, () => {
            if (done) return;
            finish({ kind: 'client-dropped' });
            context.resetClient();
            try {
              ctrl.abort(new Error("the client's connection was dropped"));
            } catch {
              // Already finished.
            }
          });
        }
      }
      const flat: string[] = [];
      for (const [name, value] of endToEndHeaders(pairs, hopByHop)) flat.push(name, value);
      res.writeHead(status, response.statusText || undefined, flat);
      // Headers reach the client now, not with the first body chunk (an SSE stream may idle).
      res.flushHeaders();
    },
    onResponseData: (_ctrl, chunk) => {
      if (done) return;
      // The client first, the recording second. Undici may deliver a chunk it had already
      // parsed after pause(): it is written too, and the hold stays until the drain.
      if (!res.write(chunk) && !holds.has('client')) {
        hold('client');
        res.once('drain', releaseClient);
      }
      if (exchange?.push(chunk, releaseDecoder) === false) hold('decoder');
    },
    onResponseEnd: () => {
      if (done) return;
      // A close-delimited body cut by a reset ends "normally" in undici: look at the socket.
      const socketError = upstream.socketError();
      if (socketError !== null && categorizeError(socketError) === 'reset') {
        fail(socketError);
        return;
      }
      finish({ kind: 'ended' });
      res.end();
    },
    onResponseError: (_ctrl, error) => {
      if (!done) fail(error);
    },
  };

  const fail = (error: unknown): void => {
    const category = categorizeError(error);
    const message = describeError(error);
    if (!res.headersSent) {
      // No response yet: the client gets a 502 saying why, and the failure is recorded.
      exchange ??= startExchange();
      if (error instanceof ProxyLoopError) {
        answer(res, 508, `sse-inspector proxy: ${message}`);
      } else {
        const reason = category === 'tls' ? 'upstream TLS verification failed' : 'upstream failed';
        answer(res, 502, `sse-inspector proxy: ${reason}: ${message}`);
      }
    } else {
      // Mid-body: the client must see the connection break, as the upstream did.
      context.resetClient();
    }
    finish({ kind: 'upstream-error', category, message });
  };

  try {
    upstream.dispatcher.dispatch(
      {
        origin: target.origin,
        path: target.pathname + target.search,
        method: method as Dispatcher.HttpMethod,
        headers: headers.flat(),
        body: hasBody(req) ? Readable.from(teeBody(), { objectMode: false }) : null,
        // Streams are long and may idle: no undici timers (the client decides when to give up).
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      handler,
    );
  } catch (error) {
    fail(error);
  }
  return settled;
}
