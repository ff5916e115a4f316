import type { SQLOutputValue } from 'node:sqlite';
import type { StoredEntry, StoredRecord } from './types.ts';
import type { TimelineKind } from '../../../shared/capture/record-kinds.ts';
import { seqOfKey } from './keys.ts';

/**
 * How timeline records map to `entries` rows. Events (the bulk of a session) use typed columns
 * only, so writing one costs no JSON; the rarer kinds keep attempt/t/offset in columns and the
 * remaining fields in `detail` JSON.
 */

/** Kinds whose `offset` lives in the offset column (warnings may have a null offset). */
const offsetKinds: ReadonlySet<string> = new Set<TimelineKind>(['retry', 'comment', 'warning']);

export function detailJson(record: Exclude<StoredRecord, { kind: 'event' }>): string {
  const rest: Record<string, unknown> = { ...record };
  delete rest.kind;
  delete rest.attempt;
  delete rest.t;
  if (offsetKinds.has(record.kind)) delete rest.offset;
  return JSON.stringify(rest);
}

export function offsetColumn(record: Exclude<StoredRecord, { kind: 'event' }>): number | null {
  return offsetKinds.has(record.kind) ? (record as { offset: number | null }).offset : null;
}

/** The columns every timeline query selects, in this order. */
export const entryColumns =
  'id, kind, attempt, t, type, event_id, data, start, "end", "offset", ord, detail';
/**
 * The same with data cut to $preview characters, plus the full length when it was cut. SQLite's
 * substr() and length() stop at the first NUL of a text value (an event's data may hold NUL):
 * such data is cut as bytes instead (4 × $preview covers $preview characters) and finished in
 * JavaScript by entryFromRow, with `nul_bytes` its full size in bytes.
 */
export const entryPreviewColumns =
  'id, kind, attempt, t, type, event_id, ' +
  'CASE WHEN instr(data, char(0)) > 0 ' +
  'THEN CAST(substr(CAST(data AS BLOB), 1, 4 * $preview) AS TEXT) ' +
  'ELSE substr(data, 1, $preview) END AS data, start, "end", "offset", ord, detail, ' +
  'CASE WHEN instr(data, char(0)) > 0 THEN NULL WHEN length(data) > $preview THEN length(data) ' +
  'END AS data_length, ' +
  'CASE WHEN instr(data, char(0)) > 0 THEN octet_length(data) END AS nul_bytes';

type Row = Record<string, SQLOutputValue>;

/**
 * Cuts a preview of data holding NUL (read as its first 4 × previewChars bytes) to previewChars
 * characters. The full length is exact when those bytes were the whole data; otherwise it is the
 * size in bytes, the closest SQLite can tell past a NUL (an upper bound of the characters).
 */
function nulPreview(
  text: string,
  fullBytes: number,
  previewChars: number,
): { data: string; dataLength?: number } {
  const characters = Array.from(text);
  const whole = fullBytes <= 4 * previewChars;
  if (whole && characters.length <= previewChars) return { data: text };
  return {
    data: characters.slice(0, previewChars).join(''),
    dataLength: whole ? characters.length : fullBytes,
  };
}

export function entryFromRow(row: Row, previewChars?: number): StoredEntry {
  const id = row.id as number;
  const kind = row.kind as TimelineKind;
  let record: StoredRecord;
  if (kind === 'event') {
    record = {
      kind,
      attempt: row.attempt as number,
      t: row.t as number,
      index: row.ord as number,
      type: row.type as string,
      data: row.data as string,
      lastEventId: row.event_id as string,
      start: row.start as number,
      end: row.end as number,
    };
  } else {
    const detail = JSON.parse((row.detail as string | null) ?? '{}') as Record<string, unknown>;
    const rebuilt: Record<string, unknown> = { kind, attempt: row.attempt, t: row.t, ...detail };
    if (offsetKinds.has(kind)) rebuilt.offset = row.offset;
    record = rebuilt as unknown as StoredRecord;
  }
  const entry: StoredEntry = { seq: seqOfKey(id), record };
  // SQLite counts characters (code points), as substr() cut them.
  if (typeof row.data_length === 'number') entry.dataLength = row.data_length;
  if (record.kind === 'event' && typeof row.nul_bytes === 'number' && previewChars !== undefined) {
    const preview = nulPreview(record.data, row.nul_bytes, previewChars);
    record.data = preview.data;
    if (preview.dataLength !== undefined) entry.dataLength = preview.dataLength;
  }
  return entry;
}
