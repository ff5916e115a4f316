import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { CaptureStore } from '../capture-store.ts';
import { CaStore } from './ca-store.ts';
import {
  ANSWERED_CLIENT_LINGER_MS,
  answerClientError,
  endWithAnswer,
  requestTimeoutError,
  type ClientParseError,
} from './client-errors.ts';
import { interceptConnect, TLS_HANDSHAKE_TIMEOUT_MS, type TunnelOrigin } from './connect-tunnel.ts';
import type { RecordedExchange } from './proxied-exchange.ts';
import { REQUEST_HEAD_TIMEOUT_MS, RequestHeadTimer } from './request-head-timeout.ts';
import { isWebSocketUpgrade, relayUpgrade } from './upgrade-relay.ts';
import {
  answer,
  forwardRequest,
  type ForwardContext,
  type ProxiedStreamStart,
  type UpstreamTls,
} from './upstream-forwarder.ts';

export type ProxyMode = 'reverse' | 'forward';

/** How long a client may stall before the proxy lets it go (tests shorten them). */
export interface ClientTimeouts {
  /** CONNECT: from `200 Connection Established` to a completed TLS handshake. */
  tlsHandshakeMs: number;
  /** From a new connection (or the end of a response on a kept-alive one) to a request head. */
  requestHeadMs: number;
  /** After an error answer (400, 408, 431): how long the client has to read it and close. */
  answeredLingerMs: number;
}

const DEFAULT_TIMEOUTS: ClientTimeouts = {
  tlsHandshakeMs: TLS_HANDSHAKE_TIMEOUT_MS,
  requestHeadMs: REQUEST_HEAD_TIMEOUT_MS,
  answeredLingerMs: ANSWERED_CLIENT_LINGER_MS,
};

/** Node's default `requestTimeout` (a whole request, body included), kept as it is. */
const REQUEST_TIMEOUT_MS = 300_000;

export interface CaptureProxyOptions {
  store: CaptureStore;
  /** 0 (default): any free port. */
  port?: number;
  /** Reverse (base URL) mode: every request goes to this origin (and base path). */
  target?: string | null;
  /** Forward mode: where the CA lives (created on first use). */
  caDir?: string;
  tls?: UpstreamTls;
  /** Also record the metadata of responses that are not event streams. */
  recordAll?: boolean;
  now?: () => number;
  wall?: () => number;
  timeouts?: Partial<ClientTimeouts>;
}

/**
 * The proxy cannot start: a bad target, a port in use, an unusable CA folder. A message about
 * the target reads after the target's name, which each host words its own way (`--target`,
 * "The target URL").
 */
export class ProxyStartError extends Error {
  readonly aboutTarget: boolean;

  constructor(message: string, aboutTarget = false) {
    super(message);
    this.name = 'ProxyStartError';
    this.aboutTarget = aboutTarget;
  }
}

function parseTarget(target: string): URL {
  let url: URL | null = null;
  try {
    url = new URL(target);
  } catch {
    // Reported below.
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ProxyStartError(`must be an http or https URL, not "${target}"`, true);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ProxyStartError('is a base URL: no query, fragment or user name', true);
  }
  return url;
}

/** The upstream URL of a reverse-mode request: the target's base path + the request's path. */
function reverseUrl(target: URL, path: string): URL {
  const base = target.pathname.replace(/\/+$/, '');
  return new URL(`${target.origin}${base}${path.startsWith('/') ? path : `/${path}`}`);
}

/**
 * The capture proxy: a listener on 127.0.0.1 that forwards what a client sends (reverse mode to a
 * fixed target; forward mode as a standard HTTP proxy with CONNECT + TLS interception) and records
 * every event stream it passes on as a session of origin `proxy`. Start and stop are the whole
 * API a host needs (the CLI, the app's ProxyService); records and ended exchanges are observable.
 */
export class CaptureProxy {
  readonly mode: ProxyMode;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The CA certificate (PEM file) clients must trust; forward mode only. */
  readonly caPath: string | null;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  /** One promise per request being forwarded, settled once its session is saved. */
  readonly #open = new Set<Promise<void>>();
  readonly #errorListeners = new Set<(error: unknown) => void>();
  readonly #streamListeners = new Set<(stream: ProxiedStreamStart) => void>();
  /** How to cut the client of each event stream still open, by session. */
  readonly #drops = new Map<number, () => void>();
  readonly #recordedListeners = new Set<(recorded: RecordedExchange) => void>();
  readonly #recordListeners = new Set<(session: number, record: CaptureRecord) => void>();
  readonly #store: CaptureStore;
  /** How to cut each WebSocket (upgrade) being relayed. */
  readonly #relays = new Set<() => void>();
  #stopping = false;
  #pausedUpstreams = 0;

  private constructor(
    mode: ProxyMode,
    server: Server,
    url: string,
    caPath: string | null,
    store: CaptureStore,
  ) {
    this.mode = mode;
    this.#server = server;
    this.url = url;
    this.caPath = caPath;
    this.#store = store;
  }

