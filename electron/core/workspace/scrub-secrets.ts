import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import {
  redactHeaders,
  redactRecord,
  redactSpec,
  redactText,
  redactUrl,
} from '../../../shared/secrets/index.ts';
import { detailJson } from './record-codec.ts';
import type { TimelineRecord } from './types.ts';

/**
 * Rewrites a workspace written before secrets were kept out of it: every stored request spec,
 * attempt row and lifecycle entry gets markers in place of secret values (shared/secrets), the
 * way a new capture stores them. Runs inside the migration's transaction with `secure_delete`
 * on, so the old values are overwritten in the file rather than left in free space.
 */
export function scrubStoredSecrets(db: DatabaseSync): void {
  const json = <T>(text: string): T => JSON.parse(text) as T;
  const rewrite = (
    select: string,
    update: string,
    change: (row: Row) => SQLInputValue[] | null,
  ) => {
    const write = db.prepare(update);
    for (const row of db.prepare(select).iterate() as Iterable<Row>) {
      const values = change(row);
      if (values !== null) write.run(...values);
    }
  };

  rewrite(
    'SELECT id, spec FROM sessions',
    'UPDATE sessions SET url = ?, spec = ? WHERE id = ?',
    (row) => {
      const spec = redactSpec(json<RequestSpec>(row.spec as string));
      const text = JSON.stringify(spec);
      return text === row.spec ? null : [spec.url, text, row.id as number];
    },
  );

  rewrite(
    'SELECT id, spec FROM saved_requests',
    'UPDATE saved_requests SET url = ?, spec = ? WHERE id = ?',
    (row) => {
      const spec = redactSpec(json<RequestSpec>(row.spec as string));
      const text = JSON.stringify(spec);
      return text === row.spec ? null : [spec.url, text, row.id as number];
    },
  );

  rewrite(
    'SELECT session_id, n, request, response_headers, final_url, error_message FROM attempts',
    `UPDATE attempts SET request = ?, response_headers = ?, final_url = ?, error_message = ?
     WHERE session_id = ? AND n = ?`,
    (row) => {
      const request =
        row.request === null
          ? null
          : JSON.stringify(
              ((sent: { url: string; headers: Array<[string, string]> }) => ({
                ...sent,
                url: redactUrl(sent.url),
                headers: redactHeaders(sent.headers),
              }))(json(row.request as string)),
            );
      const headers =
        row.response_headers === null
          ? null
          : JSON.stringify(redactHeaders(json(row.response_headers as string)));
      const finalUrl = row.final_url === null ? null : redactUrl(row.final_url as string);
      const error = row.error_message === null ? null : redactText(row.error_message as string);
      const same =
        request === row.request &&
        headers === row.response_headers &&
        finalUrl === row.final_url &&
        error === row.error_message;
      return same
        ? null
        : [request, headers, finalUrl, error, row.session_id as number, row.n as number];
    },
  );

  rewrite(
    `SELECT id, kind, detail FROM entries
     WHERE kind IN ('attempt', 'redirect', 'response', 'error', 'warning')`,
    'UPDATE entries SET detail = ? WHERE id = ?',
    (row) => {
      const record = {
        kind: row.kind,
        attempt: 0,
        t: 0,
        ...json<object>(row.detail as string),
      } as TimelineRecord;
      const detail = detailJson(redactRecord(record) as Exclude<TimelineRecord, { kind: 'event' }>);
      return detail === row.detail ? null : [detail, row.id as number];
    },
  );
}

type Row = Record<string, SQLInputValue>;
