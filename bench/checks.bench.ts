// Time of the contract checks judging a long stream (every key but llm and schemas, results read
// every 1,000 events as the Checks tab does), and for twice as many events: the Checks tab must
// cost the UI nothing measurable at 10,000 events/s.
// Run alone: node --experimental-strip-types bench/checks.bench.ts [events]
import { createCheckEvaluator } from '../shared/checks/index.ts';
import type { BenchRow } from './lib/report.ts';

export interface ChecksBenchResult {
  events: number;
  /** Best of the rounds, ms, for `events` and for twice as many. */
  ms: number;
  doubleMs: number;
  rounds: number;
}

const types = ['start', 'delta', 'done'];

function judge(events: number): number {
  const started = performance.now();
  const evaluator = createCheckEvaluator({
    status: 200,
    contentType: 'text/event-stream',
    events: { min: 1 },
    types,
    sequence: ['start', 'delta+', 'done?'],
    ids: 'unique',
    maxGapMs: 1000,
    firstEventWithinMs: 1000,
    noWarnings: true,
    endsWith: { type: 'delta' },
  });
  evaluator.push({ kind: 'attempt', attempt: 1, t: 0, lastEventId: null });
  evaluator.push({
    kind: 'response',
    attempt: 1,
    t: 1,
    status: 200,
    contentType: 'text/event-stream',
  });
  for (let i = 0; i < events; i++) {
    const type = i === 0 ? 'start' : 'delta';
    evaluator.push({
      kind: 'event',
      attempt: 1,
      t: 2 + i * 0.1,
      index: i,
      type,
      data: '{"x":1}',
      lastEventId: String(i),
    });
    if (i % 1000 === 0) evaluator.results();
  }
  evaluator.end();
  const failed = evaluator.results().filter((r) => r.state !== 'pass');
  if (failed.length > 0) throw new Error(`checks failed: ${JSON.stringify(failed)}`);
  return performance.now() - started;
}

export function runChecksBench(
  options: { events?: number; rounds?: number } = {},
): ChecksBenchResult {
  const events = options.events ?? 200_000;
  const rounds = options.rounds ?? 3;
  let ms = Infinity;
  let doubleMs = Infinity;
  for (let round = 0; round < rounds; round++) {
    ms = Math.min(ms, judge(events));
    doubleMs = Math.min(doubleMs, judge(events * 2));
  }
  return { events, ms, doubleMs, rounds };
}

export function checksRows(result: ChecksBenchResult): BenchRow[] {
  const perSecond = result.events / (result.ms / 1000);
  const growth = result.doubleMs / result.ms;
  return [
    {
      bench: 'lenses',
      name: `Checks: ${result.events.toLocaleString('en')} events through 10 checks`,
      measured: perSecond,
      reference: 10_000,
      referenceLabel: '10,000 events/s (a busy stream)',
      ratio: perSecond / 10_000,
      unit: 'events/s',
      // A busy stream should cost the checks at most 1% of one core.
      budget: 'ratio ≥ 100',
      pass: perSecond / 10_000 >= 100,
      notes: `best of ${result.rounds}, ${result.ms.toFixed(0)} ms`,
    },
    {
      bench: 'lenses',
      name: 'Checks: time for twice the events',
      measured: result.doubleMs,
      reference: result.ms,
      referenceLabel: `${result.events.toLocaleString('en')} events`,
      ratio: growth,
      unit: 'ms',
      budget: 'ratio < 3 (linear: ~2)',
      pass: growth < 3,
      notes: 'work that grows with the stream would make the ratio ~4',
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  console.log(runChecksBench(events === undefined ? {} : { events }));
}
