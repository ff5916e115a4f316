// Throughput of SseParser against eventsource-parser (v4) on the same bytes, on two corpora.
// Run: node bench/parser.bench.ts [sizeMiB]   (Node 24 strips the types itself)

import { createParser } from 'eventsource-parser';
import { SseParser } from '../shared/sse/index.ts';

export interface ParserBenchMeasurement {
  name: string;
  /** CPU time of a round, the lowest and the median. */
  bestMs: number;
  medianMs: number;
  mbPerSecond: number;
  eventsPerSecond: number;
  events: number;
}

export interface BenchResult {
  /** Which stream was parsed (see ParserBenchOptions.corpus). */
  corpus: string;
  streamBytes: number;
  chunkBytes: number;
  rounds: number;
  ours: ParserBenchMeasurement;
  reference: ParserBenchMeasurement;
  /** Our throughput divided by eventsource-parser's (best rounds); above 1 means faster. */
  ratio: number;
}

export interface ParserBenchOptions {
  /** `llm` (default): OpenAI-shaped chunks; `issue`: the issue-21 id/event/data events. */
  corpus?: 'llm' | 'issue';
  streamBytes?: number;
  chunkBytes?: number;
  rounds?: number;
}

const WORDS = ['the', 'stream', 'token', 'parser', 'event', 'reply', 'model', 'chunk', 'data'];
const MULTIBYTE = ['café', 'naïve', '日本語', 'Grüße', '🚀', 'привет', '✓', '数据'];

/** OpenAI chat-completion chunks, about one in six containing non-ASCII text. */
export function buildOpenAiLikeStream(targetBytes: number): Uint8Array {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let size = 0;
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; size < targetBytes; i++) {
    const words: string[] = [];
    const count = 1 + random(4);
    for (let w = 0; w < count; w++) {
      words.push(random(24) === 0 ? MULTIBYTE[random(MULTIBYTE.length)]! : WORDS[random(9)]!);
    }
    const chunk = {
      id: 'chatcmpl-9x2Kq7LmB3',
      object: 'chat.completion.chunk',
      created: 1764000000 + (i >> 6),
      model: 'gpt-4o-mini-2024-07-18',
      system_fingerprint: 'fp_0aa8d3e20b',
      choices: [
        {
          index: 0,
          delta: { content: ` ${words.join(' ')}` },
          logprobs: null,
          finish_reason: null,
        },
      ],
    };
    const event =
      i % 50 === 0
        ? `: keep-alive\n\nid: ${i}\ndata: ${JSON.stringify(chunk)}\n\n`
        : `data: ${JSON.stringify(chunk)}\n\n`;
    parts.push(event);
    size += event.length + 8;
  }
  return encoder.encode(parts.join(''));
}

/** One event of the issue-21 corpus: `id: N`, `event: delta|message`, JSON data with non-ASCII. */
export function issueEvent(i: number): string {
  const data = JSON.stringify({
    i,
    text: 'the quick brown fox jumps over the lazy dog ünïcødé',
    tokens: [1, 2, 3, 4, 5, 6, 7, 8],
  });
  return `id: ${i}\nevent: ${i % 3 === 0 ? 'delta' : 'message'}\ndata: ${data}\n\n`;
}

/** The issue-21 corpus (see issueEvent), about `targetBytes` long. */
export function buildIssueStream(targetBytes: number): Uint8Array {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const event = issueEvent(i);
    parts.push(event);
    size += event.length + 4;
  }
  return new TextEncoder().encode(parts.join(''));
}

function runOurs(chunks: Uint8Array[]): number {
  let events = 0;
  let sink = 0;
  const parser = new SseParser({
    onOutput: (output) => {
      if (output.kind === 'event') {
        events++;
        sink += output.data.length + output.end;
      }
    },
  });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return sink === -1 ? -1 : events;
}

function runReference(chunks: Uint8Array[]): number {
  let events = 0;
  let sink = 0;
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (event) => {
      events++;
      sink += event.data.length;
    },
  });
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  parser.feed(decoder.decode());
  return sink === -1 ? -1 : events;
}

