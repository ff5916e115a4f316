// Budgets for hostile input that depend on the machine, moved here from `npm test` (the tests in
// tests/hostile check what must hold on any machine: bytes kept, warnings, live memory after a
// GC, push spacing). Each hostile stream is captured by `cli capture` in a child process whose
// peak RSS is measured against a bare Node process; a reconnect storm runs against InspectorCore
// in this process for the event-loop delay, UI pushes and heap peak (garbage included).
// Run alone: node --experimental-strip-types bench/hostile.bench.ts [MiB]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseRequestSpec } from '../shared/capture/request-spec.ts';
import type { PushPayloads } from '../shared/ipc/api.ts';
import type { PushName } from '../shared/ipc/channels.ts';
import { InspectorCore } from '../electron/core/inspector-core.ts';
import { Workspace } from '../electron/core/workspace/workspace.ts';
import { hostileRoutes, prepareBombs } from '../tests/hostile/hostile-routes.ts';
import { startHostileServer, type HostileServer } from '../tests/hostile/hostile-server.ts';
import { measureProcess, type MeasuredProcess } from './lib/measure-process.ts';
import { builtCli } from './lib/processes.ts';

export interface HostileBenchOptions {
  /** Size of the large inputs (endless line, huge events, decoded gzip bombs), MiB. */
  mib?: number;
  /** Events in the flood. */
  floodEvents?: number;
  /** How long the reconnect storm runs, seconds. */
  stormSeconds?: number;
}

export interface HostileCapture {
  name: string;
  input: string;
  capture: MeasuredProcess;
  /** Body bytes the capture reported (its `end` line) and the workspace stored. */
  reportedBytes: number;
  storedBytes: number;
}

export interface StormResult {
  seconds: number;
  attempts: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  pushes: number;
  maxPushesPerSecond: number;
  heapPeakMiB: number;
}

export interface HostileBenchResult {
  mib: number;
  reference: MeasuredProcess;
  captures: HostileCapture[];
  storm: StormResult;
}

const MiB = 1024 * 1024;

/** Pushes within any one second: the highest count. */
function maxPerSecond(times: readonly number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function captureOf(
  server: HostileServer,
  dir: string,
  name: string,
  path: string,
): Promise<HostileCapture> {
  const db = join(dir, `${name.replace(/\W+/g, '-')}.db`);
  const capture = await measureProcess(
    [
      builtCli,
      'capture',
      `${server.url}${path}`,
      '--summary',
      '--max-attempts',
      '1',
      '--proxy',
      'none',
      '--db',
      db,
    ],
    dir,
    name.replace(/\W+/g, '-'),
  );
  if (capture.code !== 0) {
    throw new Error(`cli capture of ${path} exited with ${capture.code}: ${capture.stderr}`);
  }
  const end = capture.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line['kind'] === 'end');
  const workspace = Workspace.open(db);
  const storedBytes = ((): number => {
    try {
      return workspace.listSessions({ limit: 1 })[0]?.bytes ?? 0;
    } finally {
      workspace.close();
    }
  })();
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  return {
    name,
    input: path,
    capture: { ...capture, stdout: capture.stdout.slice(-500) },
    reportedBytes: Number(end?.['bytes'] ?? 0),
    storedBytes,
  };
}

/** `retry: 0` and close, forever, for `seconds`: the cost of a storm in this process. */
async function reconnectStorm(server: HostileServer, dir: string, seconds: number) {
  const core = new InspectorCore({
    host: 'desktop',
    version: 'bench',
    workspacePath: join(dir, 'storm.db'),
  });
  const pushTimes: number[] = [];
  const client = core.attachClient(<P extends PushName>(name: P, _payload: PushPayloads[P]) => {
    if (name === 'frames') pushTimes.push(performance.now());
  });
  client.rendererReady();
  const base = process.memoryUsage();
  let heapPeak = 0;
  const sample = setInterval(() => {
    const now = process.memoryUsage();
    heapPeak = Math.max(heapPeak, now.heapUsed + now.external - base.heapUsed - base.external);
  }, 20);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const { id } = core.connect(
    parseRequestSpec({
      url: `${server.url}/retry-zero`,
      proxy: { mode: 'none' },
      reconnect: { delayMode: 'spec', maxAttempts: null },
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  core.disconnect(id);
  histogram.disable();
  clearInterval(sample);
  const attempts = core.listConnections().find((s) => s.id === id)?.attempt ?? 0;
  await core.close();
  return {
    seconds,
    attempts,
    loopDelayP99Ms: histogram.percentile(99) / 1e6,
    loopDelayMaxMs: histogram.max / 1e6,
    pushes: pushTimes.length,
    maxPushesPerSecond: maxPerSecond(pushTimes),
    heapPeakMiB: heapPeak / MiB,
  };
}

export async function runHostileBench(
  options: HostileBenchOptions = {},
): Promise<HostileBenchResult> {
  const mib = options.mib ?? 256;
  const floodEvents = options.floodEvents ?? 1_000_000;
  prepareBombs();
  const server = await startHostileServer(hostileRoutes);
  const dir = mkdtempSync(join(tmpdir(), 'sse-bench-hostile-'));
  try {
    const cases: Array<[string, string]> = [
      [`endless line, ASCII, ${mib} MiB`, `/endless-line?mb=${mib}`],
      [`endless line, 0xFF bytes, ${mib / 4} MiB`, `/endless-invalid?mb=${mib / 4}`],
      [`huge event, one line, ${mib} MiB`, `/huge-event?mb=${mib}&shape=line`],
      [`huge event, 1 KiB lines, ${mib} MiB`, `/huge-event?mb=${mib}&shape=lines`],
      [`gzip bomb, one line, ${mib} MiB`, `/gzip-bomb?mb=${Math.max(64, mib)}`],
      [`gzip bomb, data lines, ${mib / 16} Mi lines`, `/gzip-lines?count=${(mib / 16) * MiB}`],
      [`flood of ${floodEvents.toLocaleString('en')} events`, `/repeat?count=${floodEvents}`],
    ];
    const captures: HostileCapture[] = [];
    for (const [name, path] of cases) captures.push(await captureOf(server, dir, name, path));
    const referenceDb = join(dir, 'reference.db');
    Workspace.open(referenceDb).close();
    const reference = await measureProcess(
      ['bench/lib/open-workspace.ts', referenceDb],
      dir,
      'reference',
    );
    const storm = await reconnectStorm(server, dir, options.stormSeconds ?? 2);
    return { mib, reference, captures, storm };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mib = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const result = await runHostileBench(mib === undefined ? {} : { mib });
  console.log(JSON.stringify(result, null, 2));
}