  /** Validates the options, opens the CA (forward mode) and listens on 127.0.0.1. */
  static async start(options: CaptureProxyOptions): Promise<CaptureProxy> {
    const target = options.target == null ? null : parseTarget(options.target);
    let ca: CaStore | null = null;
    if (target === null) {
      if (options.caDir === undefined) throw new ProxyStartError('forward mode needs a CA folder');
      try {
        ca = await CaStore.open(options.caDir);
      } catch (error) {
        throw new ProxyStartError((error as Error).message);
      }
    }
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const server = createServer({
      headersTimeout: timeouts.requestHeadMs,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, timeouts.requestHeadMs),
      // Node checks its timeouts on this interval: a stuck client goes within 1.25 times the
      // timeout (its default, 30 s, could keep one 90 s for a 60 s timeout).
      connectionsCheckingInterval: Math.max(1, Math.min(30_000, timeouts.requestHeadMs / 4)),
      // WebSockets are relayed; other upgrades (h2c) stay ordinary requests, forwarded and
      // recorded without their Upgrade header (a Node without this option, added in 24.9, relays them too).
      shouldUpgradeCallback: isWebSocketUpgrade,
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const port = options.port ?? 0;
        reject(
          new ProxyStartError(
            error.code === 'EADDRINUSE'
              ? `port ${port} on 127.0.0.1 is in use`
              : `cannot listen on 127.0.0.1:${port}: ${error.message}`,
          ),
        );
      });
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
    const proxy = new CaptureProxy(
      target === null ? 'forward' : 'reverse',
      server,
      `http://127.0.0.1:${port}`,
      ca?.certPath ?? null,
      options.store,
    );
    proxy.#serve(options, timeouts, target, ca);
    return proxy;
  }

  /** Ended exchanges (streams, and with `recordAll` other responses), once saved. */
  onRecorded(listener: (recorded: RecordedExchange) => void): () => void {
    this.#recordedListeners.add(listener);
    return () => this.#recordedListeners.delete(listener);
  }

  /** Every record of every proxied session, as it is stored (for live views). */
  onRecord(listener: (session: number, record: CaptureRecord) => void): () => void {
    this.#recordListeners.add(listener);
    return () => this.#recordListeners.delete(listener);
  }

  /** An event stream starts being proxied (its session then fills live: see onRecord). */
  onStream(listener: (stream: ProxiedStreamStart) => void): () => void {
    this.#streamListeners.add(listener);
    return () => this.#streamListeners.delete(listener);
  }

  /**
   * Cuts the client's connection of an open proxied stream (a TCP reset), so the user can watch
   * their own client's reconnect logic; recorded as a `drop-client` control. False when the
   * session is not an open proxied stream.
   */
  dropClient(session: number): boolean {
    const drop = this.#drops.get(session);
    if (drop === undefined) return false;
    drop();
    return true;
  }

  /** A session could not be started or saved (the workspace failed, a request no session can
   * hold; the exchange itself went on), or a client is misconfigured (TLS to this port). */
  onError(listener: (error: unknown) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  /** Exchanges whose upstream reading is paused right now (a slow client, or decoding behind). */
  get pausedUpstreams(): number {
    return this.#pausedUpstreams;
  }

  /** Client connections open right now (tests watch stuck clients being let go). */
  get clientConnections(): number {
    return this.#sockets.size;
  }

  /** WebSockets (HTTP upgrades) being relayed: until both their sockets are closed. */
  get relayedUpgrades(): number {
    return this.#relays.size;
  }

  /** Stops listening, cuts open client connections and saves their sessions as closed. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const cut of [...this.#relays]) cut();
    for (const socket of this.#sockets) socket.destroy();
    await closed;
    // A response hears of its closed socket after the server does, and its session ends
    // asynchronously (the decoder flushes first): wait for every exchange.
    while (this.#open.size > 0) await Promise.allSettled([...this.#open]);
    this.#store.flush();
  }

  #serve(
    options: CaptureProxyOptions,
    timeouts: ClientTimeouts,
    target: URL | null,
    ca: CaStore | null,
  ): void {
    const now = options.now ?? (() => performance.now());
    const wall = options.wall ?? Date.now;
    const listening = { address: '127.0.0.1', port: Number(new URL(this.url).port) };
    const context = (resetClient: () => void): ForwardContext => ({
      listening,
      recording: {
        store: this.#store,
        now,
        wall,
        onRecord: (session, record) => {
          for (const listener of this.#recordListeners) listener(session, record);
        },
      },
      tls: options.tls ?? { insecure: false, caPem: null },
      recordAll: options.recordAll ?? false,
      resetClient,
      onEnding: (ending) => this.#track(ending),
      onRecordingError: (error) => {
        for (const listener of this.#errorListeners) listener(error);
      },
      onStreamStart: (stream, drop) => {
        this.#drops.set(stream.session, drop);
        for (const listener of this.#streamListeners) listener(stream);
      },
      onStreamEnd: (session) => this.#drops.delete(session),
      stopping: () => this.#stopping,
      onPauseChange: (paused) => {
        this.#pausedUpstreams += paused ? 1 : -1;
      },
    });
    const origins = new WeakMap<object, TunnelOrigin>();
    // The responses each connection is answering (several when requests are pipelined).
    const responding = new WeakMap<object, Set<ServerResponse>>();
    const absoluteFormOnly = 'send absolute-form requests (http://host/path) or CONNECT';
    /** Where a request goes; null for an origin-form request to the forward proxy. */
    const upstreamOf = (req: IncomingMessage, absolute: RegExp): URL | null => {
      const path = req.url ?? '/';
      const tunnel = origins.get(req.socket);
      try {
        if (target !== null) return reverseUrl(target, path);
        if (tunnel !== undefined) return new URL(`${tunnel.origin}${path}`);
        if (absolute.test(path)) return new URL(path);
      } catch {
        // A malformed URL: answered as origin-form.
      }
      return null;
    };
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      const socket = req.socket;
      const answering = responding.get(socket) ?? new Set<ServerResponse>();
      responding.set(socket, answering.add(res));
      res.once('close', () => answering.delete(res));
      const raw = origins.get(socket)?.raw ?? socket;
      const reset = (): void => {
        if (typeof raw.resetAndDestroy === 'function' && !raw.destroyed) raw.resetAndDestroy();
        else raw.destroy();
      };
      const upstream = upstreamOf(req, /^https?:\/\//i);
      if (upstream === null) {
        answer(res, 400, `sse-inspector proxy: ${absoluteFormOnly}`);
        return;
      }
      const open = forwardRequest(req, res, upstream, context(reset));
      this.#open.add(open);
      void open.then(() => this.#open.delete(open));
    };
    let toldTls = false;
    const badRequest = (error: ClientParseError, socket: Duplex): void => {
      // A request body that turns malformed, or takes too long, while its response streams: an
      // answer of ours would land inside that response, so the connection is cut, as Node does.
      const answering = [...(responding.get(socket) ?? [])];
      if (answering.some((res) => res.headersSent && !res.writableEnded)) {
        socket.destroy();
        return;
      }
      answerClientError(
        error,
        socket,
        () => {
          // Once per run: a misconfigured client retries, and each would say the same.
          if (toldTls) return;
          toldTls = true;
          const problem = new Error(
            `a client spoke TLS to the proxy: its proxy URL must be ${this.url} (http://, not https://)`,
          );
          for (const listener of this.#errorListeners) listener(problem);
        },
        timeouts.answeredLingerMs,
      );
    };
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    // A WebSocket is relayed, not recorded: bytes both ways once the upstream switches.
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
      // Clients of a plain HTTP proxy send `GET http://host/path` for ws:// (some `ws://`).
      const upstream = upstreamOf(req, /^(https?|wss?):\/\//i);
      if (upstream === null) {
        socket.on('error', () => socket.destroy());
        endWithAnswer(socket, '400 Bad Request', absoluteFormOnly, timeouts.answeredLingerMs);
        return;
      }
      relayUpgrade(req, socket, head, upstream, {
        listening,
        tls: options.tls ?? { insecure: false, caPem: null },
        answeredLingerMs: timeouts.answeredLingerMs,
        track: (cut) => {
          this.#relays.add(cut);
          return () => this.#relays.delete(cut);
        },
      });
    };
    this.#server.on('request', onRequest);
    this.#server.on('upgrade', onUpgrade);
    this.#server.on('clientError', badRequest);
    if (ca !== null) {
      // Decrypted tunnels are parsed by a server of their own that never listens, so Node does
      // not time out their request heads: a timer of ours does, answering 408 as Node would.
      const inner = createServer({ shouldUpgradeCallback: isWebSocketUpgrade });
      inner.on('request', onRequest);
      inner.on('upgrade', onUpgrade);
      inner.on('clientError', badRequest);
      const heads = new RequestHeadTimer(inner, timeouts.requestHeadMs, (socket) =>
        badRequest(requestTimeoutError(), socket),
      );
      this.#server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
        interceptConnect(req, socket, head, {
          ca,
          inner,
          origins,
          handshakeTimeoutMs: timeouts.tlsHandshakeMs,
          answeredLingerMs: timeouts.answeredLingerMs,
          onSecure: (secured) => heads.watch(secured),
          onPlain: (raw) => heads.watch(raw),
        }),
      );
    } else {
      this.#server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
        socket.on('error', () => socket.destroy());
        endWithAnswer(
          socket,
          '400 Bad Request',
          'reverse mode (--target) does not accept CONNECT',
          timeouts.answeredLingerMs,
        );
      });
    }
  }

  #track(ending: Promise<RecordedExchange>): void {
    ending.then(
      (recorded) => {
        for (const listener of this.#recordedListeners) listener(recorded);
      },
      (error: unknown) => {
        for (const listener of this.#errorListeners) listener(error);
      },
    );
  }
}
