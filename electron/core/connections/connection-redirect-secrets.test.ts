import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
  type RecordedRequest,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { createHarness, testSpec, type Harness } from './connection-test-kit.ts';

// Two fixture servers are two origins (another port is another origin); the first also serves
// HTTPS on a third port, for the https → http downgrade.
let first: FixtureServer;
let other: FixtureServer;
let h: Harness;

beforeAll(async () => {
  first = await startFixtureServer({ tls: true });
  other = await startFixtureServer();
});
afterAll(async () => {
  await first.close();
  await other.close();
});
beforeEach(() => {
  first.clearRequests();
  other.clearRequests();
  h = createHarness();
});
afterEach(() => h.manager.closeAll());

/** Every secret-class header a user might send, and one that is not a secret. */
const sent: Array<[string, string]> = [
  ['Authorization', 'Bearer sk-redirect-1'],
  ['X-API-Key', 'key-redirect-2'],
  ['Cookie', 'sid=cookie-redirect-3'],
  ['X-Upstream-Token', 'token-redirect-4'],
  ['anthropic-api-key', 'anthropic-redirect-5'],
  ['x-goog-api-key', 'goog-redirect-6'],
  ['api-key', 'azure-redirect-7'],
  ['X-Client-Secret', 'secret-redirect-8'],
  ['X-Trace', 'trace-1'],
];
const secretNames = sent.slice(0, -1).map(([name]) => name);

function namesReceived(request: RecordedRequest | undefined): string[] {
  return (request?.headers ?? []).map(([name]) => name.toLowerCase());
}

/** Warnings about a redirect (the attempt limit adds its own at the end). */
function redirectWarnings(id: number) {
  return h
    .of(id, 'warning')
    .filter((w) => w.code === 'insecure-redirect' || w.code === 'redirect-secrets-dropped');
}

function redirectTo(from: string, target: string, code = 307): string {
  return `${from}/redirect-chain?hops=1&code=${code}&to=${encodeURIComponent(target)}`;
}

describe('secrets on redirects', () => {
  it('keeps every header on a redirect within the origin', async () => {
    const id = h.manager.open(
      testSpec(redirectTo(first.url, '/echo'), { headers: sent, reconnect: { maxAttempts: 1 } }),
    );
    await h.finished(id);
    const [, target] = first.requests();
    expect(target?.url).toBe('/echo');
    for (const [name] of sent) expect(namesReceived(target)).toContain(name.toLowerCase());
    expect(redirectWarnings(id)).toEqual([]);
  });

  it('sends no secret-class header to another origin, and says which were held back', async () => {
    const id = h.manager.open(
      testSpec(redirectTo(first.url, `${other.url}/echo`), {
        headers: sent,
        reconnect: { maxAttempts: 1 },
      }),
    );
    await h.finished(id);
    const [origin] = first.requests();
    for (const [name] of sent) expect(namesReceived(origin)).toContain(name.toLowerCase());
    const [target] = other.requests();
    expect(target?.url).toBe('/echo');
    for (const name of secretNames) expect(namesReceived(target)).not.toContain(name.toLowerCase());
    expect(namesReceived(target)).toContain('x-trace');
    const [warning] = redirectWarnings(id);
    expect(warning).toMatchObject({ source: 'engine', code: 'redirect-secrets-dropped' });
    expect(warning!.message).toContain(`not sent: ${secretNames.join(', ')}`);
  });

  it('sends none of them after an https → http downgrade, with a warning', async () => {
    const id = h.manager.open(
      testSpec(redirectTo(first.httpsUrl!, `${first.url}/echo`, 302), {
        headers: sent,
        tls: { insecure: false, caPem: first.certPem! },
        reconnect: { maxAttempts: 1 },
      }),
    );
    await h.finished(id);
    const [overTls, downgraded] = first.requests();
    expect(namesReceived(overTls)).toContain('authorization');
    expect(downgraded?.url).toBe('/echo');
    for (const name of secretNames) {
      expect(namesReceived(downgraded)).not.toContain(name.toLowerCase());
    }
    const [warning] = redirectWarnings(id);
    expect(warning).toMatchObject({ source: 'engine', code: 'insecure-redirect' });
    expect(warning!.message).toMatch(/^redirected from https to http \(http:\/\/127\.0\.0\.1:/);
    // The capture continues: the downgrade is reported, not refused (as a browser would).
    expect(h.of(id, 'event').map((event) => event.type)).toContain('headers');
  });

  it('keeps the real values for every reconnect while records show markers', async () => {
    const id = h.manager.open(
      testSpec(`${first.url}/echo`, { headers: sent, reconnect: { maxAttempts: 2 } }),
    );
    await h.finished(id);
    const requests = first.requests();
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.headers).toEqual(expect.arrayContaining([['X-API-Key', 'key-redirect-2']]));
    }
    const attempts = h.of(id, 'attempt');
    expect(attempts).toHaveLength(2);
    expect(JSON.stringify(attempts)).not.toMatch(/redirect-\d/);
  });
});
