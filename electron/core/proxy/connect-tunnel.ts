import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { CaStore, LeafCertificate } from './ca-store.ts';
import { endWithAnswer, TLS_HANDSHAKE_RECORD } from './client-errors.ts';

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
  /** A tunnel that speaks plain HTTP (no TLS) began: it now waits for its first request. */
  onPlain?: (raw: Socket) => void;
}

/** Where the requests decrypted from one tunnel go: the CONNECT authority. */
export interface TunnelOrigin {
  /** `https://host:port`, or `http://host:port` for a tunnel that speaks plain HTTP. */
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
 * stream is handed to `inner`, an HTTP server that never listens, as a new connection. A tunnel
 * whose first byte opens no TLS handshake speaks plain HTTP (a browser's `ws://` through a proxy)
 * and goes to `inner` as it is, for `http://host:port`. A tunnel that sends nothing, stalls in the
 * handshake or never answers is cut after the handshake timeout.
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
      // One clock from here to a finished TLS handshake (or a first plain byte): a client that
      // sends nothing, stalls or never answers is cut.
      const handshake = setTimeout(
        () => raw.destroy(),
        interception.handshakeTimeoutMs ?? TLS_HANDSHAKE_TIMEOUT_MS,
      );
      raw.once('close', () => clearTimeout(handshake));
      // The client speaks first either way: TLS opens with a handshake record; anything else is
      // plain HTTP, as a browser tunnels `ws://` (and some clients `http://`) through CONNECT.
      const begin = (first: Buffer): void => {
        raw.pause();
        raw.unshift(first);
        if (first[0] === TLS_HANDSHAKE_RECORD) {
          secure(raw, leaf, handshake, hostPort, interception);
        } else {
          clearTimeout(handshake);
          origins.set(raw, { origin: `http://${hostPort}`, raw });
          interception.onPlain?.(raw);
          inner.emit('connection', raw);
          raw.resume();
        }
      };
      // Bytes sent right behind the CONNECT line come first.
      if (head.length > 0) begin(head);
      else raw.once('data', begin);
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

/**
 * Terminates the client's TLS on `raw` (its first bytes put back, node:tls reads a socket's
 * buffered data first) with the leaf for the CONNECT host or its SNI name, and hands the
 * decrypted stream to the inner server once the handshake is under way.
 */
function secure(
  raw: Socket,
  leaf: LeafCertificate,
  handshake: NodeJS.Timeout,
  hostPort: string,
  interception: Interception,
): void {
  const { ca, inner, origins } = interception;
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
  secured.once('secure', () => {
    clearTimeout(handshake);
    interception.onSecure?.(secured);
  });
  origins.set(secured, { origin: `https://${hostPort}`, raw });
  inner.emit('connection', secured);
}
