import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { fetch as undiciFetch, ProxyAgent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCertificate } from '../../../tests/fixtures/fixture-tls.ts';
import {
  startOrigin,
  startProxy,
  until,
  type Origin,
  type ProxyHarness,
  within,
} from './proxy-test-kit.ts';

// Clients that connect and then stall, or send what no TLS or HTTP parser can finish: each must
// be let go after its timeout (shortened here) without disturbing the clients that follow.

// Long enough that a well-behaved client on a busy CI machine finishes its handshake and head in
// time (each test waits on states, never on these), short enough to keep the file quick.
const timeouts = { tlsHandshakeMs: 1_000, requestHeadMs: 1_000, answeredLingerMs: 1_000 };

let dir: string;
let origin: Origin | null = null;
let harness: ProxyHarness | null = null;
const sockets: Socket[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-proxy-timeouts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await harness?.proxy.stop();
  await origin?.close();
  harness = null;
  origin = null;
});

/**
 * A raw TCP client of the proxy that keeps its side open when the proxy ends its own (a client
 * that ignores the close), so only the proxy can release the connection: `ended` says the proxy
 * closed its side, `released` (below) that it let go of the connection. Collects what it reads.
 */
async function rawClient(
  url: string,
): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  const socket = connect({
    port: Number(new URL(url).port),
    host: '127.0.0.1',
    allowHalfOpen: true,
  });
  sockets.push(socket);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => {});
  const ended = new Promise<void>((resolve) => {
    socket.once('end', resolve);
    socket.once('close', () => resolve());
  });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return { socket, received: () => text, ended };
}

/** Sends a CONNECT for `authority` and resolves once the proxy answered 200. */
async function tunnel(
  url: string,
  authority: string,
): Promise<Awaited<ReturnType<typeof rawClient>>> {
  const client = await rawClient(url);
  client.socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  await within(
    until(() => client.received().includes('\r\n\r\n')),
    'the proxy did not answer the CONNECT',
  );
  expect(client.received()).toBe('HTTP/1.1 200 Connection Established\r\n\r\n');
  return client;
}

/** Waits until the proxy holds no client connection: the stalled one was released. */
async function released(harness: ProxyHarness, what: string): Promise<void> {
  await within(
    until(() => harness.proxy.clientConnections === 0),
    `the proxy still holds the connection of ${what}`,
  );
}

/** An HTTPS origin and a forward proxy with short timeouts that trusts it upstream. */
async function forwardProxy(): Promise<ProxyHarness> {
  const cert = await fixtureCertificate();
  origin = await startOrigin((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end('data: fine\n\n');
  }, cert);
  harness = await startProxy({
    caDir: join(dir, 'ca'),
    tls: { insecure: false, caPem: cert.cert },
    timeouts,
  });
  return harness;
}

/** A well-behaved client: an https request through the proxy's tunnel succeeds. */
async function servesNext(harness: ProxyHarness): Promise<void> {
  const dispatcher = new ProxyAgent({
    uri: harness.proxy.url,
    requestTls: { ca: readFileSync(harness.proxy.caPath!, 'utf8') },
  });
  try {
    const response = await undiciFetch(`${origin!.url}/after`, { dispatcher });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('data: fine\n\n');
  } finally {
    await dispatcher.close();
  }
}

describe('capture proxy: CONNECT clients that never finish the TLS handshake', () => {
  it('closes a client that sends nothing after 200 Connection Established', async () => {
    const harness = await forwardProxy();
    const client = await tunnel(harness.proxy.url, `127.0.0.1:${new URL(origin!.url).port}`);
    await within(client.ended, 'a silent client inside a tunnel was never closed');
    await released(harness, 'a silent CONNECT client');
    await servesNext(harness);
  });

  it('closes a client that sends the start of a ClientHello and stalls', async () => {
    const harness = await forwardProxy();
    const client = await tunnel(harness.proxy.url, `127.0.0.1:${new URL(origin!.url).port}`);
    // A handshake record header announcing 512 bytes, and 6 of them: OpenSSL waits for the rest.
    client.socket.write(
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
    );
    await within(client.ended, 'a client stalled in its ClientHello was never closed');
    await released(harness, 'a stalled ClientHello');
    await servesNext(harness);
  });

  it('closes a client that sends non-TLS garbage, and serves the next client', async () => {
    const harness = await forwardProxy();
    const client = await tunnel(harness.proxy.url, `127.0.0.1:${new URL(origin!.url).port}`);
    client.socket.write('GET / HTTP/1.1\r\nHost: not-tls\r\n\r\n\x00\xff garbage');
    await within(client.ended, 'a client sending garbage inside a tunnel was never closed');
    await released(harness, 'a garbage-sending CONNECT client');
    await servesNext(harness);
  });
});

