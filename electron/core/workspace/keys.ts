/**
 * Row keys of the `entries` and `chunks` tables: `sessionId × 2^32 + seq`.
 *
 * Why: one session's rows then form one contiguous range of the table's INTEGER PRIMARY KEY
 * (the rowid), so paging a timeline by (session, seq) is a rowid range scan without a secondary
 * index, the full-text index can be limited to one session with a rowid range (FTS5 evaluates
 * rowid bounds itself), and deleting a session is a range delete. Limits: 2^32 rows per session
 * and table, and session ids below 2^21 (keys must stay exact JavaScript numbers).
 */
export const SEQ_SPACE = 2 ** 32;
export const MAX_SEQ = SEQ_SPACE - 1;
export const MAX_SESSION_ID = Math.floor(Number.MAX_SAFE_INTEGER / SEQ_SPACE) - 1;

export function rowKey(sessionId: number, seq: number): number {
  return sessionId * SEQ_SPACE + seq;
}

/** The smallest key of a session; its keys are `[base, base + SEQ_SPACE)`. */
export function sessionBase(sessionId: number): number {
  return sessionId * SEQ_SPACE;
}

export function seqOfKey(key: number): number {
  return key % SEQ_SPACE;
}

export function sessionOfKey(key: number): number {
  return Math.floor(key / SEQ_SPACE);
}
