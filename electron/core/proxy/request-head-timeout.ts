import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a connection may take to send a complete request head (Node's `headersTimeout`). */
export const REQUEST_HEAD_TIMEOUT_MS = 60_000;

/**
 * Times out request heads on connections handed to an HTTP server with `emit('connection')`.
 * Node enforces `headersTimeout` only for connections it tracks, and it starts tracking (and
 * its checking interval) when the server listens: the server that parses decrypted tunnels
 * never listens, so without this a client that finishes the TLS handshake and then sends
 * nothing, or half a request head, would hold its connection forever. A watched connection has
 * `timeoutMs` for each request head: from the moment it is watched, and again from the end of
 * each response while it stays open (keep-alive), until the next request arrives.
 */
export class RequestHeadTimer {
  readonly #timeoutMs: number;
  readonly #onTimeout: (socket: Duplex) => void;
  /** What a watched connection does when one of its requests arrives. */
  readonly #watched = new WeakMap<object, (res: ServerResponse) => void>();
  /** Stops a watched connection's clock for good: it was upgraded (a WebSocket). */
  readonly #upgraded = new WeakMap<object, () => void>();

  constructor(server: Server, timeoutMs: number, onTimeout: (socket: Duplex) => void) {
    this.#timeoutMs = timeoutMs;
    this.#onTimeout = onTimeout;
    // First in line: a request answered at once still has its response's 'close' seen here.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) =>
      this.#watched.get(req.socket)?.(res),
    );
    // An upgraded connection carries no more request heads (and emits no 'request').
    server.prependListener('upgrade', (req: IncomingMessage) => this.#upgraded.get(req.socket)?.());
  }

  /** Starts the clock for the connection's first request head. */
  watch(socket: Duplex): void {
    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    // Pipelined requests can all arrive before the first response ends: the clock restarts once
    // none is being answered.
    let answering = 0;
    const stop = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
    const start = (): void => {
      stop();
      timer = setTimeout(() => {
        timer = null;
        this.#onTimeout(socket);
      }, this.#timeoutMs);
    };
    this.#watched.set(socket, (res) => {
      answering += 1;
      stop();
      res.once('close', () => {
        answering -= 1;
        if (answering === 0 && !closed && !socket.destroyed) start();
      });
    });
    this.#upgraded.set(socket, () => {
      closed = true;
      stop();
    });
    socket.once('close', () => {
      closed = true;
      stop();
    });
    start();
  }
}
