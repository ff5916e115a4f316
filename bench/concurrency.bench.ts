// Many live streams at once through one ConnectionManager and one SessionRecorder (as in the
// app's main process): everything recorded, and how responsive the event loop stays meanwhile.
// Run alone: node --experimental-strip-types bench/concurrency.bench.ts [seconds] [streams] [rate]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ConnectionStatus } from '../shared/capture/connection-status.ts';
import { parseRequestSpec } from '../shared/capture/request-spec.ts';
import { ConnectionManager } from '../electron/core/connections/connection-manager.ts';
import { Workspace } from '../electron/core/workspace/workspace.ts';
import { startFixtureProcess } from './lib/processes.ts';

export interface ConcurrencyBenchOptions {
  fixtureUrl?: string;
  /** Streams at once (default 20). */
  streams?: number;
  /** Events per second per stream (default 1,000). */
  rate?: number;
  /** Seconds each stream lasts (default 15). */
  seconds?: number;
  /** Seconds of the idle reference measurement (default min(seconds, 5)). */
  idleSeconds?: number;
}

export interface EventLoopLag {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

export interface ConcurrencyBenchResult {
  streams: number;
  rate: number;
  seconds: number;
  sentPerStream: number;
  /** Streams whose recorded event count (workspace) and connection count equal what was sent. */
  completeStreams: number;
  sent: number;
  recorded: number;
  /** Wall time from the first open to the last stream's end (ideal: `seconds`). */
  elapsedMs: number;
  /** Event-loop lag while streaming and while idle (timer delay beyond the sampling interval). */
  lag: EventLoopLag;
  idleLag: EventLoopLag;
  outcomes: string[];
}

const RESOLUTION_MS = 10;

/** Samples event-loop delay for as long as `during` runs. */
async function measureLag(during: () => Promise<void>): Promise<EventLoopLag> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  await during();
  histogram.disable();
  // The histogram holds the whole timer interval; what is above the resolution is the lag.
  const lag = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return {
    p50Ms: lag(histogram.percentile(50)),
    p99Ms: lag(histogram.percentile(99)),
    maxMs: lag(histogram.max),
    samples: histogram.count,
  };
}

export async function runConcurrencyBench(
  options: ConcurrencyBenchOptions = {},
): Promise<ConcurrencyBenchResult> {
  const streams = options.streams ?? 20;
  const rate = options.rate ?? 1000;
  const seconds = options.seconds ?? 15;
  const sentPerStream = Math.round(rate * seconds);
  const fixture = options.fixtureUrl === undefined ? await startFixtureProcess() : null;
  const baseUrl = options.fixtureUrl ?? fixture!.url;
  const dir = mkdtempSync(join(tmpdir(), 'sse-bench-concurrency-'));
  const workspace = Workspace.open(join(dir, 'workspace.db'));
  try {
    const idleMs = (options.idleSeconds ?? Math.min(seconds, 5)) * 1000;
    const idleLag = await measureLag(() => new Promise((resolve) => setTimeout(resolve, idleMs)));

    const manager = new ConnectionManager({ store: workspace.createRecorder() });
    const ended = new Map<number, ConnectionStatus>();
    let allEnded: () => void = () => {};
    const done = new Promise<void>((resolve) => (allEnded = resolve));
    manager.onStatus((status) => {
      if (status.state !== 'closed' && status.state !== 'failed') return;
      ended.set(status.id, status);
      if (ended.size === streams) allEnded();
    });
    const spec = parseRequestSpec({
      url: `${baseUrl}/ticks?count=${sentPerStream}&rate=${rate}`,
      reconnect: { maxAttempts: 1 },
    });
    const ids: number[] = [];
    const started = performance.now();
    const lag = await measureLag(async () => {
      for (let i = 0; i < streams; i++) ids.push(manager.open(spec, { name: `stream ${i}` }));
      await done;
    });
    const elapsedMs = performance.now() - started;
    await manager.closeAll();

    let completeStreams = 0;
    let recorded = 0;
    for (const id of ids) {
      const stored = workspace.getSession(id)?.events ?? 0;
      recorded += stored;
      if (stored === sentPerStream && ended.get(id)?.events === sentPerStream) completeStreams++;
    }
    return {
      streams,
      rate,
      seconds,
      sentPerStream,
      completeStreams,
      sent: sentPerStream * streams,
      recorded,
      elapsedMs,
      lag,
      idleLag,
      outcomes: [...new Set([...ended.values()].map((s) => s.outcome ?? s.state))],
    };
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
    await fixture?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seconds, streams, rate] = process.argv.slice(2).map(Number);
  const options: ConcurrencyBenchOptions = {};
  if (seconds !== undefined) options.seconds = seconds;
  if (streams !== undefined) options.streams = streams;
  if (rate !== undefined) options.rate = rate;
  console.log(await runConcurrencyBench(options));
}
