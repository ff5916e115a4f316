import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSource } from 'eventsource';
import { fetch as undiciFetch, ProxyAgent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../shared/capture/records.ts';
import { fixtureCertificate } from '../../../tests/fixtures/fixture-tls.ts';
import { CA_KEY_FILE } from './ca-store.ts';
import { startOrigin, startProxy, type Origin, type ProxyHarness } from './proxy-test-kit.ts';

let dir: string;
let origin: Origin | null = null;
let harness: ProxyHarness | null = null;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-proxy-ca-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await harness?.proxy.stop();
  await origin?.close();
  harness = null;
  origin = null;
});

const stream = 'id: 1\ndata: one\n\nid: 2\ndata: two\n\n';

/** An HTTPS origin with the fixture certificate, and a forward proxy that trusts it upstream. */
async function httpsOriginAndProxy(
  caDir: string,
): Promise<{ origin: Origin; harness: ProxyHarness }> {
  const cert = await fixtureCertificate();
  origin = await startOrigin((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-path': req.url ?? '' });
    res.end(stream);
  }, cert);
  harness = await startProxy({ caDir, tls: { insecure: false, caPem: cert.cert } });
  return { origin, harness };
}

const curl = spawnSync('curl', ['--version']).status === 0;

describe('capture proxy, forward mode', () => {
  it('creates its CA on first use (key readable by the user only) and reuses it', async () => {
    const caDir = join(dir, 'first-use');
    const first = await startProxy({ caDir });
    const pem = readFileSync(first.proxy.caPath!, 'utf8');
    await first.proxy.stop();
    expect(first.proxy.mode).toBe('forward');
    expect(statSync(join(caDir, CA_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(new X509Certificate(pem).ca).toBe(true);
    const second = await startProxy({ caDir });
    await second.proxy.stop();
    expect(readFileSync(second.proxy.caPath!, 'utf8')).toBe(pem);
  });

  it('intercepts an eventsource client over CONNECT with a leaf for the IP, recording the stream', async () => {
    const caDir = join(dir, 'eventsource');
    const { origin, harness } = await httpsOriginAndProxy(caDir);
    const dispatcher = new ProxyAgent({
      uri: harness.proxy.url,
      requestTls: { ca: readFileSync(harness.proxy.caPath!, 'utf8') },
    });
    const source = new EventSource(`${origin.url}/feed?token=abc`, {
      fetch: (input, init) => undiciFetch(input, { ...init, dispatcher }),
    });
    const data: string[] = [];
    await new Promise<void>((resolve, reject) => {
      source.onmessage = (event) => {
        data.push(event.data);
        if (data.length === 2) resolve();
      };
      source.onerror = (event) => {
        if (data.length < 2) reject(new Error(`eventsource error: ${event.message ?? ''}`));
      };
    });
    source.close();
    await dispatcher.close();
    expect(data).toEqual(['one', 'two']);
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({ method: 'GET', status: 200, events: 2, stream: true });
    expect(recorded.url).toBe(`${origin.url}/feed?token=[REDACTED]`);
    const events = harness
      .records(recorded.session)
      .filter((r): r is EventRecord => r.kind === 'event');
    expect(events.map((e) => e.data)).toEqual(['one', 'two']);
  });

  it.skipIf(!curl)(
    'serves curl -N -x … --cacert … to an https origin by name (DNS leaf)',
    async () => {
      const caDir = join(dir, 'curl');
      const { origin, harness } = await httpsOriginAndProxy(caDir);
      const port = new URL(origin.url).port;
      const child = spawn(
        'curl',
        [
          '-sS',
          '-N',
          '-x',
          harness.proxy.url,
          '--cacert',
          harness.proxy.caPath!,
          `https://localhost:${port}/curl`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out).toBe(stream);
      const recorded = await harness.nextRecorded();
      expect(recorded).toMatchObject({ url: `https://localhost:${port}/curl`, events: 2 });
    },
  );

  it('answers 502 inside the tunnel when the origin certificate does not verify upstream', async () => {
    origin = await startOrigin(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(stream);
      },
      await fixtureCertificate(),
    );
    harness = await startProxy({ caDir: join(dir, 'untrusted') });
    const dispatcher = new ProxyAgent({
      uri: harness.proxy.url,
      requestTls: { ca: readFileSync(harness.proxy.caPath!, 'utf8') },
    });
    const response = await undiciFetch(`${origin.url}/tls`, { dispatcher });
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/upstream TLS verification failed/);
    await dispatcher.close();
    const recorded = await harness.nextRecorded();
    expect(recorded).toMatchObject({ outcome: 'failed', status: null });
  });

  it('forwards absolute-form plain HTTP requests and refuses origin-form ones with a 400', async () => {
    origin = await startOrigin((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`data: ${req.url}\n\n`);
    });
    harness = await startProxy({ caDir: join(dir, 'plain') });
    const proxyUrl = new URL(harness.proxy.url);
    const get = (path: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        request({ host: proxyUrl.hostname, port: proxyUrl.port, path }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
    expect(await get(`${origin.url}/absolute?x=1`)).toEqual({
      status: 200,
      body: 'data: /absolute?x=1\n\n',
    });
    const refused = await get('/origin-form');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/absolute-form/);
    expect((await harness.nextRecorded()).events).toBe(1);
  });
});
