/** Public types of the stream statistics (see stream-stats.ts). Every result is plain JSON. */

/**
 * The fields statistics read from a record. Every CaptureRecord, TimelineRecord (EventPreview
 * included) and ChunkMeta-with-kind fits; other kinds are ignored. `t` is ms on the session
 * clock; null (a file without times) counts the record but keeps it out of every timing.
 */
export interface StatsRecord {
  kind: string;
  attempt?: number;
  t: number | null;
  /** Event type (events). */
  type?: string;
  /** Event number in the session (events); default: arrival order. */
  index?: number;
  /** Byte range of an event in its attempt's body (events): the byte source without chunks. */
  start?: number;
  end?: number;
  /** A chunk's bytes (ChunkRecord); a number on `closed` records, which is ignored. */
  bytes?: Uint8Array | number;
  /** A chunk's size when the bytes are not at hand (ChunkMeta). */
  size?: number;
  /** HTTP status (response records). */
  status?: number;
}

export interface StreamStatsOptions {
  /** Width of the rate buckets. Default 1000 (per second). */
  bucketMs?: number;
  /** More buckets than this are merged into wider ones (see `rates.bucketMs`). Default 3600. */
  maxRateBuckets?: number;
  /** Inter-arrival samples kept: percentiles are exact up to this many gaps. Default 10,000. */
  reservoirSize?: number;
  /** Events closer together than this belong to one burst. Default 5. */
  burstGapMs?: number;
  /** Events a burst needs to count as one. Default 5. */
  minBurstEvents?: number;
  /** The silence before a burst must be this many times the median gap… Default 10. */
  silenceFactor?: number;
  /** …and at least this long. Default 250. */
  minSilenceMs?: number;
  /** Bursts needed (holding half the events or more) before buffering is suspected. Default 2. */
  minBursts?: number;
}

export interface RateBucket {
  /** Bucket start on the session clock (ms). */
  t: number;
  events: number;
  bytes: number;
}

export interface RateSeries {
  bucketMs: number;
  buckets: RateBucket[];
  /** Over the span from the first to the last timed event; null when it is 0 or unknown. */
  meanEventsPerSecond: number | null;
  peakEventsPerSecond: number | null;
  meanBytesPerSecond: number | null;
  peakBytesPerSecond: number | null;
}

export interface HistogramBin {
  fromMs: number;
  /** Exclusive; null for the last, open bin. */
  toMs: number | null;
  count: number;
}

export interface InterArrivalStats {
  /** Gaps measured (between consecutive timed events of one attempt). */
  count: number;
  minMs: number | null;
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Always exact. */
  maxMs: number | null;
  /**
   * True when every gap was kept (count ≤ reservoirSize). Otherwise the percentiles come from a
   * uniform sample of `sampleSize` gaps: the rank error of a p-quantile is about
   * √(p(1−p)/sampleSize), e.g. ±0.2 percentile points for p95 with 10,000 samples.
   */
  exact: boolean;
  sampleSize: number;
  /** Log-scale bins (1-2-5 steps from 0.1 ms to 60 s); exact counts. */
  histogram: HistogramBin[];
  /** The longest gap: when it ended and the index (in arrival order) of the event before it. */
  longest: { ms: number; t: number; afterEvent: number } | null;
}

export interface AttemptTiming {
  attempt: number;
  status: number | null;
  startT: number | null;
  responseT: number | null;
  firstByteT: number | null;
  firstEventT: number | null;
  endT: number | null;
  /** From the attempt start to the response head. */
  timeToResponseMs: number | null;
  /** From the attempt start to the first body byte. */
  timeToFirstByteMs: number | null;
  /** From the attempt start to the first event. */
  timeToFirstEventMs: number | null;
  events: number;
  chunks: number;
  bytes: number;
}

export interface BufferBurst {
  attempt: number;
  /** Arrival of the burst's first event. */
  t: number;
  /** Silence before it: since the previous event, or since the response for an attempt's first. */
  silenceMs: number;
  events: number;
  /** Bytes of its events (their byte ranges). */
  bytes: number;
  /** From its first to its last event. */
  spanMs: number;
}

export interface WholeResponseAtEnd {
  attempt: number;
  /** When the data arrived. */
  t: number;
  /** How long after the response head (or the attempt start) it came; null when unknown. */
  waitedMs: number | null;
  events: number;
  bytes: number;
  /** `chunk`: one chunk carried ≥ 90% of the bytes; `events`: all events came in one burst. */
  evidence: 'chunk' | 'events';
}

export interface BufferingReport {
  suspected: boolean;
  /** Why, in words, when suspected. */
  reasons: string[];
  medianGapMs: number | null;
  /** max(minSilenceMs, silenceFactor × median gap). */
  silenceThresholdMs: number | null;
  /** Bursts after a silence above the threshold (at most 200 listed). */
  bursts: BufferBurst[];
  burstCount: number;
  eventsInBursts: number;
  wholeResponseAtEnd: WholeResponseAtEnd[];
}

export interface EventTypeCount {
  type: string;
  count: number;
}

export interface StreamStats {
  events: number;
  chunks: number;
  bytes: number;
  /** Where `bytes` come from: chunk sizes, else event byte ranges; null when neither is known. */
  bytesSource: 'chunks' | 'events' | null;
  /** First and last timed event. */
  firstEventT: number | null;
  lastEventT: number | null;
  durationMs: number | null;
  rates: RateSeries;
  interArrival: InterArrivalStats;
  /** Most frequent first; at most 1000 types, the rest counted as `(other)`. */
  eventTypes: EventTypeCount[];
  attempts: AttemptTiming[];
  buffering: BufferingReport;
}
