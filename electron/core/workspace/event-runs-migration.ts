import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { SEQ_SPACE } from './keys.ts';

/**
 * Fills `event_runs` from the events a workspace already holds (schema 4 → 5), reading them once
 * in key order through the old `entries_by_kind` index, which the migration drops afterwards.
 * A run ends where the next event is not the next entry (another kind, another session, a gap),
 * has another type, or does not continue the stored ordinals, so each run's arithmetic (ord and
 * type ordinal + 1 per entry) gives back exactly what the rows hold.
 */
export function buildEventRuns(db: DatabaseSync): void {
  const events = db.prepare(
    `SELECT id, type, ord, type_ord FROM entries INDEXED BY entries_by_kind
     WHERE kind = 'event' ORDER BY id`,
  );
  const insert = db.prepare(
    `INSERT INTO event_runs (first_id, last_id, event_type, first_ord, first_type_ord)
     VALUES (?, ?, ?, ?, ?)`,
  );
  let first = -1;
  let last = -1;
  let type: SQLInputValue = null;
  let ord = 0;
  let typeOrd = 0;
  for (const row of events.iterate()) {
    const id = row.id as number;
    const n = id - first;
    const continues =
      first >= 0 &&
      id === last + 1 &&
      id % SEQ_SPACE !== 0 &&
      row.type === type &&
      row.ord === ord + n &&
      row.type_ord === typeOrd + n;
    if (continues) {
      last = id;
      continue;
    }
    if (first >= 0) insert.run(first, last, type, ord, typeOrd);
    first = id;
    last = id;
    type = row.type as SQLInputValue;
    ord = row.ord as number;
    // Events have always been written with their type's ordinal; 0 only for a row that lacks it.
    typeOrd = (row.type_ord as number | null) ?? 0;
  }
  if (first >= 0) insert.run(first, last, type, ord, typeOrd);
}
