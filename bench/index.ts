// `npm run bench`: every benchmark, each figure with its reference measured in the same run, the
// ratio, the budget and PASS/MISS; results also go to bench/results/latest.json.
// See `npm run bench -- --help`. Benchmarks are measurements, never test assertions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'prettier';
import { runCaptureStoreBench, type CaptureStoreBenchResult } from './capture-store.bench.ts';
import { checksRows, runChecksBench } from './checks.bench.ts';
import { runCliBench } from './cli.bench.ts';
import { runConcurrencyBench } from './concurrency.bench.ts';
import { runHostileBench } from './hostile.bench.ts';
import { runLensBench } from './lenses.bench.ts';
import { runMemoryBench } from './memory.bench.ts';
import { runParserBench } from './parser.bench.ts';
import { runNdjsonBench } from './ndjson.bench.ts';
import { runPipelineBench } from './pipeline.bench.ts';
import { runUiBench } from './ui.bench.ts';
import { projectRoot, startFixtureProcess, type ChildServer } from './lib/processes.ts';
import { exportRow, hostileRows, lensRows } from './lib/moved-budget-rows.ts';
import { formatTable, log, type BenchRow } from './lib/report.ts';
import {
  cliRows,
  concurrencyRows,
  memoryRows,
  ndjsonRows,
  parserRows,
  pipelineRows,
  searchRows,
  uiRows,
} from './lib/rows.ts';
import {
  BenchUsageError,
  benchUsage,
  parseBenchArgs,
  type BenchName,
  type BenchSettings,
} from './lib/settings.ts';

const en = (n: number): string => n.toLocaleString('en');

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Runs `command` when `output` is missing or older than the files under `sources`, so the
 * figures are for the code in the tree.
 */
