import { BurstTracker } from './burst-tracker.ts';
import { GapDistribution } from './gap-distribution.ts';
import { attemptTimings, buildRates, wholeResponsesAtEnd } from './stats-report.ts';
import type { AttemptAccumulator, RateCell } from './stats-report.ts';
import type { BufferingReport, StatsRecord, StreamStats, StreamStatsOptions } from './types.ts';

export interface StreamStatsBuilder {
  /**
   * Feed one record. Events must come in arrival order, and chunks too, but the two may be fed
   * separately (all events, then all chunks). Other kinds used: attempt, response, closed.
   */
  push(record: StatsRecord): void;
  snapshot(): StreamStats;
}

const MAX_EVENT_TYPES = 1000;
const MAX_LISTED_BURSTS = 200;

export function createStreamStats(options: StreamStatsOptions = {}): StreamStatsBuilder {
  const bucketMs = positive(options.bucketMs, 1000);
  const maxRateBuckets = positive(options.maxRateBuckets, 3600);
  const minBurstEvents = positive(options.minBurstEvents, 5);
  const minSilenceMs = nonNegative(options.minSilenceMs, 250);
  const silenceFactor = nonNegative(options.silenceFactor, 10);
  const minBursts = positive(options.minBursts, 2);
  const gaps = new GapDistribution(positive(options.reservoirSize, 10_000));
  const bursts = new BurstTracker(nonNegative(options.burstGapMs, 5), minBurstEvents, minSilenceMs);
  const attempts = new Map<number, AttemptAccumulator>();
  const cells = new Map<number, RateCell>();
  const types = new Map<string, number>();
  let events = 0;
  let timedEvents = 0;
  let chunks = 0;
  let chunkBytes = 0;
  let eventBytes = 0;
  let eventBytesKnown = false;
  let firstEventT: number | null = null;
  let lastEventT: number | null = null;
  let previous: { attempt: number; t: number; index: number } | null = null;

  const attemptOf = (n: number): AttemptAccumulator => {
    let found = attempts.get(n);
    if (found === undefined) {
      found = {
        attempt: n,
        status: null,
        startT: null,
        responseT: null,
        firstByteT: null,
        firstEventT: null,
        endT: null,
        events: 0,
        eventBytes: 0,
        chunks: 0,
        chunkBytes: 0,
        biggestChunk: null,
      };
      attempts.set(n, found);
    }
    return found;
  };
  const cellAt = (t: number): RateCell => {
    const key = Math.floor(t / bucketMs);
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { events: 0, chunkBytes: 0, eventBytes: 0 };
      cells.set(key, cell);
    }
    return cell;
  };

  const pushEvent = (record: StatsRecord, attempt: AttemptAccumulator): void => {
    const index = record.index ?? events;
    events++;
    attempt.events++;
    const type = record.type ?? 'message';
    if (types.has(type) || types.size < MAX_EVENT_TYPES)
      types.set(type, (types.get(type) ?? 0) + 1);
    else types.set('(other)', (types.get('(other)') ?? 0) + 1);
    let bytes = 0;
    if (record.start !== undefined && record.end !== undefined) {
      bytes = Math.max(0, record.end - record.start);
      eventBytes += bytes;
      attempt.eventBytes += bytes;
      eventBytesKnown = true;
    }
    const t = record.t;
    if (t === null) return;
    timedEvents++;
    firstEventT = firstEventT === null ? t : Math.min(firstEventT, t);
    lastEventT = lastEventT === null ? t : Math.max(lastEventT, t);
    attempt.firstEventT ??= t;
    const cell = cellAt(t);
    cell.events++;
    cell.eventBytes += bytes;
    // A reconnect delay is not an inter-arrival gap: gaps are measured within one attempt.
    if (previous !== null && previous.attempt === attempt.attempt) {
      gaps.add(t - previous.t, t, previous.index);
    }
    bursts.add(attempt.attempt, t, bytes, attempt.responseT ?? attempt.startT);
    previous = { attempt: attempt.attempt, t, index };
  };

  const pushChunk = (record: StatsRecord, attempt: AttemptAccumulator): void => {
    const size = record.size ?? (record.bytes instanceof Uint8Array ? record.bytes.length : 0);
    chunks++;
    chunkBytes += size;
    attempt.chunks++;
    attempt.chunkBytes += size;
    if (record.t === null) return;
    attempt.firstByteT =
      attempt.firstByteT === null ? record.t : Math.min(attempt.firstByteT, record.t);
    if (attempt.biggestChunk === null || size > attempt.biggestChunk.bytes) {
      attempt.biggestChunk = { bytes: size, t: record.t };
    }
    cellAt(record.t).chunkBytes += size;
  };

  return {
    push(record: StatsRecord): void {
      const attempt = attemptOf(record.attempt ?? 1);
      switch (record.kind) {
        case 'event':
          pushEvent(record, attempt);
          return;
        case 'chunk':
          pushChunk(record, attempt);
          return;
        case 'attempt':
          attempt.startT ??= record.t;
          return;
        case 'response':
          attempt.responseT ??= record.t;
          attempt.status ??= record.status ?? null;
          return;
        case 'closed':
          attempt.endT = record.t;
          return;
        default:
          return;
      }
    },

    snapshot(): StreamStats {
      const useChunks = chunks > 0;
      const interArrival = gaps.stats();
      const median = interArrival.p50Ms;
      const threshold = median === null ? null : Math.max(minSilenceMs, silenceFactor * median);
      const found = threshold === null ? [] : bursts.bursts(threshold);
      const inBursts = found.reduce((sum, burst) => sum + burst.events, 0);
      const atEnd = wholeResponsesAtEnd(attempts, bursts.burstsPerAttempt, minBurstEvents);
      const reasons: string[] = [];
      // Repeated flushes that carry most of the stream: a proxy or compressor holding data back.
      if (found.length >= minBursts && inBursts * 2 >= events) {
        reasons.push(
          `${found.length} bursts of ≥ ${minBurstEvents} events each came after silences of ≥ ${Math.round(threshold ?? 0)} ms, carrying ${inBursts} of ${events} events.`,
        );
      }
      for (const whole of atEnd) {
        reasons.push(
          whole.evidence === 'chunk'
            ? `Attempt ${whole.attempt}: one chunk carried the whole response (${whole.events} events).`
            : `Attempt ${whole.attempt}: all ${whole.events} events arrived at once.`,
        );
      }
      const buffering: BufferingReport = {
        suspected: reasons.length > 0,
        reasons,
        medianGapMs: median,
        silenceThresholdMs: threshold,
        bursts: found.slice(0, MAX_LISTED_BURSTS),
        burstCount: found.length,
        eventsInBursts: inBursts,
        wholeResponseAtEnd: atEnd,
      };
      const durationMs =
        firstEventT !== null && lastEventT !== null ? lastEventT - firstEventT : null;
      return {
        events,
        chunks,
        bytes: useChunks ? chunkBytes : eventBytes,
        bytesSource: useChunks ? 'chunks' : eventBytesKnown ? 'events' : null,
        firstEventT,
        lastEventT,
        durationMs,
        rates: buildRates(cells, bucketMs, maxRateBuckets, useChunks, timedEvents, durationMs),
        interArrival,
        eventTypes: [...types]
          .map(([type, count]) => ({ type, count }))
          .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1)),
        attempts: attemptTimings(attempts, useChunks),
        buffering,
      };
    },
  };
}

/** Statistics of a finished sequence of records, in one call. */
export function computeStreamStats(
  records: Iterable<StatsRecord>,
  options?: StreamStatsOptions,
): StreamStats {
  const builder = createStreamStats(options);
  for (const record of records) builder.push(record);
  return builder.snapshot();
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
