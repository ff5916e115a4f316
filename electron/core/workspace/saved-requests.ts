import type { SQLOutputValue } from 'node:sqlite';
import { requestSpecSchema, type RequestSpec } from '../../../shared/capture/request-spec.ts';
import { redactSpec } from '../../../shared/secrets/index.ts';
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

/**
 * The spec as written: validated (saved requests come from users) and with every secret replaced
 * by a marker, whatever the caller passed. Secret values are kept only as `sealedSecrets`, bytes
 * the sealing service produced, in a column of their own.
 */
function storedSpec(spec: RequestSpec): RequestSpec {
  return redactSpec(requestSpecSchema.parse(spec));
}

export function saveRequest(
  sql: SqlContext,
  name: string,
  spec: RequestSpec,
  sealedSecrets: Uint8Array | null,
): number {
  const stored = storedSpec(spec);
  const now = Date.now();
  const result = sql
    .statement(
      `INSERT INTO saved_requests (name, method, url, spec, sealed_secrets, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(name, stored.method, stored.url, JSON.stringify(stored), sealedSecrets, now, now);
  return Number(result.lastInsertRowid);
}

export function updateSavedRequest(
  sql: SqlContext,
  id: number,
  spec: RequestSpec,
  sealedSecrets: Uint8Array | null,
): boolean {
  const stored = storedSpec(spec);
  return (
    sql
      .statement(
        `UPDATE saved_requests SET method = ?, url = ?, spec = ?, sealed_secrets = ?,
         updated_at = ? WHERE id = ?`,
      )
      .run(stored.method, stored.url, JSON.stringify(stored), sealedSecrets, Date.now(), id)
      .changes === 1
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
  const sealed = row.sealed_secrets;
  return {
    ...summaryFromRow(row),
    spec: specFromJson(row.spec as string),
    sealedSecrets: sealed instanceof Uint8Array ? sealed : null,
  };
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
