import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord, ChunkRecord, EventRecord } from '../../capture/records.ts';
import { parseEventStream } from '../stream-events.ts';
import { computeStreamStats, createStreamStats } from './stream-stats.ts';
import type { StatsRecord } from './types.ts';

const samples = join(import.meta.dirname, '../../../tests/fixtures/samples');

function event(t: number, options: Partial<EventRecord> = {}): EventRecord {
  return {
    kind: 'event',
    attempt: 1,
    t,
    index: 0,
    type: 'message',
    data: 'x',
    lastEventId: '',
    start: 0,
    end: 10,
    ...options,
  };
}

function chunk(t: number, size: number, attempt = 1): ChunkRecord {
  return { kind: 'chunk', attempt, seq: 0, t, wall: t, offset: 0, bytes: new Uint8Array(size) };
}

function lifecycle(
  attempt: number,
  startT: number,
  responseT: number,
  endT: number | null,
): CaptureRecord[] {
  const records: CaptureRecord[] = [
    {
      kind: 'attempt',
      attempt,
      t: startT,
      wall: startT,
      reason: attempt === 1 ? 'initial' : 'reconnect',
      lastEventId: null,
      request: { method: 'GET', url: 'https://example.test/', headers: [], bodyBytes: 0 },
    },
    {
      kind: 'response',
      attempt,
      t: responseT,
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [],
      contentType: 'text/event-stream',
      url: 'https://example.test/',
    },
  ];
  if (endT !== null) {
    records.push({
      kind: 'closed',
      attempt,
      t: endT,
      reason: 'server-closed',
      bytes: 0,
      events: 0,
      incomplete: false,
    });
  }
  return records;
}

/** Events every `gap` ms from `from`, each 10 bytes wide, numbered from `index`. */
const steady = (count: number, from: number, gap: number, index = 0): EventRecord[] =>
  Array.from({ length: count }, (_, i) =>
    event(from + i * gap, {
      index: index + i,
      start: (index + i) * 10,
      end: (index + i) * 10 + 10,
    }),
  );

