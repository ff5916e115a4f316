// Time of the LLM lens assembling a long stream of deltas (a snapshot every 1,000, as the UI
// asks), and the same for twice as many: linear work doubles, quadratic work quadruples.
// Run alone: node --experimental-strip-types bench/lenses.bench.ts [deltas]
import { createLlmLens } from '../shared/lenses/llm/llm-lens.ts';

export interface LensBenchResult {
  deltas: number;
  /** Best of the rounds, ms, for `deltas` and for twice as many. */
  ms: number;
  doubleMs: number;
  rounds: number;
}

function assemble(deltas: number): number {
  const started = performance.now();
  const lens = createLlmLens();
  for (let i = 0; i < deltas; i++) {
    lens.push({
      type: 'message',
      data: '{"choices":[{"index":0,"delta":{"content":"x"}}]}',
      t: i,
    });
    if (i % 1000 === 0) lens.snapshot();
  }
  const result = lens.end();
  if (result.text.length !== deltas) throw new Error(`assembled ${result.text.length} deltas`);
  return performance.now() - started;
}

export function runLensBench(options: { deltas?: number; rounds?: number } = {}): LensBenchResult {
  const deltas = options.deltas ?? 200_000;
  const rounds = options.rounds ?? 3;
  let ms = Infinity;
  let doubleMs = Infinity;
  // Interleaved, best of each: the least disturbed run of both sizes.
  for (let round = 0; round < rounds; round++) {
    ms = Math.min(ms, assemble(deltas));
    doubleMs = Math.min(doubleMs, assemble(deltas * 2));
  }
  return { deltas, ms, doubleMs, rounds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const deltas = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  console.log(runLensBench(deltas === undefined ? {} : { deltas }));
}
