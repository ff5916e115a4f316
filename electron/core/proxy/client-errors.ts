import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';

/** What node:http reports for bytes it cannot parse as a request (its `clientError`). */
export type ClientParseError = NodeJS.ErrnoException & { reason?: string; rawPacket?: unknown };

/** A TLS record starts with its type (0x16: handshake) and the protocol's major version (3). */
function isTlsHandshake(packet: unknown): boolean {
  return packet instanceof Uint8Array && packet[0] === 0x16 && packet[1] === 0x03;
}

/**
 * Answers what a client sent that is no HTTP request, saying what was wrong: request headers
 * over Node's limit get 431, anything else 400 with the parser's reason. A TLS handshake means a
 * client was given `https://127.0.0.1:PORT` as its proxy; it cannot read the answer, so
 * `onTlsHandshake` tells the user instead.
 */
export function answerClientError(
  error: ClientParseError,
  socket: Duplex,
  onTlsHandshake: () => void,
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
      : [
          '400 Bad Request',
          `malformed HTTP request${error.reason === undefined ? '' : ` (${error.reason})`}`,
        ];
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n` +
      `sse-inspector proxy: ${text}\n`,
  );
}
