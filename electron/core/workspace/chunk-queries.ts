import type { SQLOutputValue } from 'node:sqlite';
import type { SqlContext } from './sql-context.ts';
import type { ChunkPageOptions, ChunkRangeOptions, RawChunk, StoredEntry } from './types.ts';
import { SEQ_SPACE, seqOfKey, sessionBase } from './keys.ts';
import { entryColumns, entryFromRow } from './record-codec.ts';
import { MAX_PAGE } from './timeline-queries.ts';
import { eventOrder, eventRows } from './timeline-groups.ts';

type Row = Record<string, SQLOutputValue>;

const chunkColumns = 'id, attempt, t, wall, "offset", entry_seq, bytes';

function chunkFromRow(row: Row): RawChunk {
  return { ...chunkPlaceFromRow(row), bytes: row.bytes as Uint8Array };
}

/** Where and when a chunk arrived: every column but its bytes. */
function chunkPlaceFromRow(row: Row): Omit<RawChunk, 'bytes'> {
  return {
    seq: seqOfKey(row.id as number),
    attempt: row.attempt as number,
    t: row.t as number,
    wall: row.wall as number,
    offset: row.offset as number,
    entrySeq: row.entry_seq as number,
  };
}

/** One page of a session's chunks in arrival order (all attempts), after `afterSeq`. */
function chunkPageRows(
  sql: SqlContext,
  sessionId: number,
  page: ChunkPageOptions,
  columns: string,
): Row[] {
  const base = sessionBase(sessionId);
  const limit = Math.max(0, Math.min(MAX_PAGE, Math.floor(page.limit)));
  const lo = page.afterSeq === undefined ? base - 1 : base + page.afterSeq;
  return sql
    .statement(`SELECT ${columns} FROM chunks WHERE id > ? AND id < ? ORDER BY id LIMIT ?`)
    .all(lo, base + SEQ_SPACE, limit);
}

/** Chunks of one attempt overlapping the byte range [fromOffset, toOffset), in order. */
export function readChunks(
  sql: SqlContext,
  sessionId: number,
  range: ChunkRangeOptions,
): RawChunk[] {
  const limit = Math.max(0, Math.min(MAX_PAGE, Math.floor(range.limit ?? 1000)));
  // The chunk holding fromOffset starts at or before it.
  const first = sql
    .statement(
      `SELECT "offset" FROM chunks WHERE session_id = ? AND attempt = ? AND "offset" <= ?
       ORDER BY "offset" DESC LIMIT 1`,
    )
    .get(sessionId, range.attempt, range.fromOffset);
  const start = first ? (first.offset as number) : range.fromOffset;
  return sql
    .statement(
      `SELECT ${chunkColumns} FROM chunks
       WHERE session_id = ? AND attempt = ? AND "offset" >= ? AND "offset" < ?
       ORDER BY "offset" LIMIT ?`,
    )
    .all(sessionId, range.attempt, start, range.toOffset, limit)
    .map(chunkFromRow);
}

/** Chunks in arrival order (all attempts), after `afterSeq`. */
export function readChunkPage(
  sql: SqlContext,
  sessionId: number,
  page: ChunkPageOptions,
): RawChunk[] {
  return chunkPageRows(sql, sessionId, page, chunkColumns).map(chunkFromRow);
}

/** Like readChunkPage without the bytes: what a list of chunks needs (arrival, size, offset). */
export function readChunkMetaPage(
  sql: SqlContext,
  sessionId: number,
  page: ChunkPageOptions,
): Array<Omit<RawChunk, 'bytes'> & { size: number }> {
  const columns = 'id, attempt, t, wall, "offset", entry_seq, length(bytes) AS size';
  return chunkPageRows(sql, sessionId, page, columns).map((row) => ({
    ...chunkPlaceFromRow(row),
    size: row.size as number,
  }));
}

/**
 * The event whose bytes [start, end) contain `offset` in the attempt's body ("select bytes → show
 * event"), or null when the byte belongs to no event (a comment, a blank line, an unfinished
 * event). An event is dispatched once its last byte has arrived, so it is recorded after the chunk
 * holding `offset`; we start from the previous chunk's timeline position (in case an engine
 * records parser output before the chunk itself) and take the first event ending past `offset`,
 * which reads only the events of those two chunks (attempts follow each other, so a later
 * attempt's event ends the scan).
 */
export function findEventAtOffset(
  sql: SqlContext,
  sessionId: number,
  attempt: number,
  offset: number,
): StoredEntry | null {
  const base = sessionBase(sessionId);
  const chunk = sql
    .statement(
      `SELECT id, entry_seq FROM chunks WHERE session_id = ? AND attempt = ? AND "offset" <= ?
       ORDER BY "offset" DESC LIMIT 1`,
    )
    .get(sessionId, attempt, offset);
  if (!chunk) return null;
  const previous = sql
    .statement('SELECT entry_seq FROM chunks WHERE id >= ? AND id < ? ORDER BY id DESC LIMIT 1')
    .get(base, chunk.id as number);
  const fromSeq = (previous ?? chunk).entry_seq as number;
  const row = sql
    .statement(
      `SELECT ${entryColumns} FROM ${eventRows(false)}
         AND (attempt > $attempt OR (attempt = $attempt AND "end" > $offset))
       ORDER BY ${eventOrder('ASC')} LIMIT 1`,
    )
    .get({ lo: base + fromSeq - 1, hi: base + SEQ_SPACE, attempt, offset });
  if (!row || row.attempt !== attempt || (row.start as number) > offset) return null;
  return entryFromRow(row);
}
