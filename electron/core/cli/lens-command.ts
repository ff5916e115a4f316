import { existsSync } from 'node:fs';
import { FieldPathError, parseFieldPath } from '../../../shared/lenses/field-path.ts';
import { createLlmLens } from '../../../shared/lenses/llm/llm-lens.ts';
import type { LlmLens } from '../../../shared/lenses/llm/llm-lens.ts';
import { llmFormats } from '../../../shared/lenses/llm/types.ts';
import type { LlmFormat, LlmLensSnapshot } from '../../../shared/lenses/llm/types.ts';
import { createStreamStats } from '../../../shared/lenses/stats/stream-stats.ts';
import type { StreamStatsBuilder } from '../../../shared/lenses/stats/stream-stats.ts';
import type { StreamStats } from '../../../shared/lenses/stats/types.ts';
import { createStreamParser, framingOfFile } from '../../../shared/streams/framing.ts';
import { framings, type Framing } from '../../../shared/streams/types.ts';
import { seqPages } from '../files/session-pages.ts';
import { MAX_PAGE } from '../workspace/timeline-queries.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { defineCommand, type Fail } from './cli-command.ts';
import { describeReadError, type CliIo } from './cli-io.ts';
import {
  choiceOption,
  CliUsageError,
  parseOptions,
  singleArgument,
  wholeNumberOption,
  type OptionKind,
} from './options.ts';

const lensUsage = `Usage: npm run --silent cli -- lens FILE|SESSION_ID [options]

Decodes an LLM streaming response (OpenAI chat completions, OpenAI Responses, Anthropic
messages, Ollama, Gemini, or JSON with a text field) and prints ONE JSON object: format,
assembled text, finishReason, deltas, ttftMs, problems, toolCalls, usage, and stream statistics.
FILE is a raw response body ("-" reads standard input); all digits and not a file: a recorded
session.
  --db FILE        Workspace file for SESSION_ID (default: the app's workspace)
  --attempt N      Only this attempt of the session
  --format F       Decode as openai-chat, openai-responses, anthropic, ollama, gemini or generic
                   (no detection)
  --framing F      FILE's framing: sse, ndjson, json-seq or json-array (default: by extension,
                   .ndjson/.jsonl ndjson, .json json-array, .json-seq json-seq; else sse)
  --field PATH     Generic format: the text delta's field, e.g. choices.0.text or token.text
  --gap-ms N       Report pauses between text deltas longer than N ms (default 1000)
Timings are null for a file (it has no arrival times). Exit code: 0 (also when problems are
found), 1 when the workspace cannot be read, 2 for usage or a missing file or session.
`;

const optionSpec: Record<string, OptionKind> = {
  '-h': 'flag',
  '--help': 'flag',
  '--db': 'value',
  '--attempt': 'value',
  '--format': 'value',
  '--field': 'value',
  '--gap-ms': 'value',
  '--framing': 'value',
};

interface LensSettings {
  target: string;
  dbPath: string;
  attempt: number | null;
  format: LlmFormat | null;
  field: string | null;
  gapMs: number | undefined;
  framing: Framing | null;
}

/** A malformed --field path is a usage error, found before any input is read. */
function checkFieldPath(field: string): void {
  try {
    parseFieldPath(field);
  } catch (error) {
    if (error instanceof FieldPathError) throw new CliUsageError(error.message);
    throw error;
  }
}

function parseLensArgs(args: string[]): LensSettings {
  const options = parseOptions(args, optionSpec);
  const target = singleArgument(options, 'a FILE or SESSION_ID is required');
  const format = choiceOption(options.values.get('--format'), '--format', llmFormats) ?? null;
  const field = options.values.get('--field') ?? null;
  if (field !== null) checkFieldPath(field);
  return {
    target,
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
    attempt: wholeNumberOption(options.values.get('--attempt'), '--attempt', 1),
    format,
    field,
    gapMs: wholeNumberOption(options.values.get('--gap-ms'), '--gap-ms', 0) ?? undefined,
    framing: choiceOption(options.values.get('--framing'), '--framing', framings) ?? null,
  };
}

