import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { CaStore } from './ca-store.ts';

/** Where the requests decrypted from one tunnel go: the CONNECT authority. */
export interface TunnelOrigin {
  /** `https://host:port`. */
  origin: string;
  /** The client's TCP socket under the TLS layer (a reset must go there). */
  raw: Socket;
}

/** Splits a CONNECT request target (`host:port`, `[v6]:port`); null when malformed. */
export function parseAuthority(target: string): { host: string; port: number } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^\s:/[\]@]+):(\d{1,5})$/i.exec(target);
  if (match === null) return null;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

/**
 * Answers a CONNECT by intercepting the tunnel: the client's TLS is terminated here with a leaf
 * certificate for the requested host (or its SNI name) signed by the proxy's CA, and the decrypted
 * stream is handed to `inner`, an HTTP server that never listens, as a new connection. Only TLS
 * is spoken inside a tunnel (clients CONNECT for https); anything else fails the handshake.
 */
export function interceptConnect(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  ca: CaStore,
  inner: Server,
  origins: WeakMap<object, TunnelOrigin>,
): void {
  const raw = client as Socket;
  raw.on('error', () => raw.destroy());
  const authority = parseAuthority(req.url ?? '');
  if (authority === null) {
    raw.end(
      'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n' +
        'sse-inspector proxy: CONNECT needs host:port\n',
    );
    return;
  }
  const hostPort = authority.host.includes(':')
    ? `[${authority.host}]:${authority.port}`
    : `${authority.host}:${authority.port}`;
  // The leaf for the CONNECT host is ready before the handshake: a client that sends no SNI
  // (an IP address) gets it; SNI names get their own.
  ca.leafFor(authority.host).then(
    (leaf) => {
      if (raw.destroyed) return;
      raw.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      // Bytes sent right behind the CONNECT line: node:tls reads a socket's buffered data first.
      if (head.length > 0) raw.unshift(head);
      const secured = new TLSSocket(raw, {
        isServer: true,
        secureContext: createSecureContext(leaf),
        ALPNProtocols: ['http/1.1'],
        SNICallback: (servername, callback) => {
          ca.leafFor(servername).then(
            (named) => callback(null, createSecureContext(named)),
            (error: unknown) => callback(error as Error),
          );
        },
      });
      // A client that does not trust our CA aborts the handshake: its answer, not a crash.
      secured.on('error', () => raw.destroy());
      origins.set(secured, { origin: `https://${hostPort}`, raw });
      inner.emit('connection', secured);
    },
    (error: unknown) => {
      raw.end(
        'HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n' +
          `sse-inspector proxy: no certificate for ${authority.host}: ${(error as Error).message}\n`,
      );
    },
  );
}
