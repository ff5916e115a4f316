// Command line and environment of `npm run bench`: which benchmarks, at what size.

export const benchNames = [
  'cli',
  'parser',
  'pipeline',
  'memory',
  'search',
  'concurrency',
  'ui',
  'hostile',
  'lenses',
] as const;
export type BenchName = (typeof benchNames)[number];
export type BenchMode = 'quick' | 'default' | 'full';

export interface BenchSettings {
  mode: BenchMode;
  only: Set<BenchName>;
  jsonPath: string;
  /** Events in the issue-shaped corpus of the whole-process parse; rounds of each CLI timing. */
  cliEvents: number;
  cliRounds: number;
  parserMiB: number;
  parserRounds: number;
  /** Events through the network capture pipeline (and written by the node:sqlite reference). */
  pipelineEvents: number;
  memoryEvents: number;
  searchEvents: number;
  concurrencyStreams: number;
  concurrencyRate: number;
  concurrencySeconds: number;
  uiRate: number;
  uiSeconds: number;
  uiStreams: number;
  uiStreamSeconds: number;
  uiFloodEvents: number;
  /** Size of the large hostile inputs (MiB), events of the hostile flood, storm seconds. */
  hostileMiB: number;
  hostileFloodEvents: number;
  hostileStormSeconds: number;
  /** Deltas through the LLM lens (and twice as many). */
  lensDeltas: number;
}

export const benchUsage = `Usage: npm run bench -- [--quick | --full] [--only NAME[,NAME]] [--skip NAME[,NAME]] [--json FILE]

Runs the benchmarks, printing each figure with its reference (measured in the same run), the
ratio, the budget and PASS/MISS, and writes everything to bench/results/latest.json.
  NAME: ${benchNames.join(', ')}
  --quick   small sizes (about 1 minute): a smoke test, not the issue figures
  (default) the issue figures, except search over 1M events and 15 s many-stream runs (~3 min)
  --full    search over 10M events and 60 s many-stream runs (~8 min)
Sizes can be set one by one with environment variables (they win over the mode):
  BENCH_CLI_EVENTS, BENCH_CLI_ROUNDS, BENCH_PARSER_MIB, BENCH_PARSER_ROUNDS,
  BENCH_PIPELINE_EVENTS, BENCH_MEMORY_EVENTS,
  BENCH_SEARCH_EVENTS, BENCH_CONCURRENCY_STREAMS, BENCH_CONCURRENCY_RATE,
  BENCH_CONCURRENCY_SECONDS, BENCH_UI_RATE, BENCH_UI_SECONDS, BENCH_UI_STREAMS (0 skips the
  many-streams UI run), BENCH_UI_STREAM_SECONDS, BENCH_UI_FLOOD_EVENTS (0 skips the flood),
  BENCH_HOSTILE_MIB (a multiple of 64), BENCH_HOSTILE_FLOOD_EVENTS, BENCH_HOSTILE_STORM_SECONDS,
  BENCH_LENS_DELTAS
`;

export class BenchUsageError extends Error {}

