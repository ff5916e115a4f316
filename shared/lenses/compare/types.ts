/** Public types of the event-sequence comparison (see compare-events.ts). */

/** An event of either side: an EventRecord, an EventPreview, a parsed file event… */
export interface CompareEvent {
  /** Default: position in the sequence. */
  index?: number;
  type: string;
  data: string;
  /** The event's id; EventRecords carry it as `lastEventId`, which is read when `id` is absent. */
  id?: string | null;
  lastEventId?: string;
  /** Arrival time (ms); null or absent: unknown, no timing comparison. */
  t?: number | null;
}

export type CompareAlignment = 'id' | 'index' | 'lcs';

export interface CompareOptions {
  /**
   * `auto` (default): by id when every event on both sides has a distinct id and some ids are
   * shared; else an LCS on (type, data), bounded (see `maxLcsCells`).
   */
  align?: 'auto' | CompareAlignment;
  /** Relative arrival times differing by more than this are flagged `timing`. Default 100. */
  timingToleranceMs?: number;
  /**
   * Largest LCS table (left × right events, after trimming a common prefix and suffix). Beyond
   * it the unmatched middle is aligned by index. Default 4,000,000 (16 MB).
   */
  maxLcsCells?: number;
  /** Applied to data before comparing (e.g. to drop ids or timestamps every run changes). */
  normalizeData?: (data: string) => string;
  /** What arrival times are relative to on each side. Default: each side's first timed event. */
  leftOriginT?: number | null;
  rightOriginT?: number | null;
}

export interface CompareSide {
  index: number;
  type: string;
  id: string;
  data: string;
  t: number | null;
}

export type CompareDiff = 'type' | 'id' | 'data' | 'timing' | 'missing-left' | 'missing-right';

export interface CompareRow {
  left?: CompareSide;
  right?: CompareSide;
  /** Empty: the pair is the same. `missing-left`: only the right side has this event. */
  diffs: CompareDiff[];
  /** Right minus left relative arrival time; null unless both times are known. */
  timingDeltaMs: number | null;
}

export interface CompareSummary {
  alignment: CompareAlignment;
  /** The LCS table would have been too large: part of the sequences was aligned by index. */
  bounded: boolean;
  left: number;
  right: number;
  rows: number;
  /** Rows with both sides, and of those the ones without any difference. */
  pairs: number;
  same: number;
  missingLeft: number;
  missingRight: number;
  typeDiffs: number;
  idDiffs: number;
  dataDiffs: number;
  timingDiffs: number;
  /** Largest |timingDeltaMs| among pairs; null without times. */
  maxTimingDeltaMs: number | null;
}

export interface CompareResult {
  rows: CompareRow[];
  summary: CompareSummary;
}
