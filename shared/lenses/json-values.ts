/** Narrowing helpers for parsed JSON of unknown shape (the lenses never trust a payload). */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOr(value: unknown, fallback: string | null = null): string | null {
  return typeof value === 'string' ? value : fallback;
}

export function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function recordAt(value: unknown, key: string): JsonRecord | null {
  if (!isRecord(value)) return null;
  const inner = value[key];
  return isRecord(inner) ? inner : null;
}

/**
 * JSON.parse for event data that looks like JSON. Returns `undefined` when the data does not
 * start like a JSON object or array (a cheap check: most non-JSON data is never parsed), and
 * `PARSE_FAILED` when it starts like one but does not parse.
 */
export const PARSE_FAILED: unique symbol = Symbol('parse-failed');

export function parseJsonData(data: string): unknown {
  let i = 0;
  while (i < data.length && (data[i] === ' ' || data[i] === '\n' || data[i] === '\t')) i++;
  const first = data[i];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return PARSE_FAILED;
  }
}
