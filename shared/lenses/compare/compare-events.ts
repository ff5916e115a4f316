import { alignById, alignByIndex, alignByLcs } from './align.ts';
import type { AlignedPair } from './align.ts';
import type {
  CompareAlignment,
  CompareDiff,
  CompareEvent,
  CompareOptions,
  CompareResult,
  CompareRow,
  CompareSide,
  CompareSummary,
} from './types.ts';

const DEFAULT_TIMING_TOLERANCE_MS = 100;
const DEFAULT_MAX_LCS_CELLS = 4_000_000;

function toSide(event: CompareEvent, position: number): CompareSide {
  return {
    index: event.index ?? position,
    type: event.type,
    id: event.id ?? event.lastEventId ?? '',
    data: event.data,
    t: event.t ?? null,
  };
}

function firstTime(sides: readonly CompareSide[]): number | null {
  for (const side of sides) if (side.t !== null) return side.t;
  return null;
}

/** Ids are a usable key when every event has one, none repeats, and the sides share some. */
function idsAlign(left: readonly CompareSide[], right: readonly CompareSide[]): boolean {
  const distinct = (sides: readonly CompareSide[]): Set<string> | null => {
    const ids = new Set<string>();
    for (const side of sides) {
      if (side.id === '' || ids.has(side.id)) return null;
      ids.add(side.id);
    }
    return ids;
  };
  const leftIds = distinct(left);
  const rightIds = distinct(right);
  if (leftIds === null || rightIds === null) return false;
  for (const id of rightIds) if (leftIds.has(id)) return true;
  return false;
}

/**
 * Aligns two event sequences (two sessions, two attempts) side by side and flags, per row, the
 * differences in type, id, data and relative arrival time, or the side an event is missing from.
 */
export function compareEventSequences(
  a: readonly CompareEvent[],
  b: readonly CompareEvent[],
  options: CompareOptions = {},
): CompareResult {
  const left = a.map(toSide);
  const right = b.map(toSide);
  const normalize = options.normalizeData ?? ((data: string) => data);
  const tolerance = options.timingToleranceMs ?? DEFAULT_TIMING_TOLERANCE_MS;
  const requested = options.align ?? 'auto';
  const alignment: CompareAlignment =
    requested !== 'auto' ? requested : idsAlign(left, right) ? 'id' : 'lcs';

  let pairs: AlignedPair[];
  let bounded = false;
  if (alignment === 'id') {
    pairs = alignById(
      left.map((side) => side.id),
      right.map((side) => side.id),
    );
  } else if (alignment === 'index') {
    pairs = alignByIndex(0, left.length, 0, right.length);
  } else {
    // Keys as small integers: the LCS inner loop compares numbers, not strings.
    const keys = new Map<string, number>();
    const keyOf = (side: CompareSide): number => {
      const text = `${side.type}\u0000${normalize(side.data)}`;
      let key = keys.get(text);
      if (key === undefined) keys.set(text, (key = keys.size));
      return key;
    };
    const result = alignByLcs(
      left.map(keyOf),
      right.map(keyOf),
      options.maxLcsCells ?? DEFAULT_MAX_LCS_CELLS,
    );
    pairs = result.pairs;
    bounded = result.bounded;
  }

  const leftOrigin = options.leftOriginT ?? firstTime(left);
  const rightOrigin = options.rightOriginT ?? firstTime(right);
  const summary: CompareSummary = {
    alignment,
    bounded,
    left: left.length,
    right: right.length,
    rows: pairs.length,
    pairs: 0,
    same: 0,
    missingLeft: 0,
    missingRight: 0,
    typeDiffs: 0,
    idDiffs: 0,
    dataDiffs: 0,
    timingDiffs: 0,
    maxTimingDeltaMs: null,
  };
  const rows: CompareRow[] = pairs.map(([i, j]) => {
    const l = i === -1 ? undefined : (left[i] as CompareSide);
    const r = j === -1 ? undefined : (right[j] as CompareSide);
    const row: CompareRow = { diffs: [], timingDeltaMs: null };
    if (l !== undefined) row.left = l;
    if (r !== undefined) row.right = r;
    if (l === undefined) {
      row.diffs.push('missing-left');
      summary.missingLeft++;
      return row;
    }
    if (r === undefined) {
      row.diffs.push('missing-right');
      summary.missingRight++;
      return row;
    }
    summary.pairs++;
    const diffs: CompareDiff[] = row.diffs;
    if (l.type !== r.type) diffs.push('type');
    if (l.id !== r.id) diffs.push('id');
    if (l.data !== r.data && normalize(l.data) !== normalize(r.data)) diffs.push('data');
    if (l.t !== null && r.t !== null && leftOrigin !== null && rightOrigin !== null) {
      const delta = r.t - rightOrigin - (l.t - leftOrigin);
      row.timingDeltaMs = delta;
      const size = Math.abs(delta);
      if (summary.maxTimingDeltaMs === null || size > summary.maxTimingDeltaMs) {
        summary.maxTimingDeltaMs = size;
      }
      if (size > tolerance) diffs.push('timing');
    }
    for (const diff of diffs) {
      if (diff === 'type') summary.typeDiffs++;
      else if (diff === 'id') summary.idDiffs++;
      else if (diff === 'data') summary.dataDiffs++;
      else if (diff === 'timing') summary.timingDiffs++;
    }
    if (diffs.length === 0) summary.same++;
    return row;
  });
  return { rows, summary };
}
