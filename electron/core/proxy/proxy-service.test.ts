import { mkdtempSync, rmSync } from 'node:fs';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { ProxyState } from '../../../shared/capture/proxy-settings.ts';
import { entriesOfColumns } from '../../../shared/capture/timeline-columns.ts';
import type { PushPayloads } from '../../../shared/ipc/api.ts';
import type { PushName } from '../../../shared/ipc/channels.ts';
import type { CoreApi } from '../api/api-dispatcher.ts';
import { InspectorCore } from '../inspector-core.ts';
import { gate, startOrigin, until, type Origin } from './proxy-test-kit.ts';

let dir: string;
let core: InspectorCore;
let api: CoreApi;
let origin: Origin | null = null;
const statuses = new Map<number, ConnectionStatus>();
const events: Array<{ id: number; data: string }> = [];
const states: ProxyState[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'proxy-service-'));
  core = new InspectorCore({
    host: 'web',
    version: '1.0.0',
    workspacePath: ':memory:',
    proxyCaDir: join(dir, 'ca'),
  });
  const client = core.attachClient(<P extends PushName>(name: P, payload: PushPayloads[P]) => {
    if (name === 'proxyState') states.push(payload as ProxyState);
    if (name !== 'frames') return;
    const batch = payload as PushPayloads['frames'];
    for (const status of batch.statuses) statuses.set(status.id, status);
    for (const entry of batch.rows.flatMap(entriesOfColumns)) {
      if (entry.record.kind === 'event') {
        events.push({ id: entry.connectionId, data: entry.record.data });
      }
    }
  });
  api = core.apiFor(client);
  await api.rendererReady();
});

afterEach(async () => {
  await core.close();
  await origin?.close();
  origin = null;
  statuses.clear();
  events.length = 0;
  states.length = 0;
  rmSync(dir, { recursive: true, force: true });
});

const settings = (target: string | null) => ({
  port: 0,
  target,
  insecure: false,
  recordAll: false,
});

/** An origin that sends one event, then waits for the test to open `more` for the second. */
async function twoEventOrigin(): Promise<{ more: () => void }> {
  const more = gate();
  origin = await startOrigin((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('id: 1\ndata: first\n\n');
    void more.promise.then(() => res.end('id: 2\ndata: second\n\n'));
  });
  return { more: () => more.open() };
}

/** A call's failure, whether the core method throws or rejects (the dispatcher replies alike). */
async function failure(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

/** A client of the proxy reading a stream; `received` grows as bytes arrive. */
function proxiedClient(url: string): {
  req: ClientRequest;
  received: () => string;
  ended: Promise<'end' | 'reset'>;
} {
  let text = '';
  let settle!: (how: 'end' | 'reset') => void;
  const ended = new Promise<'end' | 'reset'>((resolve) => (settle = resolve));
  const req = request(url, (res: IncomingMessage) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => settle('end'));
    res.on('error', () => settle('reset'));
    res.on('aborted', () => settle('reset'));
  });
  req.on('error', () => settle('reset'));
  req.end();
  return { req, received: () => text, ended };
}

