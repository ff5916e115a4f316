import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SqlContext } from './sql-context.ts';
import { WorkspaceError } from './workspace-error.ts';

/**
 * One open workspace database with its statement cache and write transactions: what the
 * Workspace reads and writes through, and what the recorder's writer thread writes through
 * (without loading the rest of the Workspace).
 */
export class SqlConnection implements SqlContext {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #closed = false;

  constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
  }

  get isOpen(): boolean {
    return !this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#statements.clear();
    this.#db.close();
  }

  statement(sql: string): StatementSync {
    if (this.#closed) {
      throw new WorkspaceError('closed', this.path, 'The workspace was closed.');
    }
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  transaction<T>(fn: () => T): T {
    if (this.#closed) throw new WorkspaceError('closed', this.path, 'The workspace was closed.');
    if (this.#db.isTransaction) return fn();
    // IMMEDIATE takes the write lock up front, so a concurrent writer makes us wait
    // (busy timeout) instead of failing halfway through.
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}