const sizes: Record<BenchMode, Omit<BenchSettings, 'mode' | 'only' | 'jsonPath'>> = {
  quick: {
    cliEvents: 200_000,
    cliRounds: 3,
    parserMiB: 10,
    parserRounds: 3,
    pipelineEvents: 200_000,
    memoryEvents: 500_000,
    searchEvents: 200_000,
    concurrencyStreams: 20,
    concurrencyRate: 1000,
    concurrencySeconds: 5,
    uiRate: 10_000,
    uiSeconds: 5,
    uiStreams: 20,
    uiStreamSeconds: 5,
    uiFloodEvents: 200_000,
    hostileMiB: 64,
    hostileFloodEvents: 200_000,
    hostileStormSeconds: 1,
    lensDeltas: 100_000,
  },
  default: {
    cliEvents: 1_000_000,
    cliRounds: 5,
    parserMiB: 50,
    parserRounds: 7,
    pipelineEvents: 1_000_000,
    memoryEvents: 2_000_000,
    searchEvents: 1_000_000,
    concurrencyStreams: 20,
    concurrencyRate: 1000,
    concurrencySeconds: 15,
    // Issue 21: the UI at 50,000 events/s for 10 s.
    uiRate: 50_000,
    uiSeconds: 10,
    uiStreams: 20,
    uiStreamSeconds: 15,
    uiFloodEvents: 1_000_000,
    hostileMiB: 256,
    hostileFloodEvents: 1_000_000,
    hostileStormSeconds: 2,
    lensDeltas: 200_000,
  },
  full: {
    cliEvents: 1_000_000,
    cliRounds: 7,
    parserMiB: 50,
    parserRounds: 7,
    pipelineEvents: 1_000_000,
    memoryEvents: 2_000_000,
    searchEvents: 10_000_000,
    concurrencyStreams: 20,
    concurrencyRate: 1000,
    concurrencySeconds: 60,
    uiRate: 50_000,
    uiSeconds: 10,
    uiStreams: 20,
    uiStreamSeconds: 60,
    uiFloodEvents: 1_000_000,
    hostileMiB: 1024,
    hostileFloodEvents: 1_000_000,
    hostileStormSeconds: 2,
    lensDeltas: 200_000,
  },
};

const envNames: Record<keyof (typeof sizes)['default'], string> = {
  cliEvents: 'BENCH_CLI_EVENTS',
  cliRounds: 'BENCH_CLI_ROUNDS',
  parserMiB: 'BENCH_PARSER_MIB',
  parserRounds: 'BENCH_PARSER_ROUNDS',
  pipelineEvents: 'BENCH_PIPELINE_EVENTS',
  memoryEvents: 'BENCH_MEMORY_EVENTS',
  searchEvents: 'BENCH_SEARCH_EVENTS',
  concurrencyStreams: 'BENCH_CONCURRENCY_STREAMS',
  concurrencyRate: 'BENCH_CONCURRENCY_RATE',
  concurrencySeconds: 'BENCH_CONCURRENCY_SECONDS',
  uiRate: 'BENCH_UI_RATE',
  uiSeconds: 'BENCH_UI_SECONDS',
  uiStreams: 'BENCH_UI_STREAMS',
  uiStreamSeconds: 'BENCH_UI_STREAM_SECONDS',
  uiFloodEvents: 'BENCH_UI_FLOOD_EVENTS',
  hostileMiB: 'BENCH_HOSTILE_MIB',
  hostileFloodEvents: 'BENCH_HOSTILE_FLOOD_EVENTS',
  hostileStormSeconds: 'BENCH_HOSTILE_STORM_SECONDS',
  lensDeltas: 'BENCH_LENS_DELTAS',
};

function names(list: string): BenchName[] {
  return list.split(',').map((name) => {
    const trimmed = name.trim();
    if (!(benchNames as readonly string[]).includes(trimmed)) {
      throw new BenchUsageError(
        `unknown benchmark "${trimmed}" (one of: ${benchNames.join(', ')})`,
      );
    }
    return trimmed as BenchName;
  });
}

export function parseBenchArgs(
  args: string[],
  env: NodeJS.ProcessEnv,
  defaultJsonPath: string,
): BenchSettings {
  let mode: BenchMode = 'default';
  const only = new Set<BenchName>();
  const skip = new Set<BenchName>();
  let jsonPath = defaultJsonPath;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new BenchUsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--quick') mode = 'quick';
    else if (flag === '--full') mode = 'full';
    else if (flag === '--only') for (const name of names(value())) only.add(name);
    else if (flag === '--skip') for (const name of names(value())) skip.add(name);
    else if (flag === '--json') jsonPath = value();
    else throw new BenchUsageError(`unknown argument "${arg}"`);
  }
  const selected = new Set<BenchName>(only.size > 0 ? only : benchNames);
  for (const name of skip) selected.delete(name);
  const settings: BenchSettings = { mode, only: selected, jsonPath, ...sizes[mode] };
  for (const [key, envName] of Object.entries(envNames) as [keyof typeof envNames, string][]) {
    const text = env[envName];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) {
      throw new BenchUsageError(`${envName} must be a non-negative number, not "${text}"`);
    }
    settings[key] = value;
  }
  return settings;
}
