import type { SQLOutputValue } from 'node:sqlite';
import { InspectorError } from '../../../shared/errors.ts';
import type { Variable } from '../../../shared/requests/collection.ts';
import type { SqlContext } from './sql-context.ts';

/** Environments: named variable sets, at most one active. Secret values only in sealed_variables. */

export interface EnvironmentRow {
  id: number;
  name: string;
  variables: Variable[];
  sealedVariables: Uint8Array | null;
  active: boolean;
}

function environmentFromRow(row: Record<string, SQLOutputValue>): EnvironmentRow {
  return {
    id: row.id as number,
    name: row.name as string,
    variables: JSON.parse(row.variables as string) as Variable[],
    sealedVariables: row.sealed_variables instanceof Uint8Array ? row.sealed_variables : null,
    active: row.active === 1,
  };
}

/** Alphabetical (case-insensitive). */
export function listEnvironments(sql: SqlContext): EnvironmentRow[] {
  return sql
    .statement('SELECT * FROM environments ORDER BY name COLLATE NOCASE, id')
    .all()
    .map(environmentFromRow);
}

export function getEnvironment(sql: SqlContext, id: number): EnvironmentRow | null {
  const row = sql.statement('SELECT * FROM environments WHERE id = ?').get(id);
  return row ? environmentFromRow(row) : null;
}

export function findEnvironment(sql: SqlContext, name: string): EnvironmentRow | null {
  const row = sql
    .statement('SELECT * FROM environments WHERE name = ? COLLATE NOCASE ORDER BY id')
    .get(name);
  return row ? environmentFromRow(row) : null;
}

/** A name not taken yet: `name`, else `name (2)`, `name (3)`… (imports never overwrite). */
export function freeEnvironmentName(sql: SqlContext, name: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name} (${n})`;
    if (findEnvironment(sql, candidate) === null) return candidate;
  }
}

export function insertEnvironment(
  sql: SqlContext,
  name: string,
  variables: Variable[],
  sealedVariables: Uint8Array | null,
): number {
  if (findEnvironment(sql, name) !== null) {
    throw new InspectorError('usage', `An environment named "${name}" exists already.`);
  }
  return Number(
    sql
      .statement('INSERT INTO environments (name, variables, sealed_variables) VALUES (?, ?, ?)')
      .run(name, JSON.stringify(variables), sealedVariables).lastInsertRowid,
  );
}

export function updateEnvironment(
  sql: SqlContext,
  id: number,
  name: string,
  variables: Variable[],
  sealedVariables: Uint8Array | null,
): void {
  const other = findEnvironment(sql, name);
  if (other !== null && other.id !== id) {
    throw new InspectorError('usage', `An environment named "${name}" exists already.`);
  }
  const changes = sql
    .statement('UPDATE environments SET name = ?, variables = ?, sealed_variables = ? WHERE id = ?')
    .run(name, JSON.stringify(variables), sealedVariables, id).changes;
  if (changes !== 1) throw new InspectorError('not-found', `There is no environment ${id}.`);
}

export function deleteEnvironment(sql: SqlContext, id: number): void {
  sql.statement('DELETE FROM environments WHERE id = ?').run(id);
}

/** Makes one environment the active one (null: none). */
export function setActiveEnvironment(sql: SqlContext, id: number | null): void {
  sql.transaction(() => {
    if (id !== null && getEnvironment(sql, id) === null) {
      throw new InspectorError('not-found', `There is no environment ${id}.`);
    }
    sql.statement('UPDATE environments SET active = (id IS ?)').run(id);
  });
}