describe('stream statistics', () => {
  it('counts events by type and bytes of a file without times, with no timings', () => {
    const events = parseEventStream(readFileSync(join(samples, 'anthropic-messages.sse')));
    const stats = computeStreamStats(events.map((e) => ({ ...e, kind: 'event' })));
    expect(stats.events).toBe(10);
    expect(stats.eventTypes[0]).toEqual({ type: 'content_block_delta', count: 4 });
    expect(stats.eventTypes).toContainEqual({ type: 'ping', count: 1 });
    expect(stats.bytesSource).toBe('events');
    expect(stats.bytes).toBeGreaterThan(1000);
    expect(stats).toMatchObject({
      firstEventT: null,
      durationMs: null,
      buffering: { suspected: false },
    });
    expect(stats.interArrival).toMatchObject({ count: 0, p50Ms: null, maxMs: null });
    expect(stats.rates.buckets).toEqual([]);
  });

  it('measures per-attempt times to response, first byte and first event', () => {
    const records: CaptureRecord[] = [
      ...lifecycle(1, 0, 120, 900),
      chunk(150, 100),
      event(160),
      ...lifecycle(2, 3900, 3950, null),
      chunk(4300, 50, 2),
      event(4310, { attempt: 2 }),
    ];
    const stats = computeStreamStats(records);
    expect(stats.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 200,
        timeToResponseMs: 120,
        timeToFirstByteMs: 150,
        timeToFirstEventMs: 160,
        endT: 900,
        events: 1,
        chunks: 1,
        bytes: 100,
      }),
      expect.objectContaining({
        attempt: 2,
        timeToResponseMs: 50,
        timeToFirstByteMs: 400,
        timeToFirstEventMs: 410,
        endT: null,
      }),
    ]);
    // The reconnect delay between the attempts is not an inter-arrival gap.
    expect(stats.interArrival.count).toBe(0);
    expect(stats).toMatchObject({ bytes: 150, bytesSource: 'chunks', chunks: 2 });
  });

  it('gives events and bytes per second in 1 s buckets', () => {
    const records = [...steady(10, 0, 100), chunk(0, 500), chunk(1500, 300), event(2500)];
    const { rates } = computeStreamStats(records);
    expect(rates.bucketMs).toBe(1000);
    expect(rates.buckets).toEqual([
      { t: 0, events: 10, bytes: 500 },
      { t: 1000, events: 0, bytes: 300 },
      { t: 2000, events: 1, bytes: 0 },
    ]);
    expect(rates.peakEventsPerSecond).toBe(10);
    expect(rates.meanEventsPerSecond).toBeCloseTo(11 / 2.5);
  });

  it('merges buckets when a stream is longer than maxRateBuckets', () => {
    const { rates } = computeStreamStats(steady(100, 0, 1000), { maxRateBuckets: 10 });
    expect(rates.bucketMs).toBe(10_000);
    expect(rates.buckets).toHaveLength(10);
    expect(rates.buckets[0]).toMatchObject({ t: 0, events: 10 });
  });

  it('gives exact percentiles and a log-scale histogram of inter-arrival gaps', () => {
    // 100 gaps: 1, 2, …, 100 ms.
    const records: EventRecord[] = [];
    let t = 0;
    for (let i = 0; i <= 100; i++) {
      t += i;
      records.push(event(t, { index: i }));
    }
    const { interArrival } = computeStreamStats(records);
    expect(interArrival).toMatchObject({
      count: 100,
      minMs: 1,
      p50Ms: 50,
      p90Ms: 90,
      p95Ms: 95,
      p99Ms: 99,
      maxMs: 100,
      exact: true,
      meanMs: 50.5,
    });
    expect(interArrival.longest).toEqual({ ms: 100, t, afterEvent: 99 });
    const bin = (from: number) => interArrival.histogram.find((b) => b.fromMs === from)?.count;
    expect(bin(1)).toBe(1); // [1, 2)
    expect(bin(50)).toBe(50); // [50, 100)
    expect(bin(100)).toBe(1);
    expect(interArrival.histogram.reduce((sum, b) => sum + b.count, 0)).toBe(100);
    expect(interArrival.histogram.at(-1)).toEqual({ fromMs: 60_000, toMs: null, count: 0 });
  });

  it('estimates percentiles from a bounded sample beyond the reservoir size', () => {
    const builder = createStreamStats({ reservoirSize: 2000 });
    // Gaps cycle through 0..999 ms: the true p50 is ~500, p95 ~950.
    let t = 0;
    for (let i = 0; i < 50_000; i++) {
      t += i % 1000;
      builder.push({ kind: 'event', t, attempt: 1 });
    }
    const { interArrival } = builder.snapshot();
    expect(interArrival).toMatchObject({
      exact: false,
      sampleSize: 2000,
      maxMs: 999,
      count: 49_999,
    });
    expect(interArrival.p50Ms).toBeGreaterThan(450);
    expect(interArrival.p50Ms).toBeLessThan(550);
    expect(interArrival.p95Ms).toBeGreaterThan(920);
    expect(interArrival.p95Ms).toBeLessThan(980);
  });
});

