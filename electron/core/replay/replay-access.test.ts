import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { captureInto, tempWorkspace, type TempWorkspace } from '../files/files-test-kit.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

// Who may read a replay: only requests addressed to the listener itself (no DNS rebinding), and
// pages on other origins only when the user allowed one with `cors`.

let fixture: FixtureServer;
let temp: TempWorkspace;
let sessionId: number;
const replays: ReplayServer[] = [];
const refusals: string[] = [];

beforeAll(async () => (fixture = await startFixtureServer()));
afterAll(() => fixture.close());
beforeEach(async () => {
  temp = tempWorkspace();
  sessionId = await captureInto(temp.workspace, `${fixture.url}/drip?count=2&interval=0`, {
    reconnect: { maxAttempts: 1 },
  });
});
afterEach(async () => {
  await Promise.all(replays.splice(0).map((server) => server.close()));
  temp.cleanup();
});

async function replay(cors?: string): Promise<ReplayServer> {
  const server = await startReplayServer({
    workspace: temp.workspace,
    sessionId,
    speed: 0,
    ...(cors === undefined ? {} : { cors }),
    log: (message) => refusals.push(message),
  });
  replays.push(server);
  return server;
}

/** One request with any headers, Host included (fetch will not send a forged Host). */
function send(
  server: ReplayServer,
  method: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: '/', method, headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => (body += text));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const corsHeaderNames = (headers: IncomingHttpHeaders) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('replay server: Host check', () => {
  it('answers requests addressed to 127.0.0.1:PORT or localhost:PORT', async () => {
    const server = await replay();
    for (const host of [`127.0.0.1:${server.port}`, `LocalHost:${server.port}`]) {
      const response = await send(server, 'GET', { Host: host });
      expect(response.status).toBe(200);
      expect(response.body).toContain('data: tick 1');
    }
  });

  it('refuses any other Host with 403, as a DNS-rebinding page would send', async () => {
    const server = await replay('*');
    const before = refusals.length;
    for (const host of [
      `evil.example:${server.port}`,
      'evil.example',
      `127.0.0.1:${server.port + 1}`,
      `127.0.0.1`,
    ]) {
      const get = await send(server, 'GET', { Host: host });
      expect(get.status).toBe(403);
      expect(get.body).not.toContain('tick');
      expect(corsHeaderNames(get.headers)).toEqual([]);
      const preflight = await send(server, 'OPTIONS', {
        Host: host,
        Origin: 'http://evil.example',
        'Access-Control-Request-Method': 'GET',
      });
      expect(preflight.status).toBe(403);
    }
    expect(refusals.slice(before)).toHaveLength(8);
    expect(refusals[before]).toBe(
      `replay refused GET: 403 Host header "evil.example:${server.port}"`,
    );
  });
});

describe('replay server: CORS', () => {
  const fromPage = { Origin: 'http://localhost:3000' };

  it('sends no CORS header by default, and fails a preflight', async () => {
    const server = await replay();
    const get = await send(server, 'GET', { Host: `127.0.0.1:${server.port}`, ...fromPage });
    expect(get.status).toBe(200);
    expect(corsHeaderNames(get.headers)).toEqual([]);
    const preflight = await send(server, 'OPTIONS', {
      Host: `127.0.0.1:${server.port}`,
      ...fromPage,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'last-event-id',
    });
    expect(preflight.status).toBe(204);
    expect(corsHeaderNames(preflight.headers)).toEqual([]);
  });

  it('with cors "*", lets any page read it, and answers its preflight', async () => {
    const server = await replay('*');
    const host = { Host: `127.0.0.1:${server.port}` };
    const get = await send(server, 'GET', { ...host, ...fromPage });
    expect(get.headers['access-control-allow-origin']).toBe('*');
    expect(get.headers['access-control-allow-credentials']).toBeUndefined();
    expect(get.headers['access-control-expose-headers']).toBe('X-SSE-Inspector-Replay');
    const preflight = await send(server, 'OPTIONS', {
      ...host,
      ...fromPage,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'last-event-id, x-api-key, content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    const allowed = (preflight.headers['access-control-allow-headers'] ?? '')
      .toLowerCase()
      .split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['last-event-id', 'x-api-key', 'content-type']));
    // The end of the recording (204 to a resuming EventSource) is readable too.
    const done = await send(server, 'GET', { ...host, ...fromPage, 'Last-Event-ID': '2' });
    expect(done.status).toBe(204);
    expect(done.headers['access-control-allow-origin']).toBe('*');
  });

  it('with one origin, allows that origin (with credentials) and varies on Origin', async () => {
    const server = await replay('http://LOCALHOST:3000/');
    expect(server.cors).toBe('http://localhost:3000');
    const get = await send(server, 'GET', { Host: `localhost:${server.port}`, ...fromPage });
    expect(get.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(get.headers['access-control-allow-credentials']).toBe('true');
    expect(get.headers['vary']).toBe('Origin');
  });

  it('refuses to start with an origin that is not one', async () => {
    await expect(
      startReplayServer({ workspace: temp.workspace, sessionId, cors: 'localhost:3000' }),
    ).rejects.toThrow('is not an http(s) origin');
  });
});
