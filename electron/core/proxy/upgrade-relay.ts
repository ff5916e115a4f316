import { request, type IncomingMessage } from 'node:http';
import { connect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as connectTls, rootCertificates } from 'node:tls';
import { categorizeError, describeError } from '../connections/error-category.ts';
import { ANSWERED_CLIENT_LINGER_MS, endThenCut, endWithAnswer } from './client-errors.ts';
import { ProxyLoopError, reachesListener, type ListenAddress } from './proxy-loop.ts';
import type { UpstreamTls } from './upstream-forwarder.ts';

/** How long the upstream has to accept the connection (and finish its TLS handshake). */
export const UPGRADE_CONNECT_TIMEOUT_MS = 10_000;

/** Request headers only the proxy may see; Host is set to the upstream's authority. */
const notForwarded = new Set(['proxy-connection', 'proxy-authorization', 'host']);

/** Response headers that describe the connection to the proxy, not to the client. */
const responseHopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/** Whether a request asks for a WebSocket (its Upgrade header names `websocket`). */
export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  const upgrade = req.headers.upgrade ?? '';
  return upgrade.split(',').some((token) => /^websocket(\/|$)/i.test(token.trim()));
}

export interface UpgradeRelayContext {
  /** The proxy's own address: an upstream connection there is refused (508). */
  listening: ListenAddress;
  tls: UpstreamTls;
  connectTimeoutMs?: number;
  /** How long a client answered by the proxy (or whose upstream ended) has to close. */
  answeredLingerMs?: number;
  /**
   * Counts the relay as open until both its sockets are closed: `cut` tears it down (the proxy
   * stops); the function returned is called once the relay is over.
   */
  track: (cut: () => void) => () => void;
}

function rawPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

function headLines(pairs: Array<[string, string]>): string {
  return pairs.map(([name, value]) => `${name}: ${value}\r\n`).join('');
}

/** Opens the upstream connection: TCP, the loop check, then TLS for https/wss origins. */
function openUpstream(
  target: URL,
  context: UpgradeRelayContext,
  onSocket: (socket: Socket) => void,
  done: (error: Error | null, socket: Socket | null) => void,
): void {
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port) || (secure ? 443 : 80);
  const timeoutMs = context.connectTimeoutMs ?? UPGRADE_CONNECT_TIMEOUT_MS;
  const tcp = connect({ host, port });
  onSocket(tcp);
  let settled = false;
  const settle = (error: Error | null, socket: Socket | null): void => {
    if (settled) return;
    settled = true;
    tcp.setTimeout(0);
    done(error, socket);
  };
  tcp.setTimeout(timeoutMs, () => {
    const error = Object.assign(new Error(`no connection within ${timeoutMs} ms`), {
      code: 'ETIMEDOUT',
    });
    tcp.destroy(error);
  });
  tcp.once('error', (error) => settle(error, null));
  tcp.once('close', () => settle(new Error('the upstream closed the connection'), null));
  tcp.once('connect', () => {
    if (reachesListener(tcp, context.listening)) {
      tcp.destroy();
      settle(new ProxyLoopError(), null);
      return;
    }
    if (!secure) {
      settle(null, tcp);
      return;
    }
    // The forwarder's TLS settings: an extra CA adds to the system roots; `insecure` accepts any.
    const secured = connectTls({
      socket: tcp,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: !context.tls.insecure,
      ...(context.tls.caPem === null ? {} : { ca: [...rootCertificates, context.tls.caPem] }),
      ALPNProtocols: ['http/1.1'],
    });
    onSocket(secured);
    secured.once('error', (error) => settle(error, null));
    secured.once('secureConnect', () => settle(null, secured));
  });
}

/**
 * Relays an HTTP/1.1 upgrade (a WebSocket) to `target`: the client's request goes upstream as it
 * came (minus the proxy's own headers, Host naming the upstream), the upstream's answer comes
 * back, and after a `101 Switching Protocols` bytes flow both ways untouched, `head` bytes
 * included. Nothing is recorded. An upstream that cannot be reached gets the client a 502 (508
 * for a loop); one that answers without switching has its response relayed and the connection
 * closed after it. Either side's close or error ends the other.
 */
