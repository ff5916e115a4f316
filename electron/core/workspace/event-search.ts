import type { SqlContext } from './sql-context.ts';
import type { SearchHit, SearchOptions } from './types.ts';
import { SEQ_SPACE, seqOfKey, sessionBase, sessionOfKey } from './keys.ts';
import { SearchQueryError } from './workspace-error.ts';
import { MAX_PAGE } from './timeline-queries.ts';
import { errorMessage } from '../../../shared/errors.ts';

/** Default marks around matched words in snippets (control characters never found in text). */
export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';
/** Words of context a snippet keeps around the matches. */
const SNIPPET_TOKENS = 16;

/**
 * Plain text → an FTS5 query matching every word literally: each whitespace-separated word
 * becomes a quoted string ("" escapes a quote), and FTS5 ANDs them. Inside quotes `foo-bar` is
 * the phrase "foo bar" and `a:b` is "a b", so nothing the user types is read as an operator.
 */
export function plainTextQuery(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => `"${word.replaceAll('"', '""')}"`)
    .join(' ');
}

function syntaxError(query: string, error: unknown): SearchQueryError | null {
  const message = errorMessage(error);
  const near = /fts5: syntax error near "(.*)"/.exec(message);
  if (near) {
    const where = near[1] === '' ? 'at the end of the query' : `near "${near[1]}"`;
    return new SearchQueryError(
      query,
      `Search syntax error ${where}: check quotes, parentheses and AND/OR/NOT, ` +
        'or search as plain text.',
      { cause: error },
    );
  }
  const column = /no such column: (.*)/.exec(message);
  if (column) {
    return new SearchQueryError(
      query,
      `Search syntax error near "${column[1]}": a word before ":" or after "-" is read as a ` +
        'column name. Put such words in double quotes, or search as plain text.',
      { cause: error },
    );
  }
  if (/fts5|unterminated|unknown special query|malformed MATCH/i.test(message)) {
    return new SearchQueryError(query, `Search syntax error: ${message}.`, { cause: error });
  }
  return null;
}

/**
 * Full-text search over event data through the FTS5 index (never a LIKE scan). Hits come in time
 * order (newest first across sessions; timeline order within one session, unless `order` says
 * otherwise), so the first page streams off the index without ranking every match.
 */
export function searchEvents(sql: SqlContext, text: string, options: SearchOptions): SearchHit[] {
  const query = options.plainText === false ? text.trim() : plainTextQuery(text);
  if (query === '') return [];
  const limit = Math.max(0, Math.min(MAX_PAGE, Math.floor(options.limit)));
  const order = options.order ?? (options.sessionId === undefined ? 'desc' : 'asc');
  const lo = options.sessionId === undefined ? 0 : sessionBase(options.sessionId);
  const hi = options.sessionId === undefined ? Number.MAX_SAFE_INTEGER : lo + SEQ_SPACE;
  const highlight = options.highlight ?? { open: SNIPPET_OPEN, close: SNIPPET_CLOSE };
  let rows;
  try {
    rows = sql
      .statement(
        `SELECT f.rowid AS id, e.attempt, e.t, e.type, e.event_id, e.ord,
           snippet(events_fts, 0, $open, $close, '…', ${SNIPPET_TOKENS}) AS snippet
         FROM events_fts AS f JOIN entries AS e ON e.id = f.rowid
         WHERE events_fts MATCH $query AND f.rowid >= $lo AND f.rowid < $hi
         ORDER BY f.rowid ${order === 'asc' ? 'ASC' : 'DESC'} LIMIT $limit OFFSET $offset`,
      )
      .all({
        query,
        lo,
        hi,
        limit,
        offset: Math.max(0, Math.floor(options.offset ?? 0)),
        open: highlight.open,
        close: highlight.close,
      });
  } catch (error) {
    throw syntaxError(text, error) ?? error;
  }
  return rows.map((row) => {
    const id = row.id as number;
    return {
      sessionId: sessionOfKey(id),
      seq: seqOfKey(id),
      index: row.ord as number,
      attempt: row.attempt as number,
      t: row.t as number,
      type: row.type as string,
      lastEventId: row.event_id as string,
      snippet: row.snippet as string,
    };
  });
}
