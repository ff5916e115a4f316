import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type ClientOptions } from 'ws';
import { fixtureCertificate } from '../../../tests/fixtures/fixture-tls.ts';
import {
  absoluteFormAgent,
  startOrigin,
  startProxy,
  tunnelAgent,
  until,
  type Origin,
  type ProxyHarness,
  within,
} from './proxy-test-kit.ts';

// WebSockets through the capture proxy: relayed byte for byte (not recorded) in forward mode
// (absolute form, and wss:// inside a decrypted CONNECT tunnel) and in reverse mode.

let dir: string;
let harness: ProxyHarness | null = null;
const closers: Array<() => Promise<void>> = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-proxy-ws-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await harness?.proxy.stop();
  harness = null;
  for (const close of closers.splice(0)) await close();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

interface Accepted {
  ws: WebSocket;
  url: string;
  headers: IncomingHttpHeaders;
}

interface WsOrigin {
  /** `127.0.0.1:PORT`. */
  host: string;
  /** The next WebSocket the origin accepts (an echo server). */
  nextConnection(): Promise<Accepted>;
}

async function startWsOrigin(tls?: { cert: string; key: string }): Promise<WsOrigin> {
  const server = tls === undefined ? createServer() : createHttpsServer(tls);
  const wss = new WebSocketServer({ server });
  const accepted: Accepted[] = [];
  const waiting: Array<(one: Accepted) => void> = [];
  wss.on('connection', (ws, req) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    const one = { ws, url: req.url ?? '', headers: req.headers };
    const next = waiting.shift();
    if (next === undefined) accepted.push(one);
    else next(one);
  });
  const port = await listen(server);
  closers.push(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return {
    host: `127.0.0.1:${port}`,
    nextConnection: () => {
      const ready = accepted.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return within(
        new Promise((resolve) => waiting.push(resolve)),
        'the origin accepted no WebSocket',
      );
    },
  };
}

/** Opens a WebSocket; fails with the status and body when the handshake gets another answer. */
function openSocket(url: string, options: ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, options);
  return within(
    new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`the handshake got ${res.statusCode} instead of 101`));
        res.resume();
      });
    }),
    `${url} did not open`,
  );
}

/** What a handshake that is not switched gets: the status, headers and whole body. */
function refusedHandshake(
  url: string,
  options: ClientOptions,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const ws = new WebSocket(url, options);
  ws.on('error', () => undefined);
  return within(
    new Promise((resolve, reject) => {
      ws.once('open', () => reject(new Error(`${url} opened`)));
      ws.once('unexpected-response', (_req, res: IncomingMessage) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        // A body without framing ends only when the proxy closes the connection.
        res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
    }),
    `${url}: no complete answer (or the proxy kept the connection open after it)`,
  );
}

/** Sends a message and resolves with the next one the socket receives. */
function echo(ws: WebSocket, data: string | Buffer): Promise<string | Buffer> {
  return within(
    new Promise((resolve) => {
      ws.once('message', (reply, isBinary) =>
        resolve(isBinary ? Buffer.from(reply as Buffer) : (reply as Buffer).toString()),
      );
      ws.send(data);
    }),
    'no echo came back through the proxy',
  );
}

function closeOf(ws: WebSocket, message: string): Promise<{ code: number; reason: string }> {
  return within(
    new Promise((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) resolve({ code: -1, reason: '' });
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    }),
    message,
  );
}

/**
 * Idles past the proxy's request-head timeout: an upgraded connection must not be timed out. The
 * timeout is long enough for a client on a busy machine to send its head after the handshake.
 */
const timeouts = { requestHeadMs: 1_000 };
const pastHeadTimeout = (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, 2 * timeouts.requestHeadMs));

async function released(proxy: ProxyHarness['proxy']): Promise<void> {
  await within(
    until(() => proxy.relayedUpgrades === 0 && proxy.clientConnections === 0),
    `the proxy still holds ${proxy.relayedUpgrades} relays, ${proxy.clientConnections} clients`,
  );
}

