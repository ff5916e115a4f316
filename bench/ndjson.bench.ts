// Throughput of NdjsonParser (shared/streams) against a minimal reference in the same run: a
// streaming TextDecoder, a split on "\n" with the carried tail, and JSON.parse of each line,
// which is what a hand-written NDJSON reader does (no byte ranges, limits or warnings).
// Run: node bench/ndjson.bench.ts [sizeMiB]   (Node 24 strips the types itself)

import { NdjsonParser } from '../shared/streams/index.ts';
import {
  compareParsers,
  formatBenchResult,
  splitIntoChunks,
  type BenchResult,
  type ParserBenchOptions,
} from './parser.bench.ts';

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

/** Same shape as the SSE parser bench's result (`events` counts records). */
export type NdjsonBenchResult = BenchResult;

export async function runNdjsonBench(options: ParserBenchOptions = {}): Promise<NdjsonBenchResult> {
  const streamBytes = options.streamBytes ?? 50 * 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 16 * 1024;
  const rounds = options.rounds ?? 7;
  const stream = buildOllamaLikeStream(streamBytes);
  // Warm-up on a whole smaller stream (the reference, like any plain reader, throws on a cut
  // last line).
  const warmup = splitIntoChunks(
    buildOllamaLikeStream(Math.min(streamBytes, 4 * 1024 * 1024)),
    chunkBytes,
  );
  const compared = await compareParsers(
    { name: 'NdjsonParser', run: runOurs },
    { name: 'split + JSON.parse', run: runReference },
    { chunks: splitIntoChunks(stream, chunkBytes), warmup, streamBytes: stream.length, rounds },
  );
  const corpus = 'Ollama-like lines';
  return { corpus, streamBytes: stream.length, chunkBytes, rounds, ...compared };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizeMiB = Number(process.argv[2] ?? 50);
  console.log(formatBenchResult(await runNdjsonBench({ streamBytes: sizeMiB * 1024 * 1024 })));
}
