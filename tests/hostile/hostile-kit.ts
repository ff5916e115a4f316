// The real pipeline for the hostile-server tests: InspectorCore (ConnectionManager + SessionRecorder
// on a temporary workspace file + FrameBatcher) with one ready client that counts what the UI
// would receive, plus memory and event-loop probes. Not a test file itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'vitest';
import type { ConnectionStatus } from '../../shared/capture/connection-status.ts';
import type { FrameBatch, TimelineEntry } from '../../shared/capture/live-frames.ts';
import { parseRequestSpec, type RequestSpecInput } from '../../shared/capture/request-spec.ts';
import type { PushPayloads } from '../../shared/ipc/api.ts';
import type { PushName } from '../../shared/ipc/channels.ts';
import { InspectorCore } from '../../electron/core/inspector-core.ts';
import { Workspace, type SessionDetail } from '../../electron/core/workspace/index.ts';

export const MiB = 1024 * 1024;

/** `HOSTILE_FULL=1` runs the full-size cases (1 GiB); the default sizes keep the suite quick. */
export const FULL = process.env.HOSTILE_FULL === '1';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Settles garbage so a baseline or a final reading is about live memory, not leftovers. */
export function settleGarbage(): void {
  collect();
  collect();
}

export interface MemoryPeak {
  /** Largest growth of heapUsed + external (array buffers included) over the baseline, bytes. */
  heapExternal: number;
  /** Largest RSS growth over the baseline, bytes. */
  rss: number;
  /** The same after the run and a full GC: memory the case left behind. */
  retained: number;
}

/**
 * Samples process memory every `everyMs` (and whenever `sample()` is called) from a settled
 * baseline. The peak includes garbage not yet collected, so it is a generous upper bound.
 */