describe('capture proxy, WebSocket pass-through', () => {
  it('relays ws:// sent in absolute form by the forward proxy, unrecorded; a client that goes away closes the upstream', async () => {
    const origin = await startWsOrigin();
    harness = await startProxy({ caDir: join(dir, 'forward'), timeouts });
    const ws = await openSocket(`ws://${origin.host}/chat?room=1`, {
      agent: absoluteFormAgent(harness.proxy.url),
      headers: { 'Proxy-Authorization': 'Basic dXNlcjpzZWNyZXQ=', 'X-App': 'demo' },
    });
    const server = await origin.nextConnection();
    expect(server.url).toBe('/chat?room=1');
    expect(server.headers).toMatchObject({
      host: origin.host,
      upgrade: 'websocket',
      'x-app': 'demo',
    });
    expect(server.headers['proxy-authorization']).toBeUndefined();
    expect(server.headers['sec-websocket-key']).toBeTypeOf('string');

    await pastHeadTimeout();
    expect(await echo(ws, 'hello')).toBe('hello');
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    expect(await echo(ws, bytes)).toEqual(bytes);
    expect(harness.proxy.relayedUpgrades).toBe(1);

    const upstreamClosed = closeOf(server.ws, 'the upstream stayed open after the client left');
    ws.terminate();
    await upstreamClosed;
    await released(harness.proxy);
    expect(harness.store.sessions.size).toBe(0);
  });

  it('cuts the upstream of a client that resets, and every relay still open when the proxy stops', async () => {
    const origin = await startWsOrigin();
    harness = await startProxy({ caDir: join(dir, 'reset') });
    const agent = absoluteFormAgent(harness.proxy.url);
    const reset = await openSocket(`ws://${origin.host}/reset`, { agent });
    const resetServer = await origin.nextConnection();
    const upstreamClosed = closeOf(resetServer.ws, 'the upstream stayed open after a client reset');
    (reset as unknown as { _socket: Socket })._socket.resetAndDestroy();
    await upstreamClosed;

    const open = await openSocket(`ws://${origin.host}/open`, { agent });
    const openServer = await origin.nextConnection();
    expect(await echo(open, 'still open')).toBe('still open');
    const bothClosed = Promise.all([
      closeOf(open, 'the client stayed open after the proxy stopped'),
      closeOf(openServer.ws, 'the upstream stayed open after the proxy stopped'),
    ]);
    await harness.proxy.stop();
    await bothClosed;
    expect(harness.proxy.relayedUpgrades).toBe(0);
  });

  it('relays wss:// inside a decrypted CONNECT tunnel (upstream TLS verified); an upstream that closes closes the client', async () => {
    const cert = await fixtureCertificate();
    const origin = await startWsOrigin(cert);
    harness = await startProxy({
      caDir: join(dir, 'tunnel'),
      tls: { insecure: false, caPem: cert.cert },
      timeouts,
    });
    const ws = await openSocket(`wss://${origin.host}/live`, {
      agent: tunnelAgent(harness.proxy.url, readFileSync(harness.proxy.caPath!, 'utf8')),
    });
    const server = await origin.nextConnection();
    expect(server.url).toBe('/live');
    expect(server.headers.host).toBe(origin.host);

    await pastHeadTimeout();
    expect(await echo(ws, 'inside the tunnel')).toBe('inside the tunnel');
    const clientClosed = closeOf(ws, 'the client stayed open after the upstream closed');
    server.ws.close(4001, 'bye');
    expect(await clientClosed).toEqual({ code: 4001, reason: 'bye' });
    await released(harness.proxy);
    expect(harness.store.sessions.size).toBe(0);
  });

  it('answers 502 inside the tunnel when the wss:// origin certificate does not verify upstream', async () => {
    const origin = await startWsOrigin(await fixtureCertificate());
    harness = await startProxy({ caDir: join(dir, 'untrusted') });
    const refused = await refusedHandshake(`wss://${origin.host}/live`, {
      agent: tunnelAgent(harness.proxy.url, readFileSync(harness.proxy.caPath!, 'utf8')),
    });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatch(/^sse-inspector proxy: upstream TLS verification failed: /);
    await released(harness.proxy);
  });

  it('relays a WebSocket in reverse mode under the base path; an upstream that drops closes the client', async () => {
    const origin = await startWsOrigin();
    harness = await startProxy({ target: `http://${origin.host}/base`, timeouts });
    const ws = await openSocket(`${harness.proxy.url.replace('http', 'ws')}/socket?v=2`);
    const server = await origin.nextConnection();
    expect(server.url).toBe('/base/socket?v=2');
    expect(server.headers.host).toBe(origin.host);

    await pastHeadTimeout();
    expect(await echo(ws, 'reverse')).toBe('reverse');
    const clientClosed = closeOf(ws, 'the client stayed open after the upstream dropped');
    server.ws.terminate();
    // 1006: closed without a close frame, as the upstream did.
    expect((await clientClosed).code).toBe(1006);
    await released(harness.proxy);
  });

  it('passes bytes sent right behind either head on, in order, byte for byte', async () => {
    // An origin that switches and speaks first in the same write as its 101, then echoes.
    const origin = createServer();
    let upstreamRead = '';
    origin.on('upgrade', (_req, socket: Socket, head: Buffer) => {
      upstreamRead += head.toString('latin1');
      socket.on('data', (chunk: Buffer) => (upstreamRead += chunk.toString('latin1')));
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nfirst|',
      );
      if (head.length > 0) socket.write(head);
      socket.pipe(socket);
    });
    const port = await listen(origin);
    harness = await startProxy({ caDir: join(dir, 'heads') });
    const proxy = new URL(harness.proxy.url);
    const client = connect(Number(proxy.port), proxy.hostname);
    let received = '';
    client.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    client.write(
      `GET http://127.0.0.1:${port}/raw HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\n\r\nearly|',
    );
    await within(
      until(() => received.endsWith('first|early|')),
      `the client read ${JSON.stringify(received)}`,
    );
    expect(received).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    client.write('later');
    await within(
      until(() => received.endsWith('first|early|later')),
      'no echo of later bytes',
    );
    expect(upstreamRead).toBe('early|later');
    const clientClosed = new Promise((resolve) => client.once('close', resolve));
    client.end();
    await within(clientClosed, 'the proxy did not close the client after its end went upstream');
    await released(harness.proxy);
  });

  it('answers 502 naming the proxy when the upstream refuses the connection, 508 when it is the proxy', async () => {
    const gone = createServer();
    const port = await listen(gone);
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    harness = await startProxy({ caDir: join(dir, 'refused') });
    const refused = await refusedHandshake(`ws://127.0.0.1:${port}/`, {
      agent: absoluteFormAgent(harness.proxy.url),
    });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatch(/^sse-inspector proxy: upstream failed: .*ECONNREFUSED/);
    const own = new URL(harness.proxy.url).port;
    const loop = await refusedHandshake(`ws://127.0.0.1:${own}/`, {
      agent: absoluteFormAgent(harness.proxy.url),
    });
    expect(loop.status).toBe(508);
    expect(loop.body).toMatch(/^sse-inspector proxy: this request would loop back to the proxy/);
    await released(harness.proxy);
  });

  it('relays an upstream that does not switch as it answered (426 chunked, 400 with a length), then closes', async () => {
    const handler: RequestListener = (_req, res) => {
      res.writeHead(426, { 'Sec-WebSocket-Version': '13', 'Content-Type': 'text/plain' });
      res.write('upgrade required: ');
      res.end('version 13');
    };
    const plain = createServer(handler);
    const plainPort = await listen(plain);
    // An origin answering the upgrade itself, on its socket.
    const raw = createServer();
    raw.on('upgrade', (_req, socket: Socket) => {
      socket.end('HTTP/1.1 400 Bad Request\r\nX-Why: no\r\nContent-Length: 11\r\n\r\nbad request');
    });
    const rawPort = await listen(raw);
    harness = await startProxy({ caDir: join(dir, 'not-switched') });
    const agent = absoluteFormAgent(harness.proxy.url);

    const required = await refusedHandshake(`ws://127.0.0.1:${plainPort}/`, { agent });
    expect(required).toMatchObject({
      status: 426,
      headers: { 'sec-websocket-version': '13', 'content-type': 'text/plain', connection: 'close' },
      body: 'upgrade required: version 13',
    });
    const bad = await refusedHandshake(`ws://127.0.0.1:${rawPort}/`, { agent });
    expect(bad).toMatchObject({
      status: 400,
      headers: { 'x-why': 'no', 'content-length': '11' },
      body: 'bad request',
    });
    await released(harness.proxy);
    expect(harness.store.sessions.size).toBe(0);
  });

  it('keeps other upgrades (h2c) ordinary requests: forwarded without Upgrade, and recorded', async () => {
    let seen: IncomingHttpHeaders = {};
    const origin: Origin = await startOrigin((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: one\n\n');
    });
    closers.push(() => origin.close());
    harness = await startProxy({ caDir: join(dir, 'h2c') });
    const proxy = new URL(harness.proxy.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      request(
        {
          host: proxy.hostname,
          port: proxy.port,
          path: `${origin.url}/feed`,
          headers: { connection: 'Upgrade, HTTP2-Settings', upgrade: 'h2c', 'http2-settings': '' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(answer).toEqual({ status: 200, body: 'data: one\n\n' });
    expect(seen.upgrade).toBeUndefined();
    expect((await harness.nextRecorded()).events).toBe(1);
  });
});
