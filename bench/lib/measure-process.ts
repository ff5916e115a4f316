// Runs a Node process with the peak-RSS reporter loaded and measures its peak memory and time.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeTypeStripping, procStatusKiB, projectRoot } from './processes.ts';

export interface MeasuredProcess {
  code: number | null;
  /** Peak RSS in MiB: the larger of getrusage's maxRSS reported at exit and the polled VmHWM. */
  peakRssMiB: number;
  /** Highest VmRSS seen while polling every 100 ms, in MiB. */
  polledRssMiB: number;
  ms: number;
  /** CPU time (user + system, every thread) as the process reported it at exit; NaN if it did not. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` with the peak-RSS reporter loaded, polling /proc meanwhile. */
export async function measureProcess(
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
    ? (JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKiB: number; cpuMs: number })
    : { maxRssKiB: 0, cpuMs: Number.NaN };
  return {
    code,
    peakRssMiB: Math.max(reported.maxRssKiB, polledHwm, polledRss) / 1024,
    polledRssMiB: polledRss / 1024,
    ms,
    cpuMs: reported.cpuMs,
    stdout,
    stderr,
  };
}
