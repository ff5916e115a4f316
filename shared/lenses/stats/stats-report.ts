import type { AttemptTiming, RateBucket, RateSeries, WholeResponseAtEnd } from './types.ts';

/** Running totals of one attempt (internal to the statistics builder). */
export interface AttemptAccumulator extends Pick<
  AttemptTiming,
  'attempt' | 'status' | 'startT' | 'responseT' | 'firstByteT' | 'firstEventT' | 'endT'
> {
  events: number;
  eventBytes: number;
  chunks: number;
  chunkBytes: number;
  biggestChunk: { bytes: number; t: number } | null;
}

export interface RateCell {
  events: number;
  chunkBytes: number;
  eventBytes: number;
}

const since = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : to - from;

export function attemptTimings(
  attempts: ReadonlyMap<number, AttemptAccumulator>,
  useChunks: boolean,
): AttemptTiming[] {
  return [...attempts.values()]
    .sort((a, b) => a.attempt - b.attempt)
    .map((a) => ({
      attempt: a.attempt,
      status: a.status,
      startT: a.startT,
      responseT: a.responseT,
      firstByteT: a.firstByteT,
      firstEventT: a.firstEventT,
      endT: a.endT,
      timeToResponseMs: since(a.startT, a.responseT),
      timeToFirstByteMs: since(a.startT, a.firstByteT),
      timeToFirstEventMs: since(a.startT, a.firstEventT),
      events: a.events,
      chunks: a.chunks,
      bytes: useChunks ? a.chunkBytes : a.eventBytes,
    }));
}

/**
 * Finished attempts whose data did not stream: one chunk carried ≥ 90% of the bytes, or (without
 * chunk data) every event arrived in one burst. Needs enough events to mean anything.
 */
export function wholeResponsesAtEnd(
  attempts: ReadonlyMap<number, AttemptAccumulator>,
  burstsPerAttempt: ReadonlyMap<number, number>,
  minEvents: number,
): WholeResponseAtEnd[] {
  const found: WholeResponseAtEnd[] = [];
  for (const a of attempts.values()) {
    if (a.endT === null || a.events < minEvents) continue;
    const from = a.responseT ?? a.startT;
    const big = a.biggestChunk;
    if (a.chunks > 0) {
      if (big !== null && big.bytes >= 0.9 * a.chunkBytes) {
        found.push({
          attempt: a.attempt,
          t: big.t,
          waitedMs: since(from, big.t),
          events: a.events,
          bytes: big.bytes,
          evidence: 'chunk',
        });
      }
    } else if (burstsPerAttempt.get(a.attempt) === 1 && a.firstEventT !== null) {
      found.push({
        attempt: a.attempt,
        t: a.firstEventT,
        waitedMs: since(from, a.firstEventT),
        events: a.events,
        bytes: a.eventBytes,
        evidence: 'events',
      });
    }
  }
  return found.sort((x, y) => x.attempt - y.attempt);
}

/** Dense buckets from the first to the last, merged into wider ones when there are too many. */
export function buildRates(
  cells: ReadonlyMap<number, RateCell>,
  bucketMs: number,
  maxBuckets: number,
  useChunks: boolean,
  events: number,
  durationMs: number | null,
): RateSeries {
  const empty: RateSeries = {
    bucketMs,
    buckets: [],
    meanEventsPerSecond: null,
    peakEventsPerSecond: null,
    meanBytesPerSecond: null,
    peakBytesPerSecond: null,
  };
  if (cells.size === 0) return empty;
  let lo = Infinity;
  let hi = -Infinity;
  for (const key of cells.keys()) {
    lo = Math.min(lo, key);
    hi = Math.max(hi, key);
  }
  const factor = Math.ceil((hi - lo + 1) / maxBuckets);
  const width = bucketMs * factor;
  const first = Math.floor(lo / factor);
  const buckets: RateBucket[] = [];
  for (let k = first; k <= Math.floor(hi / factor); k++) {
    buckets.push({ t: k * width, events: 0, bytes: 0 });
  }
  let totalBytes = 0;
  for (const [key, cell] of cells) {
    const bucket = buckets[Math.floor(key / factor) - first] as RateBucket;
    const bytes = useChunks ? cell.chunkBytes : cell.eventBytes;
    bucket.events += cell.events;
    bucket.bytes += bytes;
    totalBytes += bytes;
  }
  const perSecond = 1000 / width;
  const seconds = durationMs !== null && durationMs > 0 ? durationMs / 1000 : null;
  return {
    bucketMs: width,
    buckets,
    meanEventsPerSecond: seconds === null ? null : events / seconds,
    peakEventsPerSecond: Math.max(...buckets.map((b) => b.events)) * perSecond,
    meanBytesPerSecond: seconds === null ? null : totalBytes / seconds,
    peakBytesPerSecond: Math.max(...buckets.map((b) => b.bytes)) * perSecond,
  };
}

/** The timing fields of a workspace AttemptDetail (what `getSession` returns per attempt). */
export interface AttemptDetailTimes {
  attempt: number;
  status: number | null;
  startedT: number | null;
  responseT: number | null;
  firstByteT: number | null;
  firstEventT: number | null;
  endT: number | null;
  bytes: number;
  events: number;
}

/** An attempt's timing from the stored summary, without reading its records. Chunk count unknown (0). */
export function attemptTimingFromDetail(detail: AttemptDetailTimes): AttemptTiming {
  return {
    attempt: detail.attempt,
    status: detail.status,
    startT: detail.startedT,
    responseT: detail.responseT,
    firstByteT: detail.firstByteT,
    firstEventT: detail.firstEventT,
    endT: detail.endT,
    timeToResponseMs: since(detail.startedT, detail.responseT),
    timeToFirstByteMs: since(detail.startedT, detail.firstByteT),
    timeToFirstEventMs: since(detail.startedT, detail.firstEventT),
    events: detail.events,
    chunks: 0,
    bytes: detail.bytes,
  };
}
