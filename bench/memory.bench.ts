// Peak memory of `cli capture URL --summary --max-events N` recording a long session, as a child
// process, against a bare Node process that only opens the workspace.
// Run alone: node --experimental-strip-types bench/memory.bench.ts [events]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../electron/core/workspace/workspace.ts';
import {
  nodeTypeStripping,
  procStatusKiB,
  projectRoot,
  startFixtureProcess,
} from './lib/processes.ts';

export interface MemoryBenchOptions {
  fixtureUrl?: string;
  /** Events recorded by the capture (default 2,000,000). */
  events?: number;
}

export interface MeasuredProcess {
  code: number | null;
  /** Peak RSS in MiB: the larger of getrusage's maxRSS reported at exit and the polled VmHWM. */
  peakRssMiB: number;
  /** Highest VmRSS seen while polling every 100 ms, in MiB. */
  polledRssMiB: number;
  ms: number;
  stdout: string;
  stderr: string;
}

export interface MemoryBenchResult {
  events: number;
  capture: MeasuredProcess;
  reference: MeasuredProcess;
  /** From the capture's `end` line and from the workspace afterwards. */
  recordedEvents: number;
  storedEvents: number;
  eventsPerSecond: number;
}

/** Runs `node <args>` with the peak-RSS reporter loaded, polling /proc meanwhile. */
async function measureProcess(
  args: string[],
  dir: string,
  label: string,
): Promise<MeasuredProcess> {
  const peakFile = join(dir, `${label}.peak.json`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...nodeTypeStripping, '--import', './bench/lib/peak-rss-reporter.ts', ...args],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_PEAK_RSS_FILE: peakFile },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let polledRss = 0;
  let polledHwm = 0;
  const poll = setInterval(() => {
    polledRss = Math.max(polledRss, procStatusKiB(child.pid as number, 'VmRSS') ?? 0);
    polledHwm = Math.max(polledHwm, procStatusKiB(child.pid as number, 'VmHWM') ?? 0);
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const ms = performance.now() - started;
  const reported = existsSync(peakFile)
    ? (JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKiB: number }).maxRssKiB
    : 0;
  return {
    code,
    peakRssMiB: Math.max(reported, polledHwm, polledRss) / 1024,
    polledRssMiB: polledRss / 1024,
    ms,
    stdout,
    stderr,
  };
}

export async function runMemoryBench(options: MemoryBenchOptions = {}): Promise<MemoryBenchResult> {
  const events = options.events ?? 2_000_000;
  const fixture = options.fixtureUrl === undefined ? await startFixtureProcess() : null;
  const baseUrl = options.fixtureUrl ?? fixture!.url;
  const dir = mkdtempSync(join(tmpdir(), 'sse-bench-memory-'));
  const db = join(dir, 'workspace.db');
  try {
    const capture = await measureProcess(
      [
        'electron/core/cli/main.ts',
        'capture',
        `${baseUrl}/ticks?count=${events}&hold=1`,
        '--summary',
        '--max-events',
        String(events),
        '--db',
        db,
      ],
      dir,
      'capture',
    );
    if (capture.code !== 0) {
      throw new Error(`cli capture exited with ${capture.code}: ${capture.stderr.slice(-2000)}`);
    }
    const endLine = capture.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['kind'] === 'end');
    const reference = await measureProcess(['bench/lib/open-workspace.ts', db], dir, 'reference');
    const workspace = Workspace.open(db);
    let storedEvents = 0;
    try {
      storedEvents = workspace.listSessions({ limit: 1 })[0]?.events ?? 0;
    } finally {
      workspace.close();
    }
    return {
      events,
      capture,
      reference,
      recordedEvents: Number(endLine?.['recordedEvents'] ?? 0),
      storedEvents,
      eventsPerSecond: storedEvents / (capture.ms / 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fixture?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const result = await runMemoryBench(events === undefined ? {} : { events });
  console.log({
    ...result,
    capture: { ...result.capture, stdout: result.capture.stdout.slice(-300) },
    reference: { ...result.reference, stdout: '' },
  });
}
