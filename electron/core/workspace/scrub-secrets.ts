import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { redactHeaderValue, redactText, redactUrl } from '../../../shared/secrets/index.ts';

type Row = Record<string, SQLInputValue>;

const urlKeys: ReadonlySet<string> = new Set(['url', 'from', 'to', 'finalUrl']);

function isHeader(value: unknown): value is [string, string] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string'
  );
}

/**
 * Any stored JSON value with its secrets replaced, whatever shape an older version gave it: URLs
 * under url/from/to/finalUrl (a spec's proxy URL too), header lists (a redirect's Location is a
 * URL), and messages. Tolerant on purpose: a row this cannot read must not stop the workspace
 * from opening.
 */
function redactStored(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (urlKeys.has(key)) return redactUrl(value);
    return key === 'message' ? redactText(value) : value;
  }
  if (key === 'headers' && Array.isArray(value)) {
    return value.map((item) => {
      if (!isHeader(item)) return redactStored(item);
      const [name, text] = item;
      return [
        name,
        name.toLowerCase() === 'location' ? redactUrl(text) : redactHeaderValue(name, text),
      ];
    });
  }
  if (Array.isArray(value)) return value.map((item) => redactStored(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [name, redactStored(inner, name)]),
    );
  }
  return value;
}

/** The JSON text with secrets replaced; text that is not JSON is redacted as text. */
function redactStoredJson(text: string, key = ''): string {
  try {
    return JSON.stringify(redactStored(JSON.parse(text), key));
  } catch {
    return redactText(text);
  }
}

/**
 * Rewrites text columns of every row (or those `where` selects) of a table, row by row, writing
 * only rows that change. `key` names the columns that identify a row.
 */
function scrubColumns(
  db: DatabaseSync,
  table: string,
  key: string[],
  columns: Record<string, (text: string) => string>,
  where = '',
): void {
  const names = Object.keys(columns);
  const select = db.prepare(`SELECT ${[...key, ...names].join(', ')} FROM ${table} ${where}`);
  const update = db.prepare(
    `UPDATE ${table} SET ${names.map((name) => `${name} = ?`).join(', ')}
     WHERE ${key.map((name) => `${name} = ?`).join(' AND ')}`,
  );
  for (const row of select.iterate() as Iterable<Row>) {
    const values = names.map((name) => {
      const value = row[name]!;
      return typeof value === 'string' ? columns[name]!(value) : value;
    });
    if (values.some((value, i) => value !== row[names[i]!])) {
      update.run(...values, ...key.map((name) => row[name]!));
    }
  }
}

/**
 * Rewrites a workspace written before secrets were kept out of it: every stored request spec,
 * attempt row and lifecycle entry gets markers in place of secret values (shared/secrets), the
 * way a new capture stores them. Runs inside the migration's transaction with `secure_delete`
 * on, so the old values are overwritten in the file rather than left in free space.
 */
export function scrubStoredSecrets(db: DatabaseSync): void {
  const json = (text: string): string => redactStoredJson(text);
  for (const table of ['sessions', 'saved_requests']) {
    scrubColumns(db, table, ['id'], { url: redactUrl, spec: json });
  }
  scrubColumns(db, 'attempts', ['session_id', 'n'], {
    request: json,
    response_headers: (text) => redactStoredJson(text, 'headers'),
    final_url: redactUrl,
    error_message: redactText,
  });
  scrubColumns(
    db,
    'entries',
    ['id'],
    { detail: json },
    "WHERE kind IN ('attempt', 'redirect', 'response', 'error', 'warning')",
  );
}
