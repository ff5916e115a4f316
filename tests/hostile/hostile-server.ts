// A deliberately misbehaving HTTP/1.1 server for the hostile-server tests. It speaks raw TCP (or
// TLS) so a scenario controls every byte: headers the Node http server would refuse to send, a
// response that never starts, resets at an exact point, close-delimited bodies whose length the
// test knows exactly. Each exchange counts the body bytes it handed to the kernel.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';

export interface HostileRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  /** Header lines in wire order. */
  headers: Array<[string, string]>;
}

/** One request/response on one connection (every response closes its connection). */
export class HostileExchange {
  readonly socket: Socket;
  readonly request: HostileRequest;
  /** Body bytes written (after the head), i.e. what a client that reads to the end receives. */
  bodyBytes = 0;
  closed = false;

  constructor(socket: Socket, request: HostileRequest) {
    this.socket = socket;
    this.request = request;
    socket.once('close', () => {
      this.closed = true;
    });
  }

  /** Writes a status line and headers as given (no Content-Length: the body ends at close). */
  head(status: number, headers: Array<[string, string]> = [], reason = 'OK'): void {
    let text = `HTTP/1.1 ${status} ${reason}\r\n`;
    for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
    this.socket.write(`${text}Connection: close\r\n\r\n`);
  }

  /** The usual event-stream head. */
  sse(extra: Array<[string, string]> = []): void {
    this.head(200, [
      ['Content-Type', 'text/event-stream'],
      ['Cache-Control', 'no-cache'],
      ...extra,
    ]);
  }

  /** Writes body bytes, waiting for the socket to drain (false once the client has gone). */
  async write(bytes: string | Uint8Array): Promise<boolean> {
    if (this.closed || this.socket.destroyed) return false;
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    this.bodyBytes += buffer.byteLength;
    if (!this.socket.write(buffer)) await this.#drained();
    return !this.closed;
  }

  #drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** Ends the response (FIN after everything written). */
  async end(): Promise<void> {
    if (this.closed || this.socket.destroyed) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.end();
    await closed;
  }

  /** Cuts the connection with a TCP RST. */
  reset(): void {
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.socket.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.socket.on('close', done);
    });
  }
}

export type HostileRoute = (exchange: HostileExchange) => void | Promise<void>;

export interface HostileServerOptions {
  /** Serve over TLS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
}

export interface HostileServer {
  /** e.g. `http://127.0.0.1:40123` (https:// with `tls`). */
  url: string;
  port: number;
  /** Every exchange so far, in arrival order. */
  exchanges: HostileExchange[];
  /** Connections accepted (including ones that never sent a full request). */
  connections: number;
  close(): Promise<void>;
}

const MAX_REQUEST_HEAD = 64 * 1024;

function parseHead(head: string): HostileRequest {
  const [requestLine = '', ...lines] = head.split('\r\n');
  const [method = 'GET', target = '/'] = requestLine.split(' ');
  const url = new URL(target, 'http://hostile');
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { method, path: url.pathname, query: url.searchParams, headers };
}

/**
 * Starts a server on 127.0.0.1 that answers each request with `routes[path]` (404 otherwise).
 * A route's errors reset the connection. close() destroys every open socket.
 */
export async function startHostileServer(
  routes: Record<string, HostileRoute>,
  options: HostileServerOptions = {},
): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const exchanges: HostileExchange[] = [];
  let connections = 0;
  const onSocket = (socket: Socket): void => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // resets by the client are part of the game
    let buffered = '';
    const onData = (data: Buffer): void => {
      buffered += data.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > MAX_REQUEST_HEAD) socket.destroy();
        return;
      }
      socket.off('data', onData);
      const exchange = new HostileExchange(socket, parseHead(buffered.slice(0, end)));
      exchanges.push(exchange);
      const route = routes[exchange.request.path];
      if (route === undefined) {
        exchange.head(404, [['Content-Type', 'text/plain']], 'Not Found');
        socket.end();
        return;
      }
      Promise.resolve()
        .then(() => route(exchange))
        .catch(() => exchange.reset());
    };
    socket.on('data', onData);
  };
  const tls = options.tls;
  const server: Server = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key }, (socket: TLSSocket) => onSocket(socket))
    : createServer(onSocket);
  // TLS handshake failures on the server side are expected in the TLS scenarios.
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    exchanges,
    get connections() {
      return connections;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A plain TCP listener whose behaviour per connection is entirely `onConnection`'s (a server that
 * never answers, one that closes during the TLS handshake, one that speaks HTTP to a TLS client).
 */
export async function startRawServer(
  onConnection: (socket: Socket) => void,
): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A server that answers a request with an informational 103 Early Hints (Link header), then the
 * final response: a one-event stream, `data: hello`.
 */
export function startEarlyHintsServer(): ReturnType<typeof startRawServer> {
  return startRawServer((socket) => {
    socket.once('data', () => {
      socket.write('HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n\r\n');
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 13\r\n\r\n' +
          'data: hello\n\n',
      );
    });
  });
}
