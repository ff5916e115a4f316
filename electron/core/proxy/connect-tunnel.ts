import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { CaStore } from './ca-store.ts';
import { endWithAnswer } from './client-errors.ts';

/**
 * How long a client has, after `200 Connection Established`, to complete its TLS handshake. A
 * client that sends nothing, stalls inside its ClientHello or never answers would otherwise hold
 * the tunnel's socket forever: no HTTP parser watches a tunnel before it is decrypted.
 */
export const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

/** What intercepting a CONNECT needs from the proxy. */
export interface Interception {
  ca: CaStore;
  /** The HTTP server (it never listens) that parses the decrypted connections. */
  inner: Server;
  origins: WeakMap<object, TunnelOrigin>;
  /** TLS_HANDSHAKE_TIMEOUT_MS unless tests shorten it. */
  handshakeTimeoutMs?: number;
  /** ANSWERED_CLIENT_LINGER_MS unless tests shorten it (a refused CONNECT). */
  answeredLingerMs?: number;
  /** The handshake completed: the decrypted connection now waits for its first request. */
  onSecure?: (secured: TLSSocket) => void;
}

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
 * is spoken inside a tunnel (clients CONNECT for https); anything else fails the handshake, and
 * a handshake that does not complete in time (sent nothing, stalled, never answered) is cut.
 */
export function interceptConnect(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  interception: Interception,
): void {
  const { ca, inner, origins } = interception;
  const raw = client as Socket;
  raw.on('error', () => raw.destroy());
  const authority = parseAuthority(req.url ?? '');
  if (authority === null) {
    endWithAnswer(raw, '400 Bad Request', 'CONNECT needs host:port', interception.answeredLingerMs);
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
      // The TCP socket goes with the TLS layer, however that closes (an answer's linger, a
      // timeout): it is the one holding the file descriptor.
      secured.once('close', () => raw.destroy());
      const handshake = setTimeout(
        () => raw.destroy(),
        interception.handshakeTimeoutMs ?? TLS_HANDSHAKE_TIMEOUT_MS,
      );
      raw.once('close', () => clearTimeout(handshake));
      secured.once('secure', () => {
        clearTimeout(handshake);
        interception.onSecure?.(secured);
      });
      origins.set(secured, { origin: `https://${hostPort}`, raw });
      inner.emit('connection', secured);
    },
    (error: unknown) => {
      endWithAnswer(
        raw,
        '502 Bad Gateway',
        `no certificate for ${authority.host}: ${(error as Error).message}`,
        interception.answeredLingerMs,
      );
    },
  );
}
