import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  headerValue,
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { createHarness, testSpec, type Harness } from './connection-test-kit.ts';

// A stand-in forward proxy: answers every plain-HTTP request itself and remembers the request
// target, which for a proxied plain-HTTP request is the absolute URL (RFC 9112 §3.2.2), and its
// headers; a CONNECT (HTTPS through the proxy) is tunnelled to the fixture server for real.
let proxy: Server;
let proxyUrl: string;
const targets: string[] = [];
const proxyHeaders: IncomingHttpHeaders[] = [];
const tunnels = new Set<Socket>();
let fixture: FixtureServer;
let h: Harness;

beforeAll(async () => {
  fixture = await startFixtureServer({ tls: true });
  proxy = createServer((req, res) => {
    targets.push(req.url ?? '');
    proxyHeaders.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.end('data: via proxy\n\n');
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    targets.push(`CONNECT ${req.url ?? ''}`);
    proxyHeaders.push(req.headers);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnels.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => tunnels.delete(socket));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of tunnels) socket.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await fixture.close();
});
afterEach(async () => {
  targets.length = 0;
  proxyHeaders.length = 0;
  fixture.clearRequests();
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

describe('Proxy-Authorization', () => {
  const credentials: [string, string] = ['Proxy-Authorization', 'Basic cHJveHk6cHctMQ=='];

  it('goes to the proxy with a proxied plain-HTTP request, and is not shown as sent on', async () => {
    h = createHarness();
    const id = h.manager.open(
      testSpec(target, {
        headers: [credentials],
        proxy: { mode: 'url', url: proxyUrl },
        reconnect: { maxAttempts: 1 },
      }),
    );
    await h.finished(id);
    expect(proxyHeaders[0]?.['proxy-authorization']).toBe(credentials[1]);
    const [attempt] = h.of(id, 'attempt');
    expect(attempt!.request.headers.map(([name]) => name)).not.toContain('Proxy-Authorization');
  });

  it('goes to the proxy in its CONNECT only: the origin behind the tunnel never sees it', async () => {
    h = createHarness();
    const id = h.manager.open(
      testSpec(`${fixture.httpsUrl!}/echo`, {
        headers: [credentials, ['X-Trace', '1']],
        tls: { insecure: false, caPem: fixture.certPem! },
        proxy: { mode: 'url', url: proxyUrl },
        reconnect: { maxAttempts: 1 },
      }),
    );
    await h.finished(id);
    expect(targets).toEqual([`CONNECT ${new URL(fixture.httpsUrl!).host}`]);
    expect(proxyHeaders[0]?.['proxy-authorization']).toBe(credentials[1]);
    const [atOrigin] = fixture.requests();
    expect(headerValue(atOrigin!, 'x-trace')).toBe('1');
    expect(headerValue(atOrigin!, 'proxy-authorization')).toBeUndefined();
  });

  it('goes to the proxy from the environment, and nowhere when NO_PROXY skips it', async () => {
    process.env['http_proxy'] = proxyUrl;
    h = createHarness();
    const env = {
      headers: [credentials],
      proxy: { mode: 'env' as const },
      reconnect: { maxAttempts: 1 },
    };
    await h.finished(h.manager.open(testSpec(target, env)));
    expect(proxyHeaders[0]?.['proxy-authorization']).toBe(credentials[1]);
    process.env['no_proxy'] = '127.0.0.1';
    const direct = h.manager.open(testSpec(`${fixture.url}/echo`, env));
    await h.finished(direct);
    expect(h.of(direct, 'event').length).toBeGreaterThan(0);
    expect(headerValue(fixture.requests()[0]!, 'proxy-authorization')).toBeUndefined();
  });

  it('goes nowhere without a proxy, with a warning', async () => {
    h = createHarness();
    const id = h.manager.open(
      testSpec(`${fixture.url}/echo`, { headers: [credentials], reconnect: { maxAttempts: 1 } }),
    );
    await h.finished(id);
    expect(headerValue(fixture.requests()[0]!, 'proxy-authorization')).toBeUndefined();
    expect(h.of(id, 'warning').map((warning) => warning.code)).toContain(
      'proxy-authorization-unused',
    );
  });
});
