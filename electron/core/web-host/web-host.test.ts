import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { InspectorCore } from '../inspector-core.ts';
import { startWebHost, type WebHost } from './web-host.ts';

let rendererDir: string;
let host: WebHost;
const refusals: string[] = [];

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'sse-web-host-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>SSE Inspector</title>');
  writeFileSync(join(tmpdir(), 'outside-renderer.txt'), 'secret');
  const core = new InspectorCore({ host: 'web', version: '9.9.9', workspacePath: '' });
  host = await startWebHost({ core, rendererDir, log: (m) => refusals.push(m) });
});

afterAll(async () => {
  await host.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function openSocket(headers: Record<string, string> = {}, token = host.token): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, { headers });
}

/** A GET with any Host header (fetch will not send a forged one). */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

function call(ws: WebSocket, method: string, args: unknown[] = []): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id: number };
      if (message.id === id) resolve(message);
    });
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[\\w-]{32}$`),
    );
  });

  it('serves the renderer with the token and sets a cookie for its assets', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await fetch(`http://127.0.0.1:${host.port}/index.html`, {
      headers: { cookie: cookie.split(';')[0] as string },
    });
    expect(withCookie.status).toBe(200);
  });

  it("names the cookie after its port, so other local servers' cookies never stand in", async () => {
    const cookie = (await fetch(host.url)).headers.get('set-cookie') ?? '';
    expect(cookie.startsWith(`sse-inspector-${host.port}=${host.token};`)).toBe(true);
    const otherPort = `sse-inspector-${host.port + 1}=${host.token}`;
    const refused = await fetch(`http://127.0.0.1:${host.port}/index.html`, {
      headers: { cookie: `${otherPort}; sse_inspector_token=${host.token}` },
    });
    expect(refused.status).toBe(401);
  });

  it('forbids framing on every response, refusals and 404s included', async () => {
    const base = `http://127.0.0.1:${host.port}`;
    const fetched = await Promise.all([
      fetch(host.url),
      fetch(`${base}/`),
      fetch(`${base}/no-such-file.js?token=${host.token}`),
      fetch(`${base}/downloads/unknown?token=${host.token}`),
      fetch(`${base}/?token=${host.token}`, { method: 'POST' }),
    ]);
    const rebound = await rawGet(`/?token=${host.token}`, { Host: 'evil.example' });
    const responses = [
      ...fetched.map((r) => ({ status: r.status, headers: Object.fromEntries(r.headers) })),
      rebound,
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 404, 405, 403]);
    for (const response of responses) {
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('never logs the token, not even in a refused request that carried it', async () => {
    const base = `http://127.0.0.1:${host.port}`;
    const before = refusals.length;
    await rawGet(`/?token=${host.token}`, { Host: 'evil.example' });
    await fetch(`${base}/?token=${host.token}x`);
    const ws = openSocket({ Origin: 'http://evil.example' });
    await new Promise((resolve) => ws.on('unexpected-response', resolve));
    const lines = refusals.slice(before);
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain(host.token);
    expect(lines.join('\n')).not.toContain('token=');
    expect(lines[0]).toBe('web host refused GET /: 403 Host header "evil.example" is not allowed');
  });

  it('accepts the cookie on the WebSocket, as a reloaded page without the token sends it', async () => {
    const cookie = `sse-inspector-${host.port}=${host.token}`;
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { cookie } });
    await new Promise((resolve) => ws.once('open', resolve));
    const result = (await call(ws, 'getAppInfo')) as { ok: boolean };
    expect(result.ok).toBe(true);
    ws.close();
  });

  it('refuses requests without the token with 401 and logs them', async () => {
    const response = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(response.status).toBe(401);
    expect(refusals.some((line) => line.includes('401'))).toBe(true);
  });

  it('refuses a wrong token', async () => {
    const response = await fetch(`http://127.0.0.1:${host.port}/?token=nope`);
    expect(response.status).toBe(401);
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${host.url.replace('/?', '/..%2Foutside-renderer.txt?')}`);
    expect(response.status).toBe(404);
  });

  it('answers API calls over the WebSocket', async () => {
    const ws = openSocket();
    await new Promise((resolve) => ws.once('open', resolve));
    const result = (await call(ws, 'getAppInfo')) as { ok: boolean; value: { version: string } };
    expect(result.ok).toBe(true);
    expect(result.value.version).toBe('9.9.9');
    ws.close();
  });

  it('rejects unknown methods and invalid arguments with a clear error', async () => {
    const ws = openSocket();
    await new Promise((resolve) => ws.once('open', resolve));
    const unknown = (await call(ws, 'deleteEverything')) as { error: { code: string } };
    expect(unknown.error.code).toBe('unknown-method');
    const invalid = (await call(ws, 'getAppInfo', [42])) as { error: { code: string } };
    expect(invalid.error.code).toBe('invalid-arguments');
    ws.close();
  });

  it('refuses a replay whose CORS origin is not one, before anything starts', async () => {
    const ws = openSocket();
    await new Promise((resolve) => ws.once('open', resolve));
    const refused = (await call(ws, 'startReplay', [1, 1, false, 'localhost:3000'])) as {
      error: { code: string; message: string };
    };
    expect(refused.error.code).toBe('invalid-arguments');
    expect(refused.error.message).toContain('is not an http(s) origin');
    ws.close();
  });

  it('refuses a WebSocket from a foreign origin (DNS rebinding, cross-site pages)', async () => {
    const ws = openSocket({ Origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(403);
  });

  it('refuses a WebSocket without the token', async () => {
    const ws = openSocket({}, 'wrong');
    const status = await new Promise<number>((resolve) =>
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });
});