describe('buffering detector', () => {
  /** `bursts` flushes of `size` events 1 ms apart, every `period` ms, from t = 100. */
  function flushes(bursts: number, size: number, period: number): EventRecord[] {
    const records: EventRecord[] = [];
    for (let b = 0; b < bursts; b++) {
      for (let i = 0; i < size; i++) {
        const index = records.length;
        records.push(
          event(100 + b * period + i, { index, start: index * 10, end: index * 10 + 10 }),
        );
      }
    }
    return records;
  }

  it('does not suspect a steady stream', () => {
    const stats = computeStreamStats([...lifecycle(1, 0, 50, 5100), ...steady(100, 100, 50)]);
    expect(stats.buffering).toMatchObject({
      suspected: false,
      burstCount: 0,
      reasons: [],
      wholeResponseAtEnd: [],
      medianGapMs: 50,
    });
  });

  it('suspects repeated bursts after long silences, with the bursts as evidence', () => {
    const stats = computeStreamStats([...lifecycle(1, 0, 50, null), ...flushes(4, 8, 2000)]);
    const { buffering } = stats;
    expect(buffering.suspected).toBe(true);
    expect(buffering.medianGapMs).toBe(1);
    expect(buffering.silenceThresholdMs).toBe(250);
    // The first flush came 50 ms after the response head: too soon to count as held back.
    expect(buffering.burstCount).toBe(3);
    expect(buffering.eventsInBursts).toBe(24);
    expect(buffering.bursts[0]).toEqual({
      attempt: 1,
      t: 2100,
      silenceMs: 1993,
      events: 8,
      bytes: 80,
      spanMs: 7,
    });
    expect(buffering.bursts.map((b) => b.silenceMs)).toEqual([1993, 1993, 1993]);
    expect(buffering.reasons[0]).toMatch(
      /^3 bursts of ≥ 5 events each came after silences of ≥ 250 ms, carrying 24 of 32 events/,
    );
  });

  it('ignores bursts that hold only a small part of the stream', () => {
    const steadyPart = steady(200, 100, 50);
    const burst = (from: number, index: number) =>
      Array.from({ length: 6 }, (_, i) => event(from + i, { index: index + i }));
    const stats = computeStreamStats([...steadyPart, ...burst(20_000, 200), ...burst(30_000, 206)]);
    expect(stats.buffering.burstCount).toBe(2);
    expect(stats.buffering.suspected).toBe(false);
  });

  it('flags a response that arrived in one chunk at the end', () => {
    const records = [
      ...lifecycle(1, 0, 40, 3100),
      chunk(3000, 4000),
      ...Array.from({ length: 20 }, (_, i) => event(3000, { index: i })),
    ];
    const { buffering } = computeStreamStats(records);
    expect(buffering.suspected).toBe(true);
    expect(buffering.wholeResponseAtEnd).toEqual([
      { attempt: 1, t: 3000, waitedMs: 2960, events: 20, bytes: 4000, evidence: 'chunk' },
    ]);
  });

  it('flags all events arriving at once when no chunk data is given', () => {
    const records = [
      ...lifecycle(1, 0, 40, 3100),
      ...Array.from({ length: 6 }, (_, i) => event(3000 + i * 0.2, { index: i })),
    ];
    expect(computeStreamStats(records).buffering.wholeResponseAtEnd).toEqual([
      expect.objectContaining({ attempt: 1, evidence: 'events', events: 6, waitedMs: 2960 }),
    ]);
  });

  it('accepts timeline records and chunk metadata fed separately', () => {
    const timeline: StatsRecord[] = [...lifecycle(1, 0, 10, 2000), ...steady(5, 100, 100)];
    const chunkMeta: StatsRecord[] = [100, 200, 300].map((t) => ({
      kind: 'chunk',
      attempt: 1,
      t,
      size: 20,
    }));
    const stats = computeStreamStats([...timeline, ...chunkMeta]);
    expect(stats).toMatchObject({ bytes: 60, bytesSource: 'chunks', events: 5 });
    expect(stats.attempts[0]).toMatchObject({ timeToFirstByteMs: 100, chunks: 3 });
  });
});

describe('attempt timing from a stored summary', () => {
  it('derives the same durations as the records give', async () => {
    const { attemptTimingFromDetail } = await import('./stats-report.ts');
    expect(
      attemptTimingFromDetail({
        attempt: 2,
        status: 200,
        startedT: 1000,
        responseT: 1080,
        firstByteT: 1100,
        firstEventT: 1105,
        endT: null,
        bytes: 10,
        events: 1,
      }),
    ).toMatchObject({
      startT: 1000,
      timeToResponseMs: 80,
      timeToFirstByteMs: 100,
      timeToFirstEventMs: 105,
    });
  });
});
