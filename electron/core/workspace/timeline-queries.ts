import type { SQLOutputValue } from 'node:sqlite';
import type { SqlContext } from './sql-context.ts';
import type { StoredEntry, TimelineFilter, TimelinePageOptions } from './types.ts';
import { SEQ_SPACE, seqOfKey, sessionBase } from './keys.ts';
import { entryColumns, entryFromRow, entryPreviewColumns } from './record-codec.ts';
import { type Group, groupCountBefore, groupPage, groupsOf } from './timeline-groups.ts';

/**
 * Paged reads of a session's timeline. Every query is an index range scan bounded by `limit`:
 * - unfiltered: seqs are dense per session, so position == seq and pages are rowid ranges;
 * - filtered: the filter splits into disjoint groups (timeline-groups.ts: one kind, the events,
 *   or one event type), each an ordered range; pages merge the groups' first `limit` rows. "How
 *   many matching entries come before seq S" is, per group, one index seek, which gives counts
 *   and position → seq (binary search) without OFFSET scans.
 */

/** Largest page served at once, so no caller can pull a whole session into memory. */
export const MAX_PAGE = 10_000;

type Row = Record<string, SQLOutputValue>;

/** Keys of a seq window: (lo, hi), both exclusive. */
function keyWindow(sessionId: number, afterSeq?: number, beforeSeq?: number): [number, number] {
  const base = sessionBase(sessionId);
  const lo = afterSeq === undefined ? base - 1 : base + Math.max(-1, Math.floor(afterSeq));
  const hi = beforeSeq === undefined ? base + SEQ_SPACE : base + Math.max(0, Math.ceil(beforeSeq));
  return [lo, Math.min(hi, base + SEQ_SPACE)];
}

export function readTimeline(
  sql: SqlContext,
  sessionId: number,
  options: TimelinePageOptions,
): StoredEntry[] {
  const limit = Math.max(0, Math.min(MAX_PAGE, Math.floor(options.limit)));
  if (limit === 0) return [];
  const [lo, hi] = keyWindow(sessionId, options.afterSeq, options.beforeSeq);
  // Only beforeSeq: the page that ends just before it (read backwards, returned in order).
  const descending = options.beforeSeq !== undefined && options.afterSeq === undefined;
  const order = descending ? 'DESC' : 'ASC';
  const preview = options.previewChars;
  const columns = preview === undefined ? entryColumns : entryPreviewColumns;
  const params: Record<string, number> = { lo, hi, limit };
  if (preview !== undefined) params.preview = Math.max(0, Math.floor(preview));

  const groups = groupsOf(options);
  let rows: Row[];
  if (groups === null) {
    rows = sql
      .statement(
        `SELECT ${columns} FROM entries WHERE id > $lo AND id < $hi ORDER BY id ${order} LIMIT $limit`,
      )
      .all(params);
  } else {
    rows = [];
    for (const group of groups) rows.push(...groupPage(sql, group, columns, order, params));
    if (groups.length > 1) {
      rows.sort((a, b) => (a.id as number) - (b.id as number));
      if (descending) rows.reverse();
      rows.length = Math.min(rows.length, limit);
    }
  }
  if (descending) rows.reverse();
  const cut = preview === undefined ? undefined : params.preview;
  return rows.map((row) => entryFromRow(row, cut));
}

/** Timeline length (all entries) of a session as stored. */
function entryCount(sql: SqlContext, sessionId: number): number {
  const base = sessionBase(sessionId);
  const row = sql
    .statement('SELECT id FROM entries WHERE id >= ? AND id < ? ORDER BY id DESC LIMIT 1')
    .get(base, base + SEQ_SPACE);
  return row ? seqOfKey(row.id as number) + 1 : 0;
}

function countBefore(sql: SqlContext, sessionId: number, groups: Group[], seq: number): number {
  const base = sessionBase(sessionId);
  const hi = base + Math.min(seq, SEQ_SPACE);
  let count = 0;
  for (const group of groups) count += groupCountBefore(sql, group, base, hi);
  return count;
}

export function countTimeline(
  sql: SqlContext,
  sessionId: number,
  filter: TimelineFilter = {},
): number {
  const groups = groupsOf(filter);
  if (groups === null) return entryCount(sql, sessionId);
  return countBefore(sql, sessionId, groups, SEQ_SPACE);
}

/** Where the entry with this seq is (or would be) in the filtered list: matches before it. */
export function timelinePositionOf(
  sql: SqlContext,
  sessionId: number,
  seq: number,
  filter: TimelineFilter = {},
): number {
  const groups = groupsOf(filter);
  if (groups === null) return Math.max(0, Math.min(seq, entryCount(sql, sessionId)));
  return countBefore(sql, sessionId, groups, seq);
}

/**
 * The seq of the entry at `position` (from 0) of the filtered timeline, or null past its end.
 * For a virtualized list that jumps anywhere: O(log n) index seeks per group.
 */
export function timelineSeqAt(
  sql: SqlContext,
  sessionId: number,
  position: number,
  filter: TimelineFilter = {},
): number | null {
  if (!Number.isInteger(position) || position < 0) return null;
  const total = entryCount(sql, sessionId);
  const groups = groupsOf(filter);
  if (groups === null) return position < total ? position : null;
  if (position >= countBefore(sql, sessionId, groups, SEQ_SPACE)) return null;
  // Smallest seq S with more than `position` matches in [0, S]; the match number n has seq ≥ n.
  let low = position;
  let high = total - 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (countBefore(sql, sessionId, groups, middle + 1) > position) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function readEntry(sql: SqlContext, sessionId: number, seq: number): StoredEntry | null {
  const row = sql
    .statement(`SELECT ${entryColumns} FROM entries WHERE id = ?`)
    .get(sessionBase(sessionId) + seq);
  return row ? entryFromRow(row) : null;
}

/** The full event with this index (events are numbered per session from 0). */
export function getEvent(sql: SqlContext, sessionId: number, index: number): StoredEntry | null {
  const seq = timelineSeqAt(sql, sessionId, index, { kinds: ['event'] });
  return seq === null ? null : readEntry(sql, sessionId, seq);
}
