// Throughput of NdjsonParser (shared/streams) against a minimal reference in the same run: a
// streaming TextDecoder, a split on "\n" with the carried tail, and JSON.parse of each line,
// which is what a hand-written NDJSON reader does (no byte ranges, limits or warnings).
// Run: node bench/ndjson.bench.ts [sizeMiB]   (Node 24 strips the types itself)

import { NdjsonParser } from '../shared/streams/index.ts';

export interface NdjsonBenchMeasurement {
  name: string;
  bestMs: number;
  medianMs: number;
  mbPerSecond: number;
  recordsPerSecond: number;
  records: number;
}

export interface NdjsonBenchResult {
  streamBytes: number;
  chunkBytes: number;
  rounds: number;
  ours: NdjsonBenchMeasurement;
  reference: NdjsonBenchMeasurement;
  /** Our throughput divided by the reference's (best rounds); above 1 means faster. */
  ratio: number;
}

const WORDS = ['the', 'sky', 'token', 'blue', 'light', 'scatters', 'model', 'café', '数据'];

/** Ollama /api/chat lines (one token each), a final `done` line every 200. */
export function buildOllamaLikeStream(targetBytes: number): Uint8Array {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const done = i % 200 === 199;
    const line = JSON.stringify({
      model: 'llama3.2',
      created_at: `2024-07-22T20:33:28.${String(i % 1_000_000).padStart(6, '0')}Z`,
      message: { role: 'assistant', content: done ? '' : ` ${WORDS[i % WORDS.length]!}` },
      done,
      ...(done ? { done_reason: 'stop', prompt_eval_count: 26, eval_count: 199 } : {}),
    });
    lines.push(line);
    size += line.length + 1;
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function runOurs(chunks: Uint8Array[]): number {
  let records = 0;
  let sink = 0;
  const parser = new NdjsonParser({
    onOutput: (output) => {
      if (output.kind !== 'event') return;
      records++;
      sink += output.data.length + output.end;
    },
  });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return sink === -1 ? -1 : records;
}

function runReference(chunks: Uint8Array[]): number {
  let records = 0;
  let sink = 0;
  const decoder = new TextDecoder();
  let carry = '';
  const line = (text: string): void => {
    if (text === '') return;
    sink += (JSON.parse(text) as { done: boolean }).done ? 1 : 0;
    records++;
  };
  for (const chunk of chunks) {
    const lines = (carry + decoder.decode(chunk, { stream: true })).split('\n');
    carry = lines.pop()!;
    for (const text of lines) line(text);
  }
  line(carry + decoder.decode());
  return sink === -1 ? -1 : records;
}

function measure(
  name: string,
  run: (chunks: Uint8Array[]) => number,
  chunks: Uint8Array[],
  streamBytes: number,
): NdjsonBenchMeasurement {
  const started = performance.now();
  const records = run(chunks);
  const ms = performance.now() - started;
  return {
    name,
    bestMs: ms,
    medianMs: ms,
    mbPerSecond: streamBytes / 1e6 / (ms / 1000),
    recordsPerSecond: records / (ms / 1000),
    records,
  };
}

export async function runNdjsonBench(
  options: { streamBytes?: number; chunkBytes?: number; rounds?: number } = {},
): Promise<NdjsonBenchResult> {
  const streamBytes = options.streamBytes ?? 50 * 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 16 * 1024;
  const rounds = options.rounds ?? 7;
  const stream = buildOllamaLikeStream(streamBytes);
  const split = (bytes: Uint8Array): Uint8Array[] => {
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += chunkBytes)
      pieces.push(bytes.subarray(i, i + chunkBytes));
    return pieces;
  };
  const chunks = split(stream);
  // A whole smaller stream (the reference, like any plain reader, throws on a cut last line).
  const warmup = split(buildOllamaLikeStream(Math.min(streamBytes, 4 * 1024 * 1024)));
  for (let i = 0; i < 3; i++) {
    runOurs(warmup);
    runReference(warmup);
  }
  // Interleaved rounds, so machine noise affects both alike.
  const ours: NdjsonBenchMeasurement[] = [];
  const reference: NdjsonBenchMeasurement[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(measure('sse-inspector NdjsonParser', runOurs, chunks, stream.length));
    reference.push(measure('split + JSON.parse', runReference, chunks, stream.length));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const best = (list: NdjsonBenchMeasurement[]): NdjsonBenchMeasurement => {
    const sorted = [...list].sort((a, b) => a.bestMs - b.bestMs);
    return { ...sorted[0]!, medianMs: sorted[Math.floor(sorted.length / 2)]!.bestMs };
  };
  const oursBest = best(ours);
  const referenceBest = best(reference);
  if (oursBest.records !== referenceBest.records) {
    throw new Error(`record counts differ: ${oursBest.records} vs ${referenceBest.records}`);
  }
  return {
    streamBytes: stream.length,
    chunkBytes,
    rounds,
    ours: oursBest,
    reference: referenceBest,
    ratio: oursBest.mbPerSecond / referenceBest.mbPerSecond,
  };
}

export function formatNdjsonBenchResult(result: NdjsonBenchResult): string {
  const line = (m: NdjsonBenchMeasurement): string =>
    `${m.name.padEnd(28)} ${m.mbPerSecond.toFixed(0).padStart(6)} MB/s  ` +
    `${(m.recordsPerSecond / 1e6).toFixed(2).padStart(5)} M records/s  ` +
    `best ${m.bestMs.toFixed(1)} ms, median ${m.medianMs.toFixed(1)} ms`;
  return [
    `ndjson bench: ${(result.streamBytes / 1e6).toFixed(1)} MB, ${result.ours.records} records, ` +
      `${result.chunkBytes}-byte chunks, ${result.rounds} rounds`,
    line(result.ours),
    line(result.reference),
    `ratio ours/reference: ${result.ratio.toFixed(2)}x`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizeMiB = Number(process.argv[2] ?? 50);
  console.log(
    formatNdjsonBenchResult(await runNdjsonBench({ streamBytes: sizeMiB * 1024 * 1024 })),
  );
}