function measure(
  name: string,
  run: (chunks: Uint8Array[]) => number,
  chunks: Uint8Array[],
  streamBytes: number,
  rounds: number,
): ParserBenchMeasurement {
  const times: number[] = [];
  let events = 0;
  for (let round = 0; round < rounds; round++) {
    // CPU time (user + system, GC helper threads included), not wall time: on a shared machine
    // the wall clock mostly measures the other work.
    const started = process.cpuUsage();
    events = run(chunks);
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const bestMs = times[0]!;
  const medianMs = times[Math.floor(times.length / 2)]!;
  return {
    name,
    bestMs,
    medianMs,
    mbPerSecond: streamBytes / 1e6 / (bestMs / 1000),
    eventsPerSecond: events / (bestMs / 1000),
    events,
  };
}

/**
 * Times `ours` and `reference` on the same chunks in interleaved rounds (machine noise affects
 * both alike), after warming both up on `warmup`; both must count the same events.
 */
export async function compareParsers(
  ours: { name: string; run: (chunks: Uint8Array[]) => number },
  reference: { name: string; run: (chunks: Uint8Array[]) => number },
  input: { chunks: Uint8Array[]; warmup: Uint8Array[]; streamBytes: number; rounds: number },
): Promise<Pick<BenchResult, 'ours' | 'reference' | 'ratio'>> {
  // Warm up both so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < 3; i++) {
    ours.run(input.warmup);
    reference.run(input.warmup);
  }
  const oursRounds: ParserBenchMeasurement[] = [];
  const referenceRounds: ParserBenchMeasurement[] = [];
  for (let round = 0; round < input.rounds; round++) {
    oursRounds.push(measure(ours.name, ours.run, input.chunks, input.streamBytes, 1));
    referenceRounds.push(
      measure(reference.name, reference.run, input.chunks, input.streamBytes, 1),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const best = (list: ParserBenchMeasurement[]): ParserBenchMeasurement => {
    const sorted = [...list].sort((a, b) => a.bestMs - b.bestMs);
    const median = sorted[Math.floor(sorted.length / 2)]!.bestMs;
    return { ...sorted[0]!, medianMs: median };
  };
  const oursBest = best(oursRounds);
  const referenceBest = best(referenceRounds);
  if (oursBest.events !== referenceBest.events) {
    throw new Error(`event counts differ: ${oursBest.events} vs ${referenceBest.events}`);
  }
  return {
    ours: oursBest,
    reference: referenceBest,
    ratio: oursBest.mbPerSecond / referenceBest.mbPerSecond,
  };
}

export function splitIntoChunks(stream: Uint8Array, chunkBytes: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < stream.length; i += chunkBytes) {
    chunks.push(stream.subarray(i, i + chunkBytes));
  }
  return chunks;
}

export async function runParserBench(options: ParserBenchOptions = {}): Promise<BenchResult> {
  const streamBytes = options.streamBytes ?? 50 * 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 16 * 1024;
  const rounds = options.rounds ?? 7;
  const issue = options.corpus === 'issue';
  const stream = issue ? buildIssueStream(streamBytes) : buildOpenAiLikeStream(streamBytes);
  const chunks = splitIntoChunks(stream, chunkBytes);
  const warmup = chunks.slice(0, Math.min(chunks.length, 400));
  const compared = await compareParsers(
    { name: 'sse-inspector SseParser', run: runOurs },
    { name: 'eventsource-parser', run: runReference },
    { chunks, warmup, streamBytes: stream.length, rounds },
  );
  const corpus = issue
    ? 'issue corpus (id, event, JSON data)'
    : 'LLM corpus (OpenAI-shaped chunks)';
  return { corpus, streamBytes: stream.length, chunkBytes, rounds, ...compared };
}

export function formatBenchResult(result: BenchResult): string {
  const line = (m: ParserBenchMeasurement): string =>
    `${m.name.padEnd(26)} ${m.mbPerSecond.toFixed(0).padStart(6)} MB/s  ` +
    `${(m.eventsPerSecond / 1e6).toFixed(2).padStart(5)} M events/s  ` +
    `best ${m.bestMs.toFixed(1)} ms, median ${m.medianMs.toFixed(1)} ms`;
  return [
    `parser bench, ${result.corpus}: ${(result.streamBytes / 1e6).toFixed(1)} MB, ` +
      `${result.ours.events} events, ` +
      `${result.chunkBytes}-byte chunks, ${result.rounds} rounds`,
    line(result.ours),
    line(result.reference),
    `ratio ours/${result.reference.name}: ${result.ratio.toFixed(2)}x`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizeMiB = Number(process.argv[2] ?? 50);
  for (const corpus of ['llm', 'issue'] as const) {
    console.log(
      formatBenchResult(await runParserBench({ corpus, streamBytes: sizeMiB * 1024 * 1024 })),
    );
  }
}
