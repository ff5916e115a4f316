import type { StatementSync } from 'node:sqlite';

/** What the query modules need from a Workspace: cached statements and write transactions. */
export interface SqlContext {
  /** A prepared statement, cached by its SQL text. */
  statement(sql: string): StatementSync;
  /** Runs fn in one write transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
}
