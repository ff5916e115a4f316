import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, testSpec, type Harness } from './connection-test-kit.ts';

// A stand-in forward proxy: answers every request itself and remembers the request target, which
// for a proxied plain-HTTP request is the absolute URL (RFC 9112 §3.2.2).
let proxy: Server;
let proxyUrl: string;
const targets: string[] = [];
let h: Harness;

beforeAll(async () => {
  proxy = createServer((req, res) => {
    targets.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.end('data: via proxy\n\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
afterEach(async () => {
  targets.length = 0;
  delete process.env['http_proxy'];
  delete process.env['no_proxy'];
  await h.manager.closeAll();
});

const target = 'http://sse-target.invalid/stream';

describe('proxies', () => {
  it('sends the request through an explicit proxy URL', async () => {
    h = createHarness();
    const id = h.manager.open(
      testSpec(target, { proxy: { mode: 'url', url: proxyUrl }, reconnect: { maxAttempts: 1 } }),
    );
    await h.finished(id);
    expect(targets).toEqual([target]);
    expect(h.of(id, 'event').map((e) => e.data)).toEqual(['via proxy']);
  });

  it('uses the proxy from the environment, and honours NO_PROXY', async () => {
    process.env['http_proxy'] = proxyUrl;
    h = createHarness();
    const viaEnv = h.manager.open(
      testSpec(target, { proxy: { mode: 'env' }, reconnect: { maxAttempts: 1 } }),
    );
    await h.finished(viaEnv);
    expect(targets).toEqual([target]);
    process.env['no_proxy'] = 'sse-target.invalid';
    const bypassed = h.manager.open(
      testSpec(target, { proxy: { mode: 'env' }, reconnect: { maxAttempts: 1 } }),
    );
    await h.finished(bypassed);
    expect(targets).toHaveLength(1);
    expect(h.of(bypassed, 'error')[0]!.category).toBe('dns');
  });

  it('ignores the environment when the proxy mode is none', async () => {
    process.env['http_proxy'] = proxyUrl;
    h = createHarness();
    const id = h.manager.open(testSpec(target, { reconnect: { maxAttempts: 1 } }));
    await h.finished(id);
    expect(targets).toEqual([]);
    expect(h.of(id, 'error')[0]!.category).toBe('dns');
  });
});