describe('capture proxy: clients that never send a complete request head', () => {
  it('closes a decrypted tunnel whose client completes the handshake and sends nothing', async () => {
    const harness = await forwardProxy();
    const client = await tunnel(harness.proxy.url, 'localhost:443');
    const secured = connectTls({
      socket: client.socket,
      servername: 'localhost',
      ca: readFileSync(harness.proxy.caPath!, 'utf8'),
    });
    let text = '';
    secured.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    secured.on('error', () => {});
    await within(
      new Promise<void>((resolve) => secured.once('secureConnect', resolve)),
      'the TLS handshake through the tunnel did not complete',
    );
    // The TLS client inherits the raw socket's half-open setting: 'end' is the proxy closing.
    await within(
      new Promise<void>((resolve) => secured.once('end', resolve)),
      'a silent client of a decrypted tunnel was never closed',
    );
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text).toContain('sse-inspector proxy: ');
    await released(harness, 'a silent decrypted tunnel');
    await servesNext(harness);
  });

  it('times out the next request head on a kept-alive decrypted tunnel, once a response ended', async () => {
    const harness = await forwardProxy();
    const client = await tunnel(harness.proxy.url, `localhost:${new URL(origin!.url).port}`);
    const secured = connectTls({
      socket: client.socket,
      servername: 'localhost',
      ca: readFileSync(harness.proxy.caPath!, 'utf8'),
    });
    let text = '';
    secured.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    secured.on('error', () => {});
    const ended = new Promise<void>((resolve) => secured.once('end', resolve));
    secured.write('GET /first HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await within(
      // The origin's body arrives chunked: its last chunk ends the response.
      until(() => text.endsWith('\r\n0\r\n\r\n')),
      'the first request through the tunnel got no response',
    );
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).not.toMatch(/connection: close/i);
    // Half of the next request head, then nothing (Node's keep-alive timeout stops counting once
    // bytes of a request arrive).
    secured.write('GET /second HTTP/1.1\r\nHost: local');
    await within(ended, 'a client stalled in its second request head was never closed');
    expect(text).toMatch(/data: fine\n\n\r\n0\r\n\r\nHTTP\/1\.1 408 Request Timeout\r\n/);
    await released(harness, 'a stalled kept-alive tunnel');
    await servesNext(harness);
  });

  it('answers a slowloris on its plain port with 408 and closes it', async () => {
    const harness = await forwardProxy();
    const client = await rawClient(harness.proxy.url);
    client.socket.write(
      `GET ${origin!.url.replace('https:', 'http:')}/ HTTP/1.1\r\nHost: x\r\nX-Slow: `,
    );
    await within(client.ended, 'a client stalled in its request head was never closed');
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(client.received()).toMatch(/\r\n\r\nsse-inspector proxy: request timeout/);
    await released(harness, 'a slowloris client');
    await servesNext(harness);
  });
});

describe('capture proxy: clients that ignore its closing after an error answer', () => {
  it('cuts a client that keeps its side open after a 400 for garbage', async () => {
    const harness = await forwardProxy();
    const client = await rawClient(harness.proxy.url);
    client.socket.write('\x00\x01 not http\r\n\r\n');
    await within(client.ended, 'the proxy did not answer garbage on its port');
    expect(client.received()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    await released(harness, 'a client that ignored the close after a 400');
    await servesNext(harness);
  });

  it('cuts a client that keeps its side open after a refused CONNECT', async () => {
    const harness = await forwardProxy();
    const client = await rawClient(harness.proxy.url);
    client.socket.write('CONNECT nowhere HTTP/1.1\r\nHost: nowhere\r\n\r\n');
    await within(client.ended, 'the proxy did not answer a CONNECT without a port');
    expect(client.received()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(client.received()).toContain('sse-inspector proxy: CONNECT needs host:port');
    await released(harness, 'a client that ignored the close after a refused CONNECT');
    await servesNext(harness);
  });

  it('cuts a client that keeps its side open after a CONNECT in reverse mode', async () => {
    harness = await startProxy({ target: 'http://127.0.0.1:9', timeouts });
    const client = await rawClient(harness.proxy.url);
    client.socket.write('CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n');
    await within(client.ended, 'the proxy did not answer a CONNECT in reverse mode');
    expect(client.received()).toContain('does not accept CONNECT');
    await released(harness, 'a client that ignored the close after a CONNECT in reverse mode');
  });
});