function ensureBuilt(output: string, sources: string[], command: string[], purpose: string): void {
  const path = join(projectRoot, output);
  const built = existsSync(path) ? statSync(path).mtimeMs : 0;
  const newest = Math.max(...sources.map((dir) => newestMtime(join(projectRoot, dir))));
  if (built !== 0 && built >= newest) return;
  const name = command.join(' ');
  log(`${output} is ${built === 0 ? 'missing' : 'older than the sources'}: "${name}"`);
  const [program, ...args] = command as [string, ...string[]];
  const build = spawnSync(program, args, { cwd: projectRoot, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error(`"${name}" failed; ${purpose} needs it`);
}

/** The UI benchmark serves dist/renderer. */
const ensureRenderer = (): void =>
  ensureBuilt(
    'dist/renderer/index.html',
    ['renderer', 'shared'],
    ['npx', 'vite', 'build'],
    'the UI benchmark',
  );

/** The CLI figures, the memory and the hostile benchmarks time the built JavaScript a user runs. */
const ensureCli = (): void =>
  ensureBuilt(
    'dist-cli/main.js',
    ['electron/core', 'shared'],
    ['npm', 'run', 'build:cli'],
    'the CLI benchmarks',
  );

/** The store benchmark's writes of `events` rows (node:sqlite and SessionRecorder), no search. */
async function referenceAt(
  events: number,
  raw: Record<string, unknown>,
): Promise<CaptureStoreBenchResult[]> {
  log(`store: node:sqlite reference and SessionRecorder writing ${en(events)} events`);
  const results = await runCaptureStoreBench({ events, searchEvents: 1000 });
  raw['captureStoreReference'] = results;
  return results;
}

interface Run {
  settings: BenchSettings;
  fixture: () => Promise<ChildServer>;
  store: (purpose: 'reference' | 'search') => Promise<CaptureStoreBenchResult[]>;
  raw: Record<string, unknown>;
}

/** Each benchmark: what it logs, and how it turns its run into rows. */
const benches: Record<BenchName, (run: Run) => Promise<BenchRow[]>> = {
  cli: async ({ settings, raw }) => {
    log(
      `cli: start-up of the built CLI on empty inputs; parse --summary of ` +
        `${en(settings.cliEvents)} events and of 100 MiB of LLM chunks against ` +
        `eventsource-parser, ${settings.cliRounds} rounds`,
    );
    ensureCli();
    const result = await runCliBench({ events: settings.cliEvents, rounds: settings.cliRounds });
    raw['cli'] = result;
    return cliRows(result);
  },
  parser: async ({ settings, raw }) => {
    log(`parser: ${settings.parserMiB} MiB of each corpus, ${settings.parserRounds} rounds`);
    const results = [];
    for (const corpus of ['llm', 'issue'] as const) {
      results.push(
        await runParserBench({
          corpus,
          streamBytes: settings.parserMiB * 1024 * 1024,
          rounds: settings.parserRounds,
        }),
      );
    }
    raw['parser'] = results;
    // The other framings' line parser, in the same run against its own reference.
    const ndjson = await runNdjsonBench({
      streamBytes: settings.parserMiB * 1024 * 1024,
      rounds: settings.parserRounds,
    });
    raw['ndjson'] = ndjson;
    return [...results.flatMap(parserRows), ...ndjsonRows(ndjson)];
  },
  pipeline: async ({ settings, fixture, store, raw }) => {
    const reference = await store('reference');
    log(`pipeline: ${en(settings.pipelineEvents)} events over loopback into a temp workspace`);
    const result = await runPipelineBench({
      fixtureUrl: (await fixture()).url,
      events: settings.pipelineEvents,
    });
    raw['pipeline'] = result;
    return pipelineRows(result, reference);
  },
  memory: async ({ settings, fixture, store, raw }) => {
    ensureCli();
    // The capture's rate is compared with node:sqlite writing as many rows: indexes and FTS5
    // get slower as they grow, so a smaller reference run would flatter the database.
    const reference =
      settings.memoryEvents === settings.pipelineEvents
        ? await store('reference')
        : await referenceAt(settings.memoryEvents, raw);
    log(`memory: cli capture of ${en(settings.memoryEvents)} events in a child process`);
    const result = await runMemoryBench({
      fixtureUrl: (await fixture()).url,
      events: settings.memoryEvents,
    });
    raw['memory'] = {
      ...result,
      capture: { ...result.capture, stdout: result.capture.stdout.slice(-1000) },
    };
    return [...memoryRows(result, reference), exportRow(result)];
  },
  search: async ({ settings, store }) => searchRows(await store('search'), settings.searchEvents),
  concurrency: async ({ settings, fixture, raw }) => {
    log(
      `concurrency: ${settings.concurrencyStreams} streams × ${en(settings.concurrencyRate)}/s ` +
        `for ${settings.concurrencySeconds} s (after ${Math.min(settings.concurrencySeconds, 5)} s idle)`,
    );
    const result = await runConcurrencyBench({
      fixtureUrl: (await fixture()).url,
      streams: settings.concurrencyStreams,
      rate: settings.concurrencyRate,
      seconds: settings.concurrencySeconds,
    });
    raw['concurrency'] = result;
    return concurrencyRows(result);
  },
  ui: async ({ settings, fixture, raw }) => {
    ensureRenderer();
    ensureCli();
    log(
      `ui: headless Chromium; ${settings.uiSeconds} s idle, then ${en(settings.uiRate)} events/s ` +
        `for ${settings.uiSeconds} s; ${settings.uiStreams} streams for ` +
        `${settings.uiStreamSeconds} s; flood of ${en(settings.uiFloodEvents)} events`,
    );
    const result = await runUiBench({
      fixtureUrl: (await fixture()).url,
      rate: settings.uiRate,
      seconds: settings.uiSeconds,
      streams: settings.uiStreams,
      streamSeconds: settings.uiStreamSeconds,
      floodEvents: settings.uiFloodEvents,
    });
    raw['ui'] = result;
    return uiRows(result);
  },
  hostile: async ({ settings, raw }) => {
    ensureCli();
    log(
      `hostile: cli capture of hostile streams (${settings.hostileMiB} MiB inputs, a flood of ` +
        `${en(settings.hostileFloodEvents)} events) in child processes; a ` +
        `${settings.hostileStormSeconds} s reconnect storm in this one`,
    );
    const result = await runHostileBench({
      mib: settings.hostileMiB,
      floodEvents: settings.hostileFloodEvents,
      stormSeconds: settings.hostileStormSeconds,
    });
    raw['hostile'] = result;
    return hostileRows(result);
  },
  lenses: async ({ settings, raw }) => {
    log(
      `lenses: LLM lens over ${en(settings.lensDeltas)} and ${en(settings.lensDeltas * 2)} deltas`,
    );
    const result = runLensBench({ deltas: settings.lensDeltas });
    raw['lenses'] = result;
    const checks = runChecksBench({ events: settings.lensDeltas });
    raw['checks'] = checks;
    return [...lensRows(result), ...checksRows(checks)];
  },
};

function machine(): Record<string, unknown> {
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    sqlite: process.versions['sqlite'] ?? 'unknown',
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(benchUsage);
    return 0;
  }
  let settings: BenchSettings;
  try {
    settings = parseBenchArgs(args, process.env, join(projectRoot, 'bench/results/latest.json'));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${benchUsage}`);
    return 2;
  }
  const started = new Date();
  const machineAtStart = machine();
  log(`mode ${settings.mode}; running: ${[...settings.only].join(', ')}`);
  const [load1] = loadavg();
  if ((load1 ?? 0) > 0.5) {
    log(`warning: load average ${load1?.toFixed(2)} before starting; other work skews the figures`);
  }

  let fixtureServer: Promise<ChildServer> | null = null;
  let storeForReference: Promise<CaptureStoreBenchResult[]> | null = null;
  let storeForSearch: Promise<CaptureStoreBenchResult[]> | null = null;
  const run: Run = {
    settings,
    raw: {},
    // One fixture server for all, started again should it have died (its stderr is logged).
    fixture: async () => {
      if (fixtureServer !== null && (await fixtureServer).exited() !== null) fixtureServer = null;
      return (fixtureServer ??= startFixtureProcess());
    },
    // The capture-store run gives the pipeline's reference (plain node:sqlite writing the same
    // events) and, when the sizes agree, the search figures too; otherwise search runs its own
    // (after the pipeline, so writing a 10M-event workspace does not disturb the pipeline run).
    store: (purpose) => {
      const events = settings.pipelineEvents;
      if (purpose === 'reference' || settings.searchEvents === events) {
        return (storeForReference ??= storeRun(events, events));
      }
      return (storeForSearch ??= storeRun(1000, settings.searchEvents));
    },
  };
  const storeRun = async (events: number, searchEvents: number) => {
    log(
      `store: node:sqlite reference and SessionRecorder writing ${en(events)} events; ` +
        `search and paging over ${en(searchEvents)} events`,
    );
    const results = await runCaptureStoreBench({ events, searchEvents });
    run.raw[events === searchEvents ? 'captureStore' : 'captureStoreSearch'] = results;
    return results;
  };

  const rows: BenchRow[] = [];
  const errors: Record<string, string> = {};
  const timings: Record<string, number> = {};
  try {
    for (const name of [...settings.only]) {
      const benchStarted = performance.now();
      try {
        const benchRows = await benches[name](run);
        rows.push(...benchRows);
        process.stdout.write(`\n${formatTable(benchRows)}\n\n`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        errors[name] = message;
        log(`${name} failed: ${message}`);
      }
      timings[name] = Math.round((performance.now() - benchStarted) / 100) / 10;
    }
  } finally {
    if (fixtureServer !== null) await (await (fixtureServer as Promise<ChildServer>)).close();
  }

  const seconds = Math.round((Date.now() - started.getTime()) / 1000);
  const judged = rows.filter((row) => row.pass !== null);
  const misses = judged.filter((row) => row.pass === false);
  process.stdout.write(
    `SSE Inspector benchmarks — ${settings.mode} mode, ${cpus().length} CPUs, Node ` +
      `${process.version}, ${seconds} s\n\n${formatTable(rows)}\n\n` +
      `${judged.length - misses.length} PASS, ${misses.length} MISS` +
      `${Object.keys(errors).length > 0 ? `, failed to run: ${Object.keys(errors).join(', ')}` : ''}\n`,
  );
  for (const row of rows) {
    if (row.notes !== '') process.stdout.write(`  · ${row.bench}: ${row.name}: ${row.notes}\n`);
  }

  mkdirSync(dirname(settings.jsonPath), { recursive: true });
  const json = JSON.stringify({
    startedAt: started.toISOString(),
    seconds,
    mode: settings.mode,
    machine: machineAtStart,
    loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100),
    settings: { ...settings, only: [...settings.only] },
    timingsSeconds: timings,
    rows,
    errors,
    raw: run.raw,
  });
  // Written the way Prettier would, so `prettier --check .` stays clean with results present.
  writeFileSync(settings.jsonPath, await format(json, { parser: 'json' }));
  log(`results written to ${settings.jsonPath}`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

process.exitCode = await main();