/** A user mistake or a missing input: one line on stderr, exit 2 (1 for an unreadable workspace). */
class LensInputError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'LensInputError';
    this.exitCode = exitCode;
  }
}

async function readFileStream(
  settings: LensSettings,
  io: CliIo,
  lens: LlmLens,
  stats: StreamStatsBuilder,
): Promise<void> {
  if (settings.attempt !== null) throw new LensInputError('--attempt applies to a session only');
  const file = settings.target;
  // stdin is touched only when it is the input: Node makes the stream when first asked.
  let input: AsyncIterable<unknown>;
  let close = async (): Promise<void> => {};
  if (file === '-') {
    input = io.stdin;
  } else {
    try {
      // Only for a FILE: node:fs/promises loads a dozen more of Node's modules (see parse).
      const { open } = await import('node:fs/promises');
      const handle = await open(file, 'r');
      close = () => handle.close();
      if ((await handle.stat()).isDirectory()) {
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      }
      input = handle.createReadStream({ autoClose: false });
    } catch (error) {
      await close();
      throw new LensInputError(`cannot read '${file}': ${describeReadError(error)}`);
    }
  }
  let index = 0;
  const parser = createStreamParser(settings.framing ?? framingOfFile(file), {
    onOutput: (output) => {
      if (output.kind !== 'event') return;
      const { type, data, lastEventId: id, start, end } = output;
      lens.push({ type, data, id, t: null, index });
      stats.push({ kind: 'event', t: null, type, start, end, index });
      index++;
    },
  });
  try {
    for await (const chunk of input) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Uint8Array);
      parser.push(bytes);
      stats.push({ kind: 'chunk', t: null, size: bytes.length });
    }
  } catch (error) {
    throw new LensInputError(`cannot read '${file}': ${describeReadError(error)}`);
  } finally {
    await close();
  }
  parser.end();
}

async function readSession(
  settings: LensSettings,
  sessionId: number,
): Promise<{
  lens: LlmLens;
  stats: StreamStatsBuilder;
}> {
  if (settings.framing !== null) {
    throw new LensInputError('--framing applies to a FILE only (a session keeps its framing)');
  }
  if (!existsSync(settings.dbPath)) {
    throw new LensInputError(
      `no such file '${settings.target}', and no workspace at ${settings.dbPath}`,
    );
  }
  // Loaded only for a session: a FILE or stdin never pays for node:sqlite and the store.
  const { Workspace } = await import('../workspace/workspace.ts');
  let workspace: Workspace;
  try {
    workspace = Workspace.open(settings.dbPath);
  } catch (error) {
    throw new LensInputError((error as Error).message, 1);
  }
  try {
    const session = workspace.getSession(sessionId);
    if (session === null) {
      throw new LensInputError(
        `no such file '${settings.target}', and no session ${sessionId} in ${settings.dbPath}`,
      );
    }
    const wanted = settings.attempt;
    const details = session.attemptDetails;
    const first = wanted === null ? details[0] : details.find((d) => d.attempt === wanted);
    if (wanted !== null && first === undefined) {
      throw new LensInputError(`session ${sessionId} has no attempt ${wanted}`);
    }
    const lens = createLlmLens({
      ...lensOptions(settings),
      requestStartT: first?.startedT ?? null,
    });
    const stats = createStreamStats();
    const inScope = (attempt: number): boolean => wanted === null || attempt === wanted;
    // Pages of at most MAX_PAGE entries by seq: a long session never sits in memory at once.
    const entries = seqPages(MAX_PAGE, (afterSeq) =>
      workspace.readTimeline(sessionId, {
        kinds: ['attempt', 'response', 'closed', 'event'],
        limit: MAX_PAGE,
        afterSeq,
      }),
    );
    for (const { record } of entries) {
      if (!inScope(record.attempt)) continue;
      stats.push(record);
      if (record.kind !== 'event') continue;
      const { type, data, lastEventId: id, t, index } = record;
      lens.push({ type, data, id, t, index });
    }
    const chunks = seqPages(MAX_PAGE, (afterSeq) =>
      workspace.readChunkMetaPage(sessionId, { limit: MAX_PAGE, afterSeq }),
    );
    for (const chunk of chunks) if (inScope(chunk.attempt)) stats.push({ kind: 'chunk', ...chunk });
    return { lens, stats };
  } finally {
    workspace.close();
  }
}

