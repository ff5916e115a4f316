import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { FrameBatch, TimelineEntry } from '../../../shared/capture/live-frames.ts';
import { entriesOfColumns } from '../../../shared/capture/timeline-columns.ts';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import type { ServerMessage } from '../../../shared/ipc/web-messages.ts';
import { InspectorCore } from '../inspector-core.ts';
import { startWebHost, type WebHost } from './web-host.ts';

// A tab that stops reading while a stream floods in: the web host must hold at most its cap
// for it, and the tab, reading again, must be able to rebuild every row from the workspace.

const eventCount = 10_000;
const eventData = 'x'.repeat(1200);
/** Far below what the kernel buffers on loopback, so the host's own buffer is what fills. */
const maxBufferedBytes = 256 * 1024;

let dir: string;
let core: InspectorCore;
let host: WebHost;
let source: Server;
let sourceUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sse-web-host-pressure-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SSE Inspector</title>');
  core = new InspectorCore({
    host: 'web',
    version: '0.0.0',
    workspacePath: join(dir, 'workspace.db'),
  });
  host = await startWebHost({ core, rendererDir: dir, maxBufferedBytes, log: () => {} });
  // 12 MB of events, several times what the kernel buffers on loopback (4 MB send buffer at
  // most, and a receive window that does not grow while the tab is not reading), then the end.
  source = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    let sent = 0;
    const write = (): void => {
      while (sent < eventCount) {
        let batch = '';
        for (const end = Math.min(eventCount, sent + 200); sent < end; sent++) {
          batch += `id: ${sent}\ndata: ${eventData}\n\n`;
        }
        if (!res.write(batch)) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  });
  await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
  sourceUrl = `http://127.0.0.1:${(source.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await host.close();
  await core.close();
  await new Promise((resolve) => source.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** A tab's end of the API socket: every message it has read, and calls by id. */
class Tab {
  readonly ws: WebSocket;
  readonly pushes: Array<{ name: string; payload: unknown }> = [];
  #nextId = 1;
  readonly #results = new Map<number, (message: ServerMessage) => void>();
  readonly #waiters: Array<() => void> = [];

  constructor() {
    this.ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    this.ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'push') this.pushes.push(message);
      else this.#results.get(message.id)?.(message);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  async call<T>(method: string, args: unknown[] = []): Promise<T> {
    const id = this.#nextId++;
    const answer = new Promise<ServerMessage>((resolve) => this.#results.set(id, resolve));
    this.ws.send(JSON.stringify({ type: 'call', id, method, args }));
    const message = await answer;
    if (message.type !== 'result' || !message.ok) throw new Error(JSON.stringify(message));
    return message.value as T;
  }

  /** Resolves once a push named `name` has been read. */
  async pushed(name: string): Promise<void> {
    while (!this.pushes.some((push) => push.name === name)) {
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
  }
}

/** Resolves when the connection has finished, told by a second (reading) client. */
function finished(): Promise<ConnectionStatus> {
  return new Promise((resolve) => {
    const observer = core.attachClient((name, payload) => {
      if (name !== 'frames') return;
      for (const status of (payload as FrameBatch).statuses) {
        if (status.state === 'closed' || status.state === 'failed') {
          core.detachClient(observer);
          resolve(status);
        }
      }
    });
    observer.rendererReady();
  });
}

describe('web host under a tab that does not read', () => {
  it('holds at most its cap, then resyncs the tab, which rebuilds every row', async () => {
    const tab = new Tab();
    await new Promise((resolve) => tab.ws.once('open', resolve));
    await tab.call('rendererReady');
    // The tab stops reading its socket: what the host sends piles up in its buffer.
    tab.ws.pause();
    const done = finished();
    core.connect(
      parseRequestSpec({ url: sourceUrl, proxy: { mode: 'none' }, reconnect: { maxAttempts: 1 } }),
    );
    const status = await done;
    expect(status.events).toBe(eventCount);

    const [stats] = host.clientStats();
    expect(stats?.behind).toBe(true);
    expect(stats?.droppedPushes).toBeGreaterThan(0);
    expect(stats!.peakBufferedBytes).toBeLessThanOrEqual(
      maxBufferedBytes + stats!.largestMessageBytes,
    );

    // Reading again: the frames sent before the cap, then one resync.
    tab.ws.resume();
    await tab.pushed('resync');
    expect(host.clientStats()[0]).toMatchObject({ behind: false, resyncs: 1 });
    const rows = new Map<number, TimelineEntry>();
    for (const push of tab.pushes) {
      if (push.name !== 'frames') continue;
      for (const block of (push.payload as FrameBatch).rows) {
        for (const entry of entriesOfColumns(block)) rows.set(entry.seq, entry);
      }
    }
    const liveRows = rows.size;
    expect(liveRows).toBeLessThan(eventCount);

    // The backfill a tab does after a resync: everything after the last row it has.
    let after = Math.max(...rows.keys());
    for (;;) {
      const page = await tab.call<TimelineEntry[]>('readTimeline', [status.id, after, 10_000]);
      for (const entry of page) rows.set(entry.seq, entry);
      if (page.length < 10_000) break;
      after = page.at(-1)!.seq;
    }
    const seqs = [...rows.keys()].sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    const events = [...rows.values()].filter((entry) => entry.record.kind === 'event');
    expect(events).toHaveLength(eventCount);
    tab.ws.close();
  });
});
