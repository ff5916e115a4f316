import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import {
  startOrigin,
  startProxy,
  until,
  type Origin,
  type ProxyHarness,
  within,
} from './proxy-test-kit.ts';

// Tunnels that speak plain HTTP: a browser sends even `ws://` through its proxy as a CONNECT,
// and some clients tunnel `http://` too. The first byte decides: no TLS handshake record, so the
// tunnel's requests go to http://host:port as they are, recorded and relayed like any other.

let dir: string;
let harness: ProxyHarness | null = null;
let origin: Origin | null = null;
const closers: Array<() => void> = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-proxy-plain-tunnel-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await harness?.proxy.stop();
  await origin?.close();
  harness = null;
  origin = null;
});

/** A socket tunnelled through the proxy to `authority`, once the proxy answered 200. */
async function plainTunnel(proxyUrl: string, authority: string): Promise<Socket> {
  const socket = connect({ port: Number(new URL(proxyUrl).port), host: '127.0.0.1' });
  closers.push(() => socket.destroy());
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  let answer = '';
  await within(
    new Promise<void>((resolve) => {
      const onData = (chunk: Buffer): void => {
        answer += chunk.toString('latin1');
        if (!answer.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        resolve();
      };
      socket.on('data', onData);
    }),
    'the proxy did not answer the CONNECT',
  );
  expect(answer).toBe('HTTP/1.1 200 Connection Established\r\n\r\n');
  return socket;
}

describe('capture proxy: CONNECT tunnels that speak plain HTTP', () => {
  it('records an event stream requested inside a plain tunnel, for http://host:port', async () => {
    origin = await startOrigin((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${req.url}\n\n`);
    });
    harness = await startProxy({ caDir: join(dir, 'sse') });
    const authority = new URL(origin.url).host;
    const socket = await plainTunnel(harness.proxy.url, authority);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(`GET /feed HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`);
    await within(ended, 'the tunnelled request was never answered to its end');
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toContain('data: /feed\n\n');
    const recorded = await within(harness.nextRecorded(), 'nothing was recorded');
    expect(recorded).toMatchObject({ url: `http://${authority}/feed`, status: 200, events: 1 });
  });

  it('relays a ws:// WebSocket tunnelled through CONNECT, as browsers send it', async () => {
    const server: Server = createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      wss.close();
      server.close();
      server.closeAllConnections();
    });
    const authority = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    harness = await startProxy({ caDir: join(dir, 'ws') });
    const socket = await plainTunnel(harness.proxy.url, authority);
    const ws = new WebSocket(`ws://${authority}/chat`, { createConnection: () => socket });
    closers.push(() => ws.terminate());
    await within(
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      }),
      'the WebSocket through the plain tunnel never opened',
    );
    const reply = new Promise<string>((resolve) =>
      ws.once('message', (data: Buffer) => resolve(data.toString())),
    );
    ws.send('through the tunnel');
    expect(await within(reply, 'no echo came back')).toBe('through the tunnel');
    expect(harness.proxy.relayedUpgrades).toBe(1);
    ws.close();
    const proxy = harness.proxy;
    await within(
      until(() => proxy.relayedUpgrades === 0),
      'the relay stayed open after the client closed',
    );
    expect(harness.store.sessions.size).toBe(0);
  });
});