function lensOptions(settings: LensSettings): Parameters<typeof createLlmLens>[0] {
  return {
    format: settings.format,
    textField: settings.field,
    ...(settings.gapMs === undefined ? {} : { gapThresholdMs: settings.gapMs }),
  };
}

const ms = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 1000) / 1000;

/** The printed object: the lens's headline fields first, then details and a stats summary. */
function report(lens: LlmLensSnapshot, stats: StreamStats): Record<string, unknown> {
  const { interArrival, rates, buffering } = stats;
  return {
    format: lens.format,
    text: lens.text,
    finishReason: lens.finishReason,
    deltas: lens.deltas,
    ttftMs: ms(lens.ttftMs),
    problems: lens.problems,
    formatForced: lens.formatForced,
    textField: lens.textField,
    model: lens.model,
    responseId: lens.responseId,
    toolCalls: lens.toolCalls,
    usage: lens.usage,
    blocks: lens.blocks,
    events: lens.events,
    terminated: lens.terminated,
    streamMs: ms(lens.streamMs),
    gaps: lens.gaps.map((gap) => ({ ...gap, ms: ms(gap.ms), t: ms(gap.t) })),
    stats: {
      events: stats.events,
      bytes: stats.bytes,
      durationMs: ms(stats.durationMs),
      eventTypes: stats.eventTypes,
      eventsPerSecond: { mean: ms(rates.meanEventsPerSecond), peak: ms(rates.peakEventsPerSecond) },
      interArrivalMs: {
        p50: ms(interArrival.p50Ms),
        p95: ms(interArrival.p95Ms),
        max: ms(interArrival.maxMs),
        exact: interArrival.exact,
      },
      attempts: stats.attempts.map((a) => ({
        attempt: a.attempt,
        status: a.status,
        timeToResponseMs: ms(a.timeToResponseMs),
        timeToFirstByteMs: ms(a.timeToFirstByteMs),
        timeToFirstEventMs: ms(a.timeToFirstEventMs),
      })),
      buffering: {
        suspected: buffering.suspected,
        reasons: buffering.reasons,
        bursts: buffering.burstCount,
      },
    },
  };
}

/**
 * `lens FILE|SESSION_ID [--db F] [--attempt N] [--format F] [--field PATH] [--gap-ms N]`: the LLM
 * lens and stream statistics over a stream file or a recorded session, printed as one JSON object.
 */
export const runLensCommand = defineCommand({
  name: 'lens',
  usage: lensUsage,
  usageNote: 'see lens --help',
  parse: parseLensArgs,
  run: runLens,
});

async function runLens(settings: LensSettings, io: CliIo, fail: Fail): Promise<number> {
  try {
    const { target } = settings;
    let lens: LlmLens;
    let stats: StreamStatsBuilder;
    if (/^\d+$/.test(target) && !existsSync(target)) {
      ({ lens, stats } = await readSession(settings, Number(target)));
    } else {
      lens = createLlmLens(lensOptions(settings));
      stats = createStreamStats();
      await readFileStream(settings, io, lens, stats);
    }
    io.stdout.write(`${JSON.stringify(report(lens.end(), stats.snapshot()))}\n`);
    return 0;
  } catch (error) {
    if (error instanceof LensInputError) return fail(error.message, error.exitCode);
    throw error;
  }
}