describe('the app’s capture proxy', () => {
  it('lists each proxied stream as a connection that fills live, marked as proxied', async () => {
    const { more } = await twoEventOrigin();
    const state = await api.startProxy(settings(origin!.url));
    expect(state).toMatchObject({ running: true, mode: 'reverse', target: origin!.url });
    if (!state.running) throw new Error('not running');

    const client = proxiedClient(`${state.url}/stream?api_key=sk-secret`);
    await until(() => events.some((event) => event.data === 'first'));
    const [id] = [...statuses.keys()];
    const live = (await api.listConnections()).find((status) => status.id === id);
    expect(live).toMatchObject({
      proxied: true,
      state: 'open',
      method: 'GET',
      status: 200,
      contentType: 'text/event-stream',
      lastEventId: '1',
    });
    // The key stays with the client and the origin.
    expect(live?.url).toBe(`${origin!.url}/stream?api_key=[REDACTED]`);
    expect(states.at(-1)).toMatchObject({ streams: 1, openStreams: 1 });

    more();
    expect(await client.ended).toBe('end');
    expect(client.received()).toBe('id: 1\ndata: first\n\nid: 2\ndata: second\n\n');
    await until(() => statuses.get(id!)?.state === 'closed');
    expect(statuses.get(id!)).toMatchObject({ outcome: 'completed', events: 2 });
    expect(events.map((event) => event.data)).toEqual(['first', 'second']);
    expect(states.at(-1)).toMatchObject({ streams: 1, openStreams: 0 });
    expect((await api.listSessions('', 10))[0]).toMatchObject({ id, origin: 'proxy', events: 2 });
  });

  it('drops the client’s connection on Drop, and refuses the controls of an engine connection', async () => {
    await twoEventOrigin();
    const state = await api.startProxy(settings(origin!.url));
    if (!state.running) throw new Error('not running');
    const client = proxiedClient(`${state.url}/stream`);
    await until(() => events.length === 1);
    const id = events[0]!.id;

    for (const call of [
      () => api.disconnect(id),
      () => api.reconnectNow(id),
      () => api.setAutoReconnect(id, false),
      () => api.setNextLastEventId(id, '7'),
    ]) {
      expect(await failure(call)).toMatchObject({ code: 'unsupported' });
    }
    await api.dropConnection(id);
    expect(await client.ended).toBe('reset');
    await until(() => statuses.get(id)?.state === 'closed');
    expect(statuses.get(id)?.outcome).toBe('closed');
    const timeline = await api.readTimeline(id, null, 100);
    expect(timeline.map((entry) => entry.record)).toContainEqual(
      expect.objectContaining({ kind: 'control', action: 'drop-client' }),
    );
    expect(await failure(() => api.dropConnection(id))).toMatchObject({ code: 'not-found' });
  });

  it('takes a stream off the list without disturbing the client', async () => {
    const { more } = await twoEventOrigin();
    const state = await api.startProxy(settings(origin!.url));
    if (!state.running) throw new Error('not running');
    const client = proxiedClient(`${state.url}/stream`);
    await until(() => events.length === 1);
    const id = events[0]!.id;
    await api.removeConnection(id);
    expect((await api.listConnections()).map((status) => status.id)).not.toContain(id);
    // Off the list, still open: the panel still counts it.
    expect(await api.getProxyState()).toMatchObject({ streams: 1, openStreams: 1 });
    const seen = events.length;
    more();
    expect(await client.ended).toBe('end');
    expect(client.received()).toContain('data: second');
    await until(() => {
      const last = states.at(-1);
      return last?.running === true && last.openStreams === 0;
    });
    // Its later records went to the workspace only, not to the views.
    expect(events).toHaveLength(seen);
    expect(await failure(() => api.dropConnection(id))).toMatchObject({ code: 'not-found' });
  });

  it('says why it cannot start, and runs one proxy at a time', async () => {
    await expect(api.startProxy(settings('ftp://example.com'))).rejects.toMatchObject({
      code: 'proxy-start',
      message:
        'The capture proxy cannot start: The target URL must be an http or https URL, not "ftp://example.com".',
    });
    const forward = await api.startProxy(settings(null));
    expect(forward).toMatchObject({
      running: true,
      mode: 'forward',
      caPath: join(dir, 'ca', 'ca.pem'),
    });
    if (!forward.running) throw new Error('not running');
    await expect(api.startProxy(settings(null))).rejects.toMatchObject({ code: 'busy' });
    const port = Number(new URL(forward.url).port);
    await api.stopProxy();
    expect(await api.getProxyState()).toEqual({ running: false });
    expect(states.at(-1)).toEqual({ running: false });

    const other = await api.startProxy(settings(null));
    if (!other.running) throw new Error('not running');
    await expect(
      api.startProxy({ ...settings(null), port: Number(new URL(other.url).port) }),
    ).rejects.toMatchObject({ code: 'busy' });
    await api.stopProxy();
    // The port it had is free again once stopped.
    expect(await api.startProxy({ ...settings(null), port })).toMatchObject({ running: true });
  });
});
