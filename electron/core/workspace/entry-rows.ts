import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqlContext } from './sql-context.ts';

/** Rows per multi-row INSERT: binding 32 rows per call crosses into SQLite 32× less often. */
const ROWS_PER_INSERT = 32;
const COLUMNS = 13;
const insertInto =
  'INSERT INTO entries (id, kind, attempt, t, type, event_id, data, start, "end", "offset", ord, ' +
  'type_ord, detail) VALUES ';
const placeholders = `(${Array(COLUMNS).fill('?').join(', ')})`;
const fullInsert = insertInto + Array(ROWS_PER_INSERT).fill(placeholders).join(', ');

/** Buffers `entries` rows of the current transaction into multi-row INSERTs. */
export class EntryRows {
  readonly #sql: SqlContext;
  readonly #args: SQLInputValue[] = new Array<SQLInputValue>(ROWS_PER_INSERT * COLUMNS);
  #rows = 0;

  constructor(sql: SqlContext) {
    this.#sql = sql;
  }

  add(
    key: number,
    kind: string,
    attempt: number,
    t: number,
    type: string | null,
    eventId: string | null,
    data: string | null,
    start: number | null,
    end: number | null,
    offset: number | null,
    ord: number,
    typeOrd: number | null,
    detail: string | null,
  ): void {
    const args = this.#args;
    let o = this.#rows * COLUMNS;
    args[o++] = key;
    args[o++] = kind;
    args[o++] = attempt;
    args[o++] = t;
    args[o++] = type;
    args[o++] = eventId;
    args[o++] = data;
    args[o++] = start;
    args[o++] = end;
    args[o++] = offset;
    args[o++] = ord;
    args[o++] = typeOrd;
    args[o] = detail;
    if (++this.#rows === ROWS_PER_INSERT) {
      this.#sql.statement(fullInsert).run(...args);
      this.#rows = 0;
    }
  }

  /** Inserts the rows still buffered; call before the transaction commits. */
  flush(): void {
    if (this.#rows > 0)
      this.#statement(this.#rows).run(...this.#args.slice(0, this.#rows * COLUMNS));
    this.#rows = 0;
    // Drop references to the batch's strings.
    this.#args.fill(null);
  }

  /** Forgets buffered rows (their transaction failed). */
  reset(): void {
    this.#rows = 0;
    this.#args.fill(null);
  }

  #statement(rows: number): StatementSync {
    return this.#sql.statement(insertInto + Array(rows).fill(placeholders).join(', '));
  }
}
