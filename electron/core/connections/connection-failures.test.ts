import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  headerValue,
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { startEarlyHintsServer } from '../../../tests/hostile/hostile-server.ts';
import { createHarness, kinds, testSpec, type Harness } from './connection-test-kit.ts';
import { connectionKinds } from '../../../shared/capture/record-kinds.ts';

let server: FixtureServer;
let h: Harness;

beforeAll(async () => {
  server = await startFixtureServer({ tls: true });
});
afterAll(() => server.close());
afterEach(() => h.manager.closeAll());

function open(url: string, input: Parameters<typeof testSpec>[1] = {}): number {
  h = createHarness();
  return h.manager.open(testSpec(url, { reconnect: { maxAttempts: 3 }, ...input }));
}

/** A port nobody listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('responses that are not an event stream', () => {
  it('stops for good on 204 No Content, without reconnecting', async () => {
    const id = open(`${server.url}/status/204`);
    const status = await h.finished(id);
    expect(status).toMatchObject({ state: 'closed', attempt: 1, status: 204 });
    expect(kinds(h.records(id), connectionKinds)).toEqual([
      'attempt',
      'response',
      'error',
      'closed',
    ]);
    expect(h.of(id, 'error')[0]!.category).toBe('no-content');
    expect(h.of(id, 'closed')[0]!.reason).toBe('no-content');
    expect(h.store.session(id).outcome).toBe('completed');
  });

  it.each([404, 500])('fails the connection on HTTP %i (no reconnect)', async (code) => {
    const id = open(`${server.url}/status/${code}`);
    const status = await h.finished(id);
    expect(status).toMatchObject({ state: 'failed', attempt: 1, status: code });
    expect(status.error).toMatchObject({ category: 'http-status' });
    expect(h.of(id, 'closed')[0]!.reason).toBe('http-status');
    expect(h.of(id, 'event')).toEqual([]);
    expect(h.store.session(id).outcome).toBe('failed');
  });

  it('reads a 500 response anyway in lenient mode, with an engine warning', async () => {
    const id = open(`${server.url}/status/500`, { lenient: true, reconnect: { maxAttempts: 1 } });
    await h.finished(id);
    expect(h.of(id, 'event').map((e) => e.data)).toEqual(['status 500']);
    expect(h.of(id, 'warning')[0]).toMatchObject({ source: 'engine', code: 'status-ignored' });
  });

  it('fails on a wrong or missing Content-Type, and reads on when lenient', async () => {
    for (const path of ['/wrong-content-type', '/no-content-type']) {
      const id = open(`${server.url}${path}`);
      const status = await h.finished(id);
      expect(status.state).toBe('failed');
      expect(h.of(id, 'error')[0]!.category).toBe('content-type');
      expect(h.of(id, 'closed')[0]!.reason).toBe('content-type');
    }
    const id = open(`${server.url}/wrong-content-type`, {
      lenient: true,
      reconnect: { maxAttempts: 1 },
    });
    await h.finished(id);
    expect(h.of(id, 'warning')[0]).toMatchObject({ code: 'content-type-ignored' });
    expect(h.of(id, 'event')).toHaveLength(1);
  });

  it('accepts text/event-stream with parameters and in any case', async () => {
    const type = encodeURIComponent('Text/Event-Stream; charset=utf-8');
    const id = open(`${server.url}/wrong-content-type?type=${type}`, {
      reconnect: { maxAttempts: 1 },
    });
    const status = await h.finished(id);
    expect(status.state).toBe('closed');
    expect(h.of(id, 'event')).toHaveLength(1);
  });
});

describe('informational responses', () => {
  it('reads past a 103 Early Hints to the event stream that follows', async () => {
    const upstream = await startEarlyHintsServer();
    try {
      const id = open(`http://127.0.0.1:${upstream.port}/`, { reconnect: { maxAttempts: 1 } });
      await h.finished(id);
      expect(h.of(id, 'response').map((r) => r.status)).toEqual([200]);
      expect(h.of(id, 'error')).toEqual([]);
      expect(h.of(id, 'event').map((e) => e.data)).toEqual(['hello']);
    } finally {
      await upstream.close();
    }
  });
});

describe('redirects', () => {
  it('follows a chain of redirects and records every hop', async () => {
    const id = open(`${server.url}/redirect-chain?hops=3`, { reconnect: { maxAttempts: 1 } });
    await h.finished(id);
    const hops = h.of(id, 'redirect');
    expect(hops).toHaveLength(3);
    expect(hops.map((r) => r.status)).toEqual([302, 302, 302]);
    expect(hops[0]!.from).toBe(`${server.url}/redirect-chain?hops=3`);
    expect(hops[2]!.to).toBe(`${server.url}/drip?count=2&interval=0`);
    expect(hops[0]!.headers.map(([name]) => name)).toContain('Location');
    expect(h.of(id, 'response')[0]!.url).toBe(hops[2]!.to);
    expect(h.of(id, 'event')).toHaveLength(2);
  });

  it('turns POST into GET on 302 and keeps method and body on 307', async () => {
    const post = { method: 'POST' as const, body: 'hello', reconnect: { maxAttempts: 1 } };
    const to = encodeURIComponent('/echo');
    const a = open(`${server.url}/redirect-chain?hops=1&code=302&to=${to}`, post);
    await h.finished(a);
    expect(h.of(a, 'event').map((e) => e.data)[0]).toBe('GET');
    const b = open(`${server.url}/redirect-chain?hops=1&code=307&to=${to}`, post);
    await h.finished(b);
    expect(h.of(b, 'event').map((e) => e.data)).toEqual(
      expect.arrayContaining(['POST', '"hello"']),
    );
  });

  it('gives up on a redirect loop after 20 redirects, without reconnecting', async () => {
    const id = open(`${server.url}/redirect-loop`);
    const status = await h.finished(id);
    expect(status.state).toBe('failed');
    expect(status.attempt).toBe(1);
    expect(h.of(id, 'redirect')).toHaveLength(20);
    expect(status.error).toMatchObject({ category: 'redirect' });
  });
});

describe('network failures', () => {
  it("reports a refused connection as 'refused' and retries up to the attempt limit", async () => {
    const id = open(`http://127.0.0.1:${await closedPort()}/`, { reconnect: { maxAttempts: 2 } });
    const status = await h.finished(id);
    expect(status).toMatchObject({ state: 'failed', attempt: 2 });
    expect(h.of(id, 'error').map((e) => e.category)).toEqual(['refused', 'refused']);
    expect(h.of(id, 'reconnect')).toHaveLength(1);
    expect(h.of(id, 'warning').at(-1)!.code).toBe('reconnect-limit');
    expect(h.store.session(id).outcome).toBe('failed');
  });

  it("reports an unresolvable host as 'dns'", async () => {
    const id = open('http://sse-inspector-test.invalid/', { reconnect: { maxAttempts: 1 } });
    await h.finished(id);
    expect(h.of(id, 'error')[0]!.category).toBe('dns');
  });

  it("times out a server that never answers, and one that never sends a byte ('timeout')", async () => {
    for (const path of ['/no-headers', '/silent']) {
      const id = open(`${server.url}${path}`, {
        idleTimeoutMs: 150,
        reconnect: { maxAttempts: 1 },
      });
      const status = await h.finished(id);
      expect(status.error?.category).toBe('timeout');
      expect(h.of(id, 'closed')[0]!.reason).toBe('idle-timeout');
    }
  });

  it("reports a connection reset mid-chunk as 'reset' and keeps what arrived", async () => {
    const id = open(`${server.url}/reset-mid-chunk`, { reconnect: { maxAttempts: 1 } });
    await h.finished(id);
    expect(h.of(id, 'event').map((e) => e.data)).toEqual(['one']);
    expect(h.of(id, 'error')[0]!.category).toBe('reset');
    expect(h.of(id, 'closed')[0]).toMatchObject({ reason: 'network-error', incomplete: true });
  });
});

describe('TLS and HTTP/2', () => {
  it("fails on a self-signed certificate with 'tls', and succeeds when told to accept it", async () => {
    const url = `${server.httpsUrl}/drip?count=1`;
    const bad = open(url, { reconnect: { maxAttempts: 1 } });
    await h.finished(bad);
    expect(h.of(bad, 'error')[0]!.category).toBe('tls');
    const insecure = open(url, { tls: { insecure: true }, reconnect: { maxAttempts: 1 } });
    await h.finished(insecure);
    expect(h.of(insecure, 'event')).toHaveLength(1);
    const trusted = open(url, { tls: { caPem: server.certPem! }, reconnect: { maxAttempts: 1 } });
    await h.finished(trusted);
    expect(h.of(trusted, 'event')).toHaveLength(1);
  });

  it('speaks HTTP/2 when the server offers it, and records the version', async () => {
    const id = open(`${server.h2Url}/drip?count=2`, {
      tls: { caPem: server.certPem! },
      reconnect: { maxAttempts: 1 },
    });
    await h.finished(id);
    expect(h.of(id, 'response')[0]).toMatchObject({ status: 200, httpVersion: '2.0' });
    expect(h.of(id, 'response')[0]!.headers).toContainEqual(['content-type', 'text/event-stream']);
    expect(h.of(id, 'event')).toHaveLength(2);
    const seen = server.requests().filter((r) => r.httpVersion === '2.0');
    expect(headerValue(seen.at(-1)!, 'accept')).toBe('text/event-stream');
  });
});
