import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEarlyHintsServer } from '../../../tests/hostile/hostile-server.ts';
import { rawRequest, startOrigin, startProxy, until, type ProxyHarness } from './proxy-test-kit.ts';

// What reaches the proxy from programs the user did not write by hand: requests that come back
// to the proxy itself, informational responses from upstream, garbage on the port.

let dir: string;
let harness: ProxyHarness | null = null;
const closers: Array<() => Promise<void>> = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-proxy-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await harness?.proxy.stop();
  harness = null;
  for (const close of closers.splice(0)) await close();
});

/** A port free right now (bound, noted, released), for a proxy that must know it in advance. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Sends raw bytes to the proxy and collects what it answers until it closes the connection. */
function exchangeRaw(url: string, bytes: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}

describe('capture proxy: requests that would loop back to it', () => {
  it('answers 508 to a forward-mode request for its own port under another name (localhost)', async () => {
    harness = await startProxy({ caDir: join(dir, 'ca') });
    const port = new URL(harness.proxy.url).port;
    const answer = await exchangeRaw(
      harness.proxy.url,
      `GET http://localhost:${port}/x HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 508 /);
    expect(answer).toContain('this request would loop back to the proxy');
  });

  it('answers 508 when a reverse-mode target is the proxy itself, instead of forwarding forever', async () => {
    const port = await freePort();
    harness = await startProxy({ port, target: `http://localhost:${port}/base` });
    const looped = await rawRequest(`${harness.proxy.url}/v1/stream`);
    expect(looped.status).toBe(508);
    expect(looped.body.toString()).toContain('this request would loop back to the proxy');
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({ status: null, outcome: 'failed' });
  });

  it('still forwards to another server on 127.0.0.1', async () => {
    const origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: fine\n\n');
    });
    closers.push(() => origin.close());
    harness = await startProxy({ target: origin.url });
    const answer = await rawRequest(`${harness.proxy.url}/`);
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('data: fine\n\n');
  });
});

describe('capture proxy: what clients send that is not a request it can forward', () => {
  it('answers request headers over the limit with 431 saying so, and keeps serving', async () => {
    const origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('fine');
    });
    closers.push(() => origin.close());
    harness = await startProxy({ target: origin.url });
    const answer = await exchangeRaw(
      harness.proxy.url,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('request headers too large');
    expect((await rawRequest(`${harness.proxy.url}/after`)).body.toString()).toBe('fine');
  });

  it('tells the user, once, that a client speaks TLS to its http:// port', async () => {
    harness = await startProxy({ caDir: join(dir, 'ca') });
    const problems: string[] = [];
    harness.proxy.onError((error) => problems.push(String(error)));
    // The start of a ClientHello, as a client given https://127.0.0.1:PORT as its proxy sends.
    const hello = '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03';
    for (let i = 0; i < 2; i++) {
      expect(await exchangeRaw(harness.proxy.url, hello)).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(problems).toEqual([
      `Error: a client spoke TLS to the proxy: its proxy URL must be ${harness.proxy.url} (http://, not https://)`,
    ]);
  });

  it('names what the parser refused in its 400 (an unknown method)', async () => {
    harness = await startProxy({ target: 'http://127.0.0.1:9' });
    const answer = await exchangeRaw(harness.proxy.url, 'FROB / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/malformed HTTP request \(.*method.*\)/i);
  });
  it('cuts, without writing into it, a response under way when the request body turns malformed', async () => {
    const origin = await startOrigin((req, res) => {
      req.resume();
      req.on('error', () => {});
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
    });
    closers.push(() => origin.close());
    harness = await startProxy({ target: origin.url });
    const socket = connect(Number(new URL(harness.proxy.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {});
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // The request body streams upstream while the response streams back; then a bad chunk size.
    socket.write('POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n');
    await until(() => answer.includes('data: first\n\n'));
    socket.write('zz\r\nnot a chunk size\r\n');
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).not.toContain('HTTP/1.1 400');
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({ status: 200, events: 1, outcome: 'closed' });
  });
});

describe('capture proxy: informational responses from upstream', () => {
  it('passes a 103 Early Hints on and records the event stream that follows as one session', async () => {
    const upstream = await startEarlyHintsServer();
    closers.push(() => upstream.close());
    harness = await startProxy({ target: `http://127.0.0.1:${upstream.port}` });
    const answer = await exchangeRaw(
      harness.proxy.url,
      'GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 103 Early Hints\r\nLink: <\/app\.css>; rel=preload\r\n/);
    expect(answer).toMatch(/\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(answer.endsWith('data: hello\n\n')).toBe(true);
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({ status: 200, events: 1, outcome: 'completed' });
    expect(harness.store.sessions.size).toBe(1);
  });
});
