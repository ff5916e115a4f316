import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InspectorCore } from '../../electron/core/inspector-core.ts';
import { startWebHost, type WebHost } from '../../electron/core/web-host/web-host.ts';
import { createWebSocketApi } from '../../renderer/src/api/web-socket-api.ts';
import type { AppNotice, InspectorApi } from '../../shared/ipc/api.ts';
import { failureOf } from './failure-of.ts';

// The renderer's WebSocket client against the real web host and core, over 127.0.0.1.
let rendererDir: string;
let core: InspectorCore;
let host: WebHost;
let api: InspectorApi;
const logged: string[] = [];

/**
 * Node has no Web Worker: this one runs the worker's script (socket-worker.ts) in this thread,
 * with messages structured-cloned and delivered asynchronously both ways, as a worker's are.
 */
class InProcessWorker extends EventTarget {
  private readonly ready: Promise<(data: unknown) => void>;

  constructor(url: URL) {
    super();
    const scope = globalThis as unknown as {
      onmessage: ((event: { data: unknown }) => void) | null;
      postMessage: (message: unknown) => void;
    };
    scope.postMessage = (message) =>
      setTimeout(() =>
        this.dispatchEvent(new MessageEvent('message', { data: structuredClone(message) })),
      );
    this.ready = import(url.href).then(() => (data: unknown) => scope.onmessage?.({ data }));
  }

  postMessage(message: unknown): void {
    const data = structuredClone(message);
    void this.ready.then((deliver) => setTimeout(() => deliver(data)));
  }

  terminate(): void {}
}

beforeAll(async () => {
  vi.stubGlobal('Worker', InProcessWorker);
  rendererDir = mkdtempSync(join(tmpdir(), 'sse-ws-api-'));
  core = new InspectorCore({ host: 'web', version: '2.0.0', workspacePath: ':memory:' });
  host = await startWebHost({ core, rendererDir, log: (line) => logged.push(line) });
  api = createWebSocketApi(new URL(host.url));
});

afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('the web socket API client', () => {
  it('resolves a call with the method result', async () => {
    await expect(api.getAppInfo()).resolves.toMatchObject({ host: 'web', version: '2.0.0' });
    await expect(api.listConnections()).resolves.toEqual([]);
  });

  it('delivers pushes to the on… subscription once the renderer is ready', async () => {
    let unsubscribe = (): void => {};
    const received = new Promise<AppNotice>((resolve) => {
      unsubscribe = api.onNotice(resolve);
    });
    await api.rendererReady();
    core.broadcast('notice', { level: 'info', message: 'hello' });
    await expect(received).resolves.toEqual({ level: 'info', message: 'hello' });
    unsubscribe();
  });

  it('rejects with a user error carrying its code and message', async () => {
    const error = await failureOf(api.disconnect(4242));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('No connection with id 4242.');
  });

  it('rejects malformed arguments with the schema message', async () => {
    const error = await failureOf(api.setNextLastEventId(1, 'a\nb'));
    expect(error.code).toBe('invalid-arguments');
    expect(error.message).toContain('A Last-Event-ID may not contain CR, LF or NUL.');
  });

  it('rejects a bug as "internal" with an id that leads to its stack in the log', async () => {
    const spy = vi.spyOn(core, 'listConnections').mockImplementation(() => {
      throw new RangeError('index out of range');
    });
    const error = await failureOf(api.listConnections());
    spy.mockRestore();
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('out of range');
    const id = /\(id ([0-9a-f]+)\)/.exec(error.message)?.[1];
    expect(id).toBeDefined();
    const entry = logged.find((line) => line.includes(`Internal error ${id}`));
    expect(entry).toContain('RangeError: index out of range');
  });

  it('fails calls with "disconnected" once the web host is gone', async () => {
    const other = await startWebHost({ core, rendererDir, log: () => {} });
    const client = createWebSocketApi(new URL(other.url));
    await client.getAppInfo();
    await other.close();
    const error = await failureOf(client.getAppInfo());
    expect(error.code).toBe('disconnected');
    expect(error.message).toMatch(/web host closed/);
  });
});
