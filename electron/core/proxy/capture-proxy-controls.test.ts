import { connect } from 'node:net';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureCertificate } from '../../../tests/fixtures/fixture-tls.ts';
import {
  gate,
  rawRequest,
  startOrigin,
  startProxy,
  type Origin,
  type ProxyHarness,
} from './proxy-test-kit.ts';

let origin: Origin | null = null;
let harness: ProxyHarness | null = null;
afterEach(async () => {
  await harness?.proxy.stop();
  await origin?.close();
  harness = null;
  origin = null;
});

describe('capture proxy: failures, limits and controls (reverse mode)', () => {
  it('answers 502 with the reason when the upstream certificate does not verify', async () => {
    origin = await startOrigin(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('data: secret\n\n');
      },
      await fixtureCertificate(),
    );
    harness = await startProxy({ target: origin.url });
    const response = await rawRequest(`${harness.proxy.url}/tls`);
    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body.toString()).toMatch(/TLS verification failed: .*self[- ]signed/i);
    const recorded = await harness.nextRecorded();
    expect(recorded.outcome).toBe('failed');
    expect(harness.records(recorded.session)).toContainEqual(
      expect.objectContaining({ kind: 'error', category: 'tls' }),
    );
    await harness.proxy.stop();

    harness = await startProxy({
      target: origin.url,
      tls: { insecure: false, caPem: (await fixtureCertificate()).cert },
    });
    expect((await rawRequest(`${harness.proxy.url}/tls`)).body.toString()).toBe('data: secret\n\n');
    await harness.proxy.stop();

    // -k: any certificate is accepted.
    harness = await startProxy({ target: origin.url, tls: { insecure: true, caPem: null } });
    expect((await rawRequest(`${harness.proxy.url}/tls`)).status).toBe(200);
  });

  it('puts a target base path in front of the request path', async () => {
    origin = await startOrigin((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(req.url);
    });
    harness = await startProxy({ target: `${origin.url}/api/` });
    expect((await rawRequest(`${harness.proxy.url}/v1/x?y=1`)).body.toString()).toBe(
      '/api/v1/x?y=1',
    );
  });

  it('saves a stream still open when the proxy stops, as closed', async () => {
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: still open\n\n');
    });
    harness = await startProxy({ target: origin.url });
    const opened = gate();
    request(`${harness.proxy.url}/open`, (res) => res.once('data', () => opened.open()))
      .on('error', () => {})
      .end();
    await opened.promise;
    await harness.until((r) => r.kind === 'event');
    const recorded = harness.nextRecorded();
    await harness.proxy.stop();
    expect(await recorded).toMatchObject({ events: 1, outcome: 'closed' });
    const records = harness.records((await recorded).session);
    expect(records.at(-2)).toMatchObject({ kind: 'control', action: 'proxy-stopped' });
    expect(records.at(-1)).toMatchObject({ kind: 'closed', reason: 'user-closed' });
  });

  it('drops the client of a proxied stream on request, announcing streams as they start', async () => {
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: open\n\n');
    });
    harness = await startProxy({ target: origin.url });
    const started = gate<number>();
    harness.proxy.onStream((stream) => started.open(stream.session));
    const outcome = gate<string>();
    request(`${harness.proxy.url}/live?key=k1`, (res) => {
      res.on('error', (error: NodeJS.ErrnoException) => outcome.open(error.code ?? error.message));
      res.on('end', () => outcome.open('ended normally'));
    })
      .on('error', (error: NodeJS.ErrnoException) => outcome.open(error.code ?? error.message))
      .end();
    const session = await started.promise;
    await harness.until((r) => r.kind === 'event');
    expect(harness.proxy.dropClient(session)).toBe(true);
    expect(await outcome.promise).toBe('ECONNRESET');
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({
      session,
      outcome: 'closed',
      url: `${origin.url}/live?key=[REDACTED]`,
    });
    expect(harness.records(session).slice(-2)).toMatchObject([
      { kind: 'control', action: 'drop-client' },
      { kind: 'closed', reason: 'user-dropped' },
    ]);
    expect(harness.proxy.dropClient(session)).toBe(false);
  });

  it('forwards a request no session can hold, reporting why it was not recorded', async () => {
    origin = await startOrigin((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${Object.keys(req.headers).length}\n\n`);
    });
    harness = await startProxy({ target: origin.url });
    const errors: unknown[] = [];
    harness.proxy.onError((error) => errors.push(error));
    const headers = Object.fromEntries(
      Array.from({ length: 600 }, (_, i) => [`x-h${i}`, String(i)]),
    );
    const response = await rawRequest(`${harness.proxy.url}/many`, { headers });
    expect(response.status).toBe(200);
    expect(Number(response.body.toString().slice('data: '.length))).toBeGreaterThanOrEqual(600);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/GET .*\/many was forwarded, not recorded \(headers: /);
    expect(harness.store.sessions.size).toBe(0);
  });

  it('answers garbage with a 400 and keeps serving', async () => {
    origin = await startOrigin((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('fine');
    });
    harness = await startProxy({ target: origin.url });
    const port = Number(new URL(harness.proxy.url).port);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write('\x16\x03\x01 not http at all\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect((await rawRequest(`${harness.proxy.url}/after`)).body.toString()).toBe('fine');
  });
});
