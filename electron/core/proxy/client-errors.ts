import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';

/** What node:http reports for bytes it cannot parse as a request (its `clientError`). */
export type ClientParseError = NodeJS.ErrnoException & { reason?: string; rawPacket?: unknown };

/** A TLS record starts with its type (0x16: handshake) and the protocol's major version (3). */
/** The first byte of a TLS connection: a handshake record (RFC 8446 §5.1). */
export const TLS_HANDSHAKE_RECORD = 0x16;

function isTlsHandshake(packet: unknown): boolean {
  return packet instanceof Uint8Array && packet[0] === TLS_HANDSHAKE_RECORD && packet[1] === 0x03;
}

/**
 * How long a client that was answered an error has to read the answer and close its side: one
 * that never does would otherwise hold its connection, and a file descriptor, forever.
 */
export const ANSWERED_CLIENT_LINGER_MS = 5_000;

/** The error a timed out request head is reported with (Node's, for the proxy's own timers). */
export function requestTimeoutError(): ClientParseError {
  return Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
}

/**
 * Answers what a client sent that is no HTTP request, saying what was wrong: request headers
 * over Node's limit get 431, a request that did not arrive in time (Node's `headersTimeout` or
 * `requestTimeout`, or the proxy's timer inside tunnels) 408, anything else 400 with the parser's
 * reason. A TLS handshake means a client was given `https://127.0.0.1:PORT` as its proxy; it
 * cannot read the answer, so `onTlsHandshake` tells the user instead. The connection is cut
 * `lingerMs` after the answer if the client has not closed it by then.
 */
export function answerClientError(
  error: ClientParseError,
  socket: Duplex,
  onTlsHandshake: () => void,
  lingerMs: number = ANSWERED_CLIENT_LINGER_MS,
): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (isTlsHandshake(error.rawPacket)) onTlsHandshake();
  const [status, text] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          '431 Request Header Fields Too Large',
          `request headers too large (over ${maxHeaderSize} bytes with the request line)`,
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['408 Request Timeout', 'request timeout (the request did not arrive in time)']
        : [
            '400 Bad Request',
            `malformed HTTP request${error.reason === undefined ? '' : ` (${error.reason})`}`,
          ];
  endWithAnswer(socket, status, text, lingerMs);
}

/**
 * Ends a connection that carries no HTTP response (a refused or unparsable request) with a
 * plain-text answer from the proxy, then cuts it `lingerMs` later unless the client has closed
 * it by then.
 */
export function endWithAnswer(
  socket: Duplex,
  status: string,
  text: string,
  lingerMs: number = ANSWERED_CLIENT_LINGER_MS,
): void {
  endThenCut(
    socket,
    lingerMs,
    `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n` +
      `sse-inspector proxy: ${text}\n`,
  );
}

/**
 * Ends a socket's writing side (after `last`, if given), and cuts it if its peer has not closed
 * it `lingerMs` later: a peer that never does would hold the connection, and a file descriptor,
 * forever.
 */
export function endThenCut(socket: Duplex, lingerMs: number, last?: string): void {
  if (socket.destroyed) return;
  if (last === undefined) socket.end();
  else socket.end(last);
  const linger = setTimeout(() => socket.destroy(), lingerMs);
  socket.once('close', () => clearTimeout(linger));
}