export class MemoryProbe {
  readonly #base: NodeJS.MemoryUsage;
  #heapExternal = 0;
  #rss = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(everyMs = 20) {
    settleGarbage();
    this.#base = process.memoryUsage();
    this.#timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): void {
    const now = process.memoryUsage();
    const heapExternal = now.heapUsed + now.external - this.#base.heapUsed - this.#base.external;
    if (heapExternal > this.#heapExternal) this.#heapExternal = heapExternal;
    if (now.rss - this.#base.rss > this.#rss) this.#rss = now.rss - this.#base.rss;
  }

  stop(): MemoryPeak {
    clearInterval(this.#timer);
    this.sample();
    settleGarbage();
    const now = process.memoryUsage();
    const retained = now.heapUsed + now.external - this.#base.heapUsed - this.#base.external;
    return { heapExternal: this.#heapExternal, rss: this.#rss, retained };
  }
}

export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/** What the renderer would have received: pushes (with times) and a few record kinds. */
export interface UiTally {
  pushes: number;
  pushTimes: number[];
  entries: number;
  chunks: number;
  /** Entry counts by record kind. */
  kinds: Map<string, number>;
  /** Warning and error records as pushed (at most 1000 kept). */
  problems: TimelineEntry[];
  /** Largest single push, in JSON characters (sampled: only measured when `measurePushes`). */
  largestPush: number;
  statuses: Map<number, ConnectionStatus>;
}

export interface Rig {
  core: InspectorCore;
  workspacePath: string;
  ui: UiTally;
  /** When true, every push is serialised to measure its size (costly; small cases only). */
  measurePushes: boolean;
  connect(url: string, input?: Partial<RequestSpecInput>): number;
  status(id: number): ConnectionStatus;
  /** Polls the status until `match` holds (every 10 ms). */
  waitFor(
    id: number,
    match: (status: ConnectionStatus) => boolean,
    timeoutMs?: number,
    what?: string,
  ): Promise<ConnectionStatus>;
  finished(id: number, timeoutMs?: number): Promise<ConnectionStatus>;
  /** Sum of the recorded chunk sizes (read back from the workspace, 2000 chunks a page). */
  recordedChunkBytes(id: number): { bytes: number; chunks: number };
  /** The whole timeline of a session (for small sessions). */
  timeline(id: number): TimelineEntry[];
  /** A normal stream right after the hostile one: the app must still work. */
  expectStillWorks(normalUrl: string): Promise<void>;
  /** Closes the core, reads the stored sessions back and deletes the workspace folder. */
  close(): Promise<Map<number, SessionDetail>>;
}

/** Test specs: no proxy from the environment, no automatic reconnect unless asked. */
export function hostileSpec(url: string, input: Partial<RequestSpecInput> = {}): RequestSpecInput {
  return {
    proxy: { mode: 'none' },
    ...input,
    url,
    reconnect: { delayMode: 'fixed', fixedDelayMs: 10, maxAttempts: 1, ...input.reconnect },
  };
}

const openRigs = new Set<Rig>();

/** Closes the rigs a test left open (a failed assertion skips its own close): use in afterEach. */
export async function closeOpenRigs(): Promise<void> {
  for (const rig of [...openRigs]) await rig.close().catch(() => {});
}

export function createRig(): Rig {
  const dir = mkdtempSync(join(tmpdir(), 'sse-hostile-'));
  const workspacePath = join(dir, 'workspace.sqlite');
  const core = new InspectorCore({ host: 'desktop', version: 'test', workspacePath });
  const ui: UiTally = {
    pushes: 0,
    pushTimes: [],
    entries: 0,
    chunks: 0,
    kinds: new Map(),
    problems: [],
    largestPush: 0,
    statuses: new Map(),
  };
  const ids: number[] = [];
  const rig: Rig = {
    core,
    workspacePath,
    ui,
    measurePushes: false,
    connect: (url, input = {}) => {
      const id = core.connect(parseRequestSpec(hostileSpec(url, input))).id;
      ids.push(id);
      return id;
    },
    status: (id) => core.listConnections().find((s) => s.id === id)!,
    waitFor: async (id, match, timeoutMs = 10_000, what = 'a status') => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const status = rig.status(id);
        if (match(status)) return status;
        if (performance.now() > deadline) {
          throw new Error(`timed out waiting for ${what}: ${JSON.stringify(status)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    finished: async (id, timeoutMs = 10_000) => {
      const ended = (state: ConnectionStatus['state'] | undefined): boolean =>
        state === 'closed' || state === 'failed';
      const status = await rig.waitFor(id, (s) => ended(s.state), timeoutMs, 'the end');
      // The UI hears of it in the next frame batch (≤ 33 ms later): wait for that too.
      await rig.waitFor(id, () => ended(ui.statuses.get(id)?.state), 2000, 'the UI to see the end');
      return status;
    },
    recordedChunkBytes: (id) => {
      let bytes = 0;
      let chunks = 0;
      let after: number | null = null;
      for (let page = 0; page < 1_000_000; page++) {
        const list = core.readChunkList(id, after, 2000);
        if (list.length === 0) break;
        for (const chunk of list) bytes += chunk.size;
        chunks += list.length;
        after = list.at(-1)!.seq;
      }
      return { bytes, chunks };
    },
    timeline: (id) => {
      const all: TimelineEntry[] = [];
      let after: number | null = null;
      for (let page = 0; page < 10_000; page++) {
        const list = core.readTimeline(id, after, 1000);
        if (list.length === 0) break;
        all.push(...list);
        after = list.at(-1)!.seq;
      }
      return all;
    },
    expectStillWorks: async (normalUrl) => {
      const id = rig.connect(normalUrl);
      const status = await rig.finished(id);
      expect(status).toMatchObject({ state: 'closed', events: 3, error: null });
      expect(rig.timeline(id).filter((e) => e.record.kind === 'event')).toHaveLength(3);
    },
    close: async () => {
      openRigs.delete(rig);
      const sessions = new Map<number, SessionDetail>();
      try {
        await core.close();
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      const workspace = Workspace.open(workspacePath);
      try {
        for (const id of ids) {
          const detail = workspace.getSession(id);
          if (detail !== null) sessions.set(id, detail);
        }
      } finally {
        workspace.close();
        rmSync(dir, { recursive: true, force: true });
      }
      return sessions;
    },
  };
  const client = core.attachClient(<P extends PushName>(name: P, payload: PushPayloads[P]) => {
    if (name !== 'frames') return;
    const batch = payload as FrameBatch;
    ui.pushes++;
    ui.pushTimes.push(performance.now());
    ui.entries += batch.entries.length;
    ui.chunks += batch.chunks.length;
    for (const entry of batch.entries) {
      const kind = entry.record.kind;
      ui.kinds.set(kind, (ui.kinds.get(kind) ?? 0) + 1);
      if ((kind === 'warning' || kind === 'error') && ui.problems.length < 1000) {
        ui.problems.push(entry);
      }
    }
    for (const status of batch.statuses) ui.statuses.set(status.id, status);
    if (rig.measurePushes) {
      ui.largestPush = Math.max(ui.largestPush, JSON.stringify(batch).length);
    }
  });
  client.rendererReady();
  openRigs.add(rig);
  return rig;
}

/** Pushes a second within [from, to] (performance.now()): the highest per-second rate seen. */
export function maxPushesPerSecond(times: readonly number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The warning codes the UI received for a connection. */
export function warningCodes(ui: UiTally, connectionId: number): string[] {
  return ui.problems
    .filter((e) => e.connectionId === connectionId && e.record.kind === 'warning')
    .map((e) => (e.record as { code: string }).code);
}

/** Event-loop delay while `run` goes on (p50/p99/max in ms). */
export async function withLoopDelay<T>(
  run: () => Promise<T>,
): Promise<{ result: T; p99: number; max: number; mean: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await run();
    return {
      result,
      p99: histogram.percentile(99) / 1e6,
      max: histogram.max / 1e6,
      mean: histogram.mean / 1e6,
    };
  } finally {
    histogram.disable();
  }
}

/** One line for the test log: what a case measured. */
export function report(name: string, facts: Record<string, string | number>): void {
  const text = Object.entries(facts)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  console.log(`[hostile] ${name}: ${text}`);
}
