// Whole-process figures of the built command line (dist-cli/), as a user times it: each command
// on an empty input against bare `node -e 0`, and `parse FILE --summary` against a 15-line script
// feeding eventsource-parser (bench/lib/eventsource-parser-script.ts) on two corpora, start-up
// (each on an empty file) subtracted. Wall time and CPU time (user + system, all threads) are
// both kept: on a shared machine CPU time is the steadier of the two.
// Run alone: node --experimental-strip-types bench/cli.bench.ts [events]
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenAiLikeStream, issueEvent } from './parser.bench.ts';
import { nodeTypeStripping, projectRoot } from './lib/processes.ts';

export interface ProcessTime {
  wallMs: number;
  cpuMs: number;
}

export interface StartupFigure {
  command: string;
  /** Medians over the rounds. */
  time: ProcessTime;
}

export interface WholeProcessParse {
  corpus: string;
  bytes: number;
  events: number;
  /** Medians, start-up (the same program on an empty file) subtracted. */
  ours: ProcessTime;
  reference: ProcessTime;
  /** reference / ours: above 1, ours is faster. */
  wallRatio: number;
  cpuRatio: number;
  /**
   * The CPU ratio of each round alone (its two runs, each minus the median start-up), lowest
   * and highest: how far one run on a shared machine can stray from the median.
   */
  cpuRatioRange: [number, number];
}

export interface CliBenchResult {
  rounds: number;
  bareNode: ProcessTime;
  startup: StartupFigure[];
  parse: WholeProcessParse[];
}

export interface CliBenchOptions {
  /** Events in the issue-shaped corpus (default 1,000,000, about 137 MB). */
  events?: number;
  /** Size of the LLM-shaped corpus in MiB (default 100). */
  llmMiB?: number;
  rounds?: number;
}

const cli = 'dist-cli/main.js';
const usageReporter = ['--import', './bench/lib/exit-usage-reporter.js'];

/** Runs `node <args>` to its end; wall time, and CPU time reported by the child at exit. */
async function timeProcess(args: string[], dir: string, expect?: RegExp): Promise<ProcessTime> {
  const usageFile = join(dir, 'usage.json');
  rmSync(usageFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [...usageReporter, ...args], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  if (expect !== undefined && !expect.test(stdout)) {
    throw new Error(`node ${args.join(' ')} exited ${code}: ${stdout.slice(-500)} ${stderr}`);
  }
  if (!existsSync(usageFile)) {
    throw new Error(`node ${args.join(' ')} (exit ${code}) did not report its CPU time: ${stderr}`);
  }
  const { cpuMs } = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number };
  return { wallMs, cpuMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function medianTime(times: ProcessTime[]): ProcessTime {
  return { wallMs: median(times.map((t) => t.wallMs)), cpuMs: median(times.map((t) => t.cpuMs)) };
}

/** The issue's corpus (see issueEvent), written in batches: 1M events are 137 MB. */
function writeIssueCorpus(path: string, events: number): void {
  const fd = openSync(path, 'w');
  try {
    let parts: string[] = [];
    for (let i = 0; i < events; i++) {
      parts.push(issueEvent(i));
      if (parts.length === 10_000) {
        writeSync(fd, parts.join(''));
        parts = [];
      }
    }
    writeSync(fd, parts.join(''));
  } finally {
    closeSync(fd);
  }
}

/** `parse FILE --summary` and the reference script, interleaved, each minus its empty-file run. */
async function wholeProcessParse(
  corpus: string,
  file: string,
  dir: string,
  rounds: number,
): Promise<WholeProcessParse> {
  const empty = join(dir, 'empty.sse');
  writeFileSync(empty, '');
  const reference = ['bench/lib/eventsource-parser-script.ts'];
  const runs: Record<'ours' | 'ours0' | 'ref' | 'ref0', ProcessTime[]> = {
    ours: [],
    ours0: [],
    ref: [],
    ref0: [],
  };
  for (let round = 0; round < rounds; round++) {
    runs.ours.push(await timeProcess([cli, 'parse', file, '--summary'], dir, /"kind":"end"/));
    runs.ref.push(await timeProcess([...nodeTypeStripping, ...reference, file], dir, /events/));
    runs.ours0.push(await timeProcess([cli, 'parse', empty, '--summary'], dir, /"kind":"end"/));
    runs.ref0.push(await timeProcess([...nodeTypeStripping, ...reference, empty], dir, /events/));
  }
  const net = (full: ProcessTime[], start: ProcessTime[]): ProcessTime => {
    const a = medianTime(full);
    const b = medianTime(start);
    return { wallMs: a.wallMs - b.wallMs, cpuMs: a.cpuMs - b.cpuMs };
  };
  const ours = net(runs.ours, runs.ours0);
  const ref = net(runs.ref, runs.ref0);
  const oursStart = medianTime(runs.ours0).cpuMs;
  const refStart = medianTime(runs.ref0).cpuMs;
  const roundRatios = runs.ours.map(
    (time, round) => (runs.ref[round]!.cpuMs - refStart) / (time.cpuMs - oursStart),
  );
  // Both must have seen every event: count them once with the CLI's own summary.
  const check = spawn(process.execPath, [cli, 'parse', file, '--summary'], { cwd: projectRoot });
  let out = '';
  check.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => check.on('close', resolve));
  const { events } = JSON.parse(out) as { events: number };
  return {
    corpus,
    bytes: readFileSync(file).byteLength,
    events,
    ours,
    reference: ref,
    wallRatio: ref.wallMs / ours.wallMs,
    cpuRatio: ref.cpuMs / ours.cpuMs,
    cpuRatioRange: [Math.min(...roundRatios), Math.max(...roundRatios)],
  };
}

export async function runCliBench(options: CliBenchOptions = {}): Promise<CliBenchResult> {
  const rounds = options.rounds ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'sse-bench-cli-'));
  try {
    const db = join(dir, 'absent.db');
    const startupCommands: [string, string[]][] = [
      ['help', ['help']],
      ['parse (empty stdin)', ['parse']],
      ['lens (empty stdin)', ['lens', '-']],
      ['sessions (no workspace)', ['sessions', '--db', db]],
      ['search (no workspace)', ['search', 'x', '--db', db]],
    ];
    const bare: ProcessTime[] = [];
    const startup = new Map<string, ProcessTime[]>();
    for (let round = 0; round < rounds; round++) {
      bare.push(await timeProcess(['-e', '0'], dir));
      for (const [name, args] of startupCommands) {
        const times = startup.get(name) ?? [];
        times.push(await timeProcess([cli, ...args], dir));
        startup.set(name, times);
      }
    }
    const issueCorpus = join(dir, 'issue.sse');
    writeIssueCorpus(issueCorpus, options.events ?? 1_000_000);
    const llmCorpus = join(dir, 'llm.sse');
    writeFileSync(llmCorpus, buildOpenAiLikeStream((options.llmMiB ?? 100) * 1024 * 1024));
    const parse = [
      await wholeProcessParse('issue corpus (id, event, JSON data)', issueCorpus, dir, rounds),
      await wholeProcessParse('LLM corpus (OpenAI-shaped chunks)', llmCorpus, dir, rounds),
    ];
    return {
      rounds,
      bareNode: medianTime(bare),
      startup: [...startup].map(([command, times]) => ({ command, time: medianTime(times) })),
      parse,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  console.log(JSON.stringify(await runCliBench(events === undefined ? {} : { events }), null, 2));
}
