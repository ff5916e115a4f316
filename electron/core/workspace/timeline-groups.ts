import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import type { SqlContext } from './sql-context.ts';
import type { TimelineFilter } from './types.ts';
import { timelineKinds } from '../../../shared/capture/record-kinds.ts';

/**
 * A timeline filter as disjoint groups, each an ordered range SQLite reads by index seeks:
 * - one kind other than event: its entries through `entries_non_events_by_kind` (kind, id);
 * - the events, or the events of one type: through `event_runs` (a row per run of consecutive
 *   events of one type; see migrations.ts), joined to the rowid ranges of `entries` they name.
 * "How many entries of a group have a key in [lo, hi)" is one seek too: the ordinal stored on the
 * group's last entry (or run) before hi, + 1.
 */
export type Group = { kind: string } | { events: true } | { eventType: string };
type Row = Record<string, SQLOutputValue>;
type Params = Record<string, SQLInputValue>;

/** null: every entry matches (no filtering needed). */
export function groupsOf(filter: TimelineFilter): Group[] | null {
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  const everyKind = kinds === null || timelineKinds.every((kind) => kinds.has(kind));
  if (everyKind && filter.eventTypes === undefined) return null;
  const groups: Group[] = [];
  for (const kind of kinds ?? timelineKinds) {
    if (kind !== 'event') groups.push({ kind });
    else if (filter.eventTypes === undefined) groups.push({ events: true });
    else for (const eventType of new Set(filter.eventTypes)) groups.push({ eventType });
  }
  return groups;
}

/** SQLite uses a partial index only when the query repeats its WHERE (kind <> 'event'). */
const kindRows =
  "entries INDEXED BY entries_non_events_by_kind WHERE kind = $kind AND kind <> 'event'";

/** The runs (of type $type when `typed`), and the start of the WHERE clause selecting them. */
function runs(typed: boolean): { from: string; where: string } {
  return typed
    ? { from: 'event_runs INDEXED BY event_runs_by_type', where: 'event_type = $type AND' }
    : { from: 'event_runs', where: '' };
}

/**
 * FROM and WHERE for the events (of type $type when `typed`) with keys in ($lo, $hi): the runs
 * from the last one starting at or before $lo (it may hold $lo + 1) up to $hi, each joined to its
 * rowid range of entries (CROSS JOIN keeps the runs the outer loop). Order by `eventOrder`.
 */
export function eventRows(typed: boolean): string {
  const { from, where } = runs(typed);
  return `${from} CROSS JOIN entries
    WHERE ${where} first_id >= coalesce(
        (SELECT first_id FROM ${from} WHERE ${where} first_id <= $lo
         ORDER BY first_id DESC LIMIT 1), $lo)
      AND first_id < $hi
      AND id >= max(first_id, $lo + 1) AND id <= min(last_id, $hi - 1)`;
}

/** Timeline order of `eventRows` (runs in key order, then keys within each). */
export function eventOrder(order: 'ASC' | 'DESC'): string {
  return `first_id ${order}, id ${order}`;
}

function groupParams(group: Group): Params {
  if ('kind' in group) return { kind: group.kind };
  return 'eventType' in group ? { type: group.eventType } : {};
}

/**
 * A group's entries with keys in ($lo, $hi), in `order`, at most $limit: `params` binds lo, hi
 * and limit (and whatever `columns` uses).
 */
export function groupPage(
  sql: SqlContext,
  group: Group,
  columns: string,
  order: 'ASC' | 'DESC',
  params: Params,
): Row[] {
  const query =
    'kind' in group
      ? `SELECT ${columns} FROM ${kindRows} AND id > $lo AND id < $hi ORDER BY id ${order}`
      : `SELECT ${columns} FROM ${eventRows('eventType' in group)} ORDER BY ${eventOrder(order)}`;
  return sql.statement(`${query} LIMIT $limit`).all({ ...params, ...groupParams(group) });
}

/** Entries of kind `kind` (not event) with keys in [lo, hi). */
export function kindCountBefore(sql: SqlContext, kind: string, lo: number, hi: number): number {
  const row = sql
    .statement(
      `SELECT ord + 1 AS n FROM ${kindRows} AND id >= $lo AND id < $hi ORDER BY id DESC LIMIT 1`,
    )
    .get({ kind, lo, hi });
  return row ? (row.n as number) : 0;
}

/**
 * Events (of `type`, unless null) with keys in [lo, hi), where lo is a session's first key: the
 * ordinal of the last of them, + 1, from the last run starting before hi.
 */
export function eventCountBefore(
  sql: SqlContext,
  type: string | null,
  lo: number,
  hi: number,
): number {
  const { from, where } = runs(type !== null);
  const ordinal = type === null ? 'first_ord' : 'first_type_ord';
  const row = sql
    .statement(
      `SELECT ${ordinal} + min(last_id, $hi - 1) - first_id + 1 AS n FROM ${from}
       WHERE ${where} first_id >= $lo AND first_id < $hi ORDER BY first_id DESC LIMIT 1`,
    )
    .get(type === null ? { lo, hi } : { type, lo, hi });
  return row ? (row.n as number) : 0;
}

/** Entries of a group with keys in [lo, hi), lo being a session's first key. */
export function groupCountBefore(sql: SqlContext, group: Group, lo: number, hi: number): number {
  if ('kind' in group) return kindCountBefore(sql, group.kind, lo, hi);
  return eventCountBefore(sql, 'eventType' in group ? group.eventType : null, lo, hi);
}