export function relayUpgrade(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  target: URL,
  context: UpgradeRelayContext,
): void {
  const lingerMs = context.answeredLingerMs ?? ANSWERED_CLIENT_LINGER_MS;
  const upstreamSockets = new Set<Duplex>();
  /** A response head went to the client (ours or the upstream's). */
  let answered = false;
  /** Switched: bytes flow both ways. */
  let relaying = false;
  /** Sockets not closed yet: the client's and each upstream one. */
  let open = 1;
  const cut = (): void => {
    client.destroy();
    for (const socket of upstreamSockets) socket.destroy();
  };
  const over = context.track(cut);
  const closed = (): void => {
    open -= 1;
    if (open === 0) over();
  };
  const adopt = (socket: Duplex): void => {
    if (upstreamSockets.has(socket)) return;
    upstreamSockets.add(socket);
    open += 1;
    socket.on('error', () => socket.destroy());
    socket.once('close', closed);
    // An upstream that goes away mid-relay takes the client with it (its end is handled below).
    socket.once('close', () => {
      if (!socket.readableEnded && relaying) client.destroy();
    });
    if (client.destroyed) socket.destroy();
  };
  client.on('error', () => client.destroy());
  client.once('close', () => {
    for (const socket of upstreamSockets) socket.destroy();
    closed();
  });

  const refuse = (error: Error): void => {
    if (answered || client.destroyed) return;
    answered = true;
    for (const socket of upstreamSockets) socket.destroy();
    if (error instanceof ProxyLoopError) {
      endWithAnswer(client, '508 Loop Detected', describeError(error), lingerMs);
      return;
    }
    const reason =
      categorizeError(error) === 'tls' ? 'upstream TLS verification failed' : 'upstream failed';
    endWithAnswer(client, '502 Bad Gateway', `${reason}: ${describeError(error)}`, lingerMs);
  };

  const headers = rawPairs(req.rawHeaders).filter(
    ([name]) => !notForwarded.has(name.toLowerCase()),
  );
  openUpstream(target, context, adopt, (error, socket) => {
    if (client.destroyed) {
      socket?.destroy();
      return;
    }
    if (error !== null || socket === null) {
      refuse(error ?? new Error('no upstream connection'));
      return;
    }
    const outgoing = request({
      createConnection: () => socket,
      method: req.method ?? 'GET',
      path: target.pathname + target.search,
      setHost: false,
      headers: [['Host', target.host], ...headers].flat(),
    });
    // Bytes the client sent behind its request head follow it upstream, then whatever the client
    // sends next: relayed from the moment the head is out, so nothing waits on the answer.
    let clientFlowing = false;
    const clientUpstream = (): void => {
      if (clientFlowing) return;
      clientFlowing = true;
      if (head.length > 0) socket.write(head);
      client.pipe(socket, { end: false });
      client.once('end', () => endThenCut(socket, lingerMs));
    };
    outgoing.once('finish', clientUpstream);
    outgoing.on('error', (failure) => {
      if (!answered) refuse(failure);
      else socket.destroy();
    });
    outgoing.on('information', (info) => {
      if (answered || info.statusCode === 101) return;
      client.write(
        `HTTP/1.1 ${info.statusCode} ${info.statusMessage}\r\n${headLines(rawPairs(info.rawHeaders))}\r\n`,
      );
    });
    outgoing.once('upgrade', (res: IncomingMessage, upgraded: Socket, upstreamHead: Buffer) => {
      if (answered || client.destroyed) {
        upgraded.destroy();
        return;
      }
      answered = true;
      relaying = true;
      adopt(upgraded);
      clientUpstream();
      client.write(
        `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${headLines(rawPairs(res.rawHeaders))}\r\n`,
      );
      if (upstreamHead.length > 0) client.write(upstreamHead);
      upgraded.pipe(client, { end: false });
      upgraded.once('end', () => endThenCut(client, lingerMs));
    });
    outgoing.once('response', (res: IncomingMessage) => {
      if (answered || client.destroyed) {
        socket.destroy();
        return;
      }
      answered = true;
      // Not switched: the response goes back as it came, and the connection closes after it
      // (its body is delimited by the close: it was read with its framing removed).
      client.unpipe(socket);
      const kept = rawPairs(res.rawHeaders).filter(
        ([name]) => !responseHopByHop.has(name.toLowerCase()),
      );
      client.write(
        `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n${headLines(kept)}Connection: close\r\n\r\n`,
      );
      res.on('error', () => client.destroy());
      res.pipe(client, { end: false });
      res.once('end', () => {
        socket.destroy();
        endThenCut(client, lingerMs);
      });
      res.once('close', () => {
        if (!res.complete) client.destroy();
      });
    });
    outgoing.end();
  });
}
