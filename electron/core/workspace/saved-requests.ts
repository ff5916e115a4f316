import type { SQLOutputValue } from 'node:sqlite';
import { requestSpecSchema, type RequestSpec } from '../../../shared/capture/request-spec.ts';
import { specFromJson } from './spec-json.ts';
import type { SqlContext } from './sql-context.ts';
import type { SavedRequest, SavedRequestSummary } from './types.ts';

type Row = Record<string, SQLOutputValue>;

function summaryFromRow(row: Row): SavedRequestSummary {
  return {
    id: row.id as number,
    name: row.name as string,
    method: row.method as string,
    url: row.url as string,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  };
}

/** Validated on the way in (saved requests come from users) and defaults filled on the way out. */
export function saveRequest(sql: SqlContext, name: string, spec: RequestSpec): number {
  const valid = requestSpecSchema.parse(spec);
  const now = Date.now();
  const result = sql
    .statement(
      `INSERT INTO saved_requests (name, method, url, spec, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(name, valid.method, valid.url, JSON.stringify(valid), now, now);
  return Number(result.lastInsertRowid);
}

export function updateSavedRequest(sql: SqlContext, id: number, spec: RequestSpec): boolean {
  const valid = requestSpecSchema.parse(spec);
  return (
    sql
      .statement(
        'UPDATE saved_requests SET method = ?, url = ?, spec = ?, updated_at = ? WHERE id = ?',
      )
      .run(valid.method, valid.url, JSON.stringify(valid), Date.now(), id).changes === 1
  );
}

/** Alphabetical (case-insensitive), then oldest first. */
export function listSavedRequests(sql: SqlContext): SavedRequestSummary[] {
  return sql
    .statement(
      `SELECT id, name, method, url, created_at, updated_at FROM saved_requests
       ORDER BY name COLLATE NOCASE, id`,
    )
    .all()
    .map(summaryFromRow);
}

export function getSavedRequest(sql: SqlContext, id: number): SavedRequest | null {
  const row = sql.statement('SELECT * FROM saved_requests WHERE id = ?').get(id);
  if (!row) return null;
  return { ...summaryFromRow(row), spec: specFromJson(row.spec as string) };
}

export function renameSavedRequest(sql: SqlContext, id: number, name: string): boolean {
  return (
    sql
      .statement('UPDATE saved_requests SET name = ?, updated_at = ? WHERE id = ?')
      .run(name, Date.now(), id).changes === 1
  );
}

export function deleteSavedRequest(sql: SqlContext, id: number): boolean {
  return sql.statement('DELETE FROM saved_requests WHERE id = ?').run(id).changes === 1;
}
