// The real pipeline for the hostile-server tests: InspectorCore (ConnectionManager + SessionRecorder
// on a temporary workspace file + FrameBatcher) with one ready client that counts what the UI
// would receive, plus a live-memory probe. Not a test file itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'vitest';
import type { ConnectionStatus } from '../../shared/capture/connection-status.ts';
import type { FrameBatch, TimelineEntry } from '../../shared/capture/live-frames.ts';
import { entriesOfColumns } from '../../shared/capture/timeline-columns.ts';
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

/** Live memory a case held, measured by `LiveMemoryProbe`. */
export interface LiveMemory {
  /** Largest heapUsed + external (array buffers included) over the baseline, after a full GC. */
  peak: number;
  /** The same after the run: memory the case left behind. */
  retained: number;
  /** How many checkpoints were taken. */
  checkpoints: number;
}

/**
 * Memory the pipeline holds: heap + external after a full GC, at checkpoints chosen by the
 * case's progress (every `everyBytes` of body pushed to the UI, or `checkpoint()` calls), over a
 * settled baseline. Garbage not collected yet never counts (how much of it there is depends on
 * how busy the machine is); what is still reachable at that point of the stream does, so an
 * unbounded buffer shows whatever the machine's speed. Peaks with garbage and RSS are budgets of
 * `npm run bench -- --only hostile`.
 */
export class LiveMemoryProbe {
  readonly #base: NodeJS.MemoryUsage;
  #peak = 0;
  #checkpoints = 0;
  #next: number;
  #stopped = false;

  constructor(rig?: Rig, everyBytes = 8 * MiB) {
    settleGarbage();
    this.#base = process.memoryUsage();
    this.#next = everyBytes;
    rig?.onPush((ui) => {
      if (this.#stopped || ui.bytes < this.#next) return;
      while (this.#next <= ui.bytes) this.#next += everyBytes;
      this.checkpoint();
    });
  }

  /** Collects garbage and records what is live now. */
  checkpoint(): void {
    settleGarbage();
    this.#checkpoints++;
    this.#peak = Math.max(this.#peak, this.#live());
  }

  stop(): LiveMemory {
    this.checkpoint();
    this.#stopped = true;
    return { peak: this.#peak, retained: this.#live(), checkpoints: this.#checkpoints };
  }

  #live(): number {
    const now = process.memoryUsage();
    return now.heapUsed + now.external - this.#base.heapUsed - this.#base.external;
  }
}

export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}

/** The FrameBatcher's interval: pushes are at least this far apart on its clock. */
export const FRAME_INTERVAL_MS = 33;

/**
 * How long a rig waits for a state before failing: it only bounds a hang (a wait ends as soon as
 * the state is reached), so it is generous for a busy CI machine.
 */
export const WAIT_LIMIT_MS = 30_000;

/** What the renderer would have received: pushes (with times) and a few record kinds. */
export interface UiTally {
  pushes: number;
  /** When each push was sent, on the clock the frame batcher read for it. */
  pushTimes: number[];
  /** Rows plus chunks of each push (what the batcher's row cap counts). */
  pushSizes: number[];
  /** Body bytes of the chunks announced so far. */
  bytes: number;
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
  /** Calls `listener` after every push the UI receives (after the tally is updated). */
  onPush(listener: (ui: UiTally) => void): void;
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
  // The batcher reads its clock just before each push: the push is stamped with that reading.
  let frameClockRead = 0;
  const frameClock = (): number => (frameClockRead = performance.now());
  const core = new InspectorCore({ host: 'desktop', version: 'test', workspacePath, frameClock });
  const pushListeners: Array<(ui: UiTally) => void> = [];
  const ui: UiTally = {
    pushes: 0,
    pushTimes: [],
    pushSizes: [],
    bytes: 0,
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
    onPush: (listener) => void pushListeners.push(listener),
    connect: (url, input = {}) => {
      const id = core.connect(parseRequestSpec(hostileSpec(url, input))).id;
      ids.push(id);
      return id;
    },
    status: (id) => core.listConnections().find((s) => s.id === id)!,
    waitFor: async (id, match, timeoutMs = WAIT_LIMIT_MS, what = 'a status') => {
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
    finished: async (id, timeoutMs = WAIT_LIMIT_MS) => {
      const ended = (state: ConnectionStatus['state'] | undefined): boolean =>
        state === 'closed' || state === 'failed';
      const status = await rig.waitFor(id, (s) => ended(s.state), timeoutMs, 'the end');
      // The UI hears of it in the next frame batch: wait for that too.
      await rig.waitFor(
        id,
        () => ended(ui.statuses.get(id)?.state),
        WAIT_LIMIT_MS,
        'the UI to see the end',
      );
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
    ui.pushTimes.push(frameClockRead);
    const entries = batch.rows.flatMap(entriesOfColumns);
    ui.pushSizes.push(entries.length + batch.chunks.length);
    ui.entries += entries.length;
    ui.chunks += batch.chunks.length;
    for (const chunk of batch.chunks) ui.bytes += chunk.size;
    for (const entry of entries) {
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
    for (const listener of pushListeners) listener(ui);
  });
  client.rendererReady();
  openRigs.add(rig);
  return rig;
}

/** The shortest time between two consecutive pushes (Infinity with fewer than two). */
/**
 * Pushes that came sooner than `intervalMs` after the one before and are not full (fewer than
 * `fullSize` rows and chunks): the batcher only sends early when a batch reached its row cap.
 */
export function earlyPartialPushes(
  times: readonly number[],
  sizes: readonly number[],
  intervalMs: number,
  fullSize: number,
): number {
  let early = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! - times[i - 1]! < intervalMs && sizes[i]! < fullSize) early++;
  }
  return early;
}

export function closestPushes(times: readonly number[]): number {
  let closest = Infinity;
  for (let i = 1; i < times.length; i++) closest = Math.min(closest, times[i]! - times[i - 1]!);
  return closest;
}

/** The warning codes the UI received for a connection. */
export function warningCodes(ui: UiTally, connectionId: number): string[] {
  return ui.problems
    .filter((e) => e.connectionId === connectionId && e.record.kind === 'warning')
    .map((e) => (e.record as { code: string }).code);
}

/** One line for the test log: what a case measured. */
export function report(name: string, facts: Record<string, string | number>): void {
  const text = Object.entries(facts)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  console.log(`[hostile] ${name}: ${text}`);
}
