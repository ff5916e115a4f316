import type { SQLInputValue } from 'node:sqlite';
import type { SqlContext } from './sql-context.ts';

/**
 * Rows per multi-row INSERT: binding 32 rows per call crosses into SQLite 32× less often. Each
 * bound value costs a call into SQLite (and its mutex), so constant columns are SQL literals.
 */
const ROWS_PER_INSERT = 32;

/** Buffers rows of one shape of INSERT; the caller writes a row's values, then calls added(). */
class RowBuffer {
  readonly args: SQLInputValue[];
  /** Rows buffered; the next row's values go at args[rows × columns …]. */
  rows = 0;
  readonly #sql: SqlContext;
  readonly #head: string;
  readonly #row: string;
  readonly #full: string;
  readonly #columns: number;

  constructor(sql: SqlContext, head: string, row: string, columns: number) {
    this.#sql = sql;
    this.#columns = columns;
    this.#head = head;
    this.#row = row;
    this.#full = head + Array(ROWS_PER_INSERT).fill(row).join(', ');
    this.args = new Array<SQLInputValue>(ROWS_PER_INSERT * columns);
  }

  added(): void {
    if (++this.rows === ROWS_PER_INSERT) {
      this.#sql.statement(this.#full).run(...this.args);
      this.rows = 0;
    }
  }

  /** Inserts the rows still buffered and drops references to their values. */
  flush(): void {
    if (this.rows > 0) {
      const sql = this.#head + Array(this.rows).fill(this.#row).join(', ');
      this.#sql.statement(sql).run(...this.args.slice(0, this.rows * this.#columns));
    }
    this.reset();
  }

  /** Forgets buffered rows (their transaction failed). */
  reset(): void {
    this.rows = 0;
    this.args.fill(null);
  }
}

const EVENT_COLUMNS = 10;
const OTHER_COLUMNS = 7;
const RUN_COLUMNS = 5;

/**
 * Buffers the `entries` rows of the current transaction into multi-row INSERTs (events and the
 * other kinds in statements of their own, written in key order), and the `event_runs` rows.
 */
export class EntryRows {
  readonly #events: RowBuffer;
  readonly #others: RowBuffer;
  readonly #runs: RowBuffer;

  constructor(sql: SqlContext) {
    this.#events = new RowBuffer(
      sql,
      'INSERT INTO entries (id, kind, attempt, t, type, event_id, data, start, "end", ord, ' +
        'type_ord) VALUES ',
      "(?, 'event', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      EVENT_COLUMNS,
    );
    this.#others = new RowBuffer(
      sql,
      'INSERT INTO entries (id, kind, attempt, t, "offset", ord, detail) VALUES ',
      '(?, ?, ?, ?, ?, ?, ?)',
      OTHER_COLUMNS,
    );
    this.#runs = new RowBuffer(
      sql,
      'INSERT INTO event_runs (first_id, last_id, event_type, first_ord, first_type_ord) VALUES ',
      '(?, ?, ?, ?, ?)',
      RUN_COLUMNS,
    );
  }

  addEvent(
    key: number,
    attempt: number,
    t: number,
    type: string,
    eventId: string,
    data: string,
    start: number,
    end: number,
    ord: number,
    typeOrd: number,
  ): void {
    if (this.#others.rows > 0) this.#others.flush();
    const events = this.#events;
    const args = events.args;
    let o = events.rows * EVENT_COLUMNS;
    args[o++] = key;
    args[o++] = attempt;
    args[o++] = t;
    args[o++] = type;
    args[o++] = eventId;
    args[o++] = data;
    args[o++] = start;
    args[o++] = end;
    args[o++] = ord;
    args[o] = typeOrd;
    events.added();
  }

  addOther(
    key: number,
    kind: string,
    attempt: number,
    t: number,
    offset: number | null,
    ord: number,
    detail: string,
  ): void {
    if (this.#events.rows > 0) this.#events.flush();
    const others = this.#others;
    const args = others.args;
    let o = others.rows * OTHER_COLUMNS;
    args[o++] = key;
    args[o++] = kind;
    args[o++] = attempt;
    args[o++] = t;
    args[o++] = offset;
    args[o++] = ord;
    args[o] = detail;
    others.added();
  }

  /** A run of events (see event_runs in migrations.ts). */
  addRun(firstKey: number, lastKey: number, type: string, ord: number, typeOrd: number): void {
    const runs = this.#runs;
    const args = runs.args;
    let o = runs.rows * RUN_COLUMNS;
    args[o++] = firstKey;
    args[o++] = lastKey;
    args[o++] = type;
    args[o++] = ord;
    args[o] = typeOrd;
    runs.added();
  }

  /** Inserts the rows still buffered; call before the transaction commits. */
  flush(): void {
    this.#events.flush();
    this.#others.flush();
    this.#runs.flush();
  }

  /** Forgets buffered rows (their transaction failed). */
  reset(): void {
    this.#events.reset();
    this.#others.reset();
    this.#runs.reset();
  }
}
