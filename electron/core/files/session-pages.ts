import type { Workspace } from '../workspace/workspace.ts';
import type { RawChunk, StoredEntry } from '../workspace/types.ts';
import type { TimelineKind } from '../../../shared/capture/record-kinds.ts';

/**
 * Lazy, paged walks over one stored session, for exporters and the replay server: each yields
 * one item at a time and holds at most one page, so memory does not grow with the session.
 */

/** Timeline entries per page; long event data is fetched one event at a time (below). */
const ENTRY_PAGE = 500;
/** Event data read with the page; longer data is read alone with readEntry. */
const PREVIEW_CHARS = 16 * 1024;
/** Chunks per page (a chunk is usually ≤ 64 KiB, so a page stays around a few MiB). */
const CHUNK_PAGE = 64;

export interface EntryWalkOptions {
  kinds?: readonly TimelineKind[];
  /** Stop before this seq (a snapshot of the timeline length when the export began). */
  beforeSeq?: number;
  /** Fetch full event data (default true); false keeps only the page's preview. */
  fullData?: boolean;
  previewChars?: number;
}

/**
 * Every item of a read by pages in seq order, one page in memory at a time: `readPage(afterSeq)`
 * returns up to `pageSize` items with a seq above `afterSeq` (−1 at the start); a shorter page
 * is the last.
 */
export function* seqPages<T extends { seq: number }>(
  pageSize: number,
  readPage: (afterSeq: number) => T[],
): Generator<T> {
  let afterSeq = -1;
  for (;;) {
    const page = readPage(afterSeq);
    yield* page;
    if (page.length < pageSize) return;
    afterSeq = page[page.length - 1]!.seq;
  }
}

export function* timelineEntries(
  workspace: Workspace,
  sessionId: number,
  options: EntryWalkOptions = {},
): Generator<StoredEntry> {
  const fullData = options.fullData ?? true;
  const previewChars = options.previewChars ?? PREVIEW_CHARS;
  const entries = seqPages(ENTRY_PAGE, (afterSeq) =>
    workspace.readTimeline(sessionId, {
      afterSeq,
      limit: ENTRY_PAGE,
      previewChars,
      ...(options.kinds === undefined ? {} : { kinds: options.kinds }),
      ...(options.beforeSeq === undefined ? {} : { beforeSeq: options.beforeSeq }),
    }),
  );
  for (const entry of entries) {
    if (fullData && entry.dataLength !== undefined) {
      yield workspace.readEntry(sessionId, entry.seq) ?? entry;
    } else {
      yield entry;
    }
  }
}

/** Every chunk in arrival order (all attempts), up to `beforeSeq`. */
export function* sessionChunks(
  workspace: Workspace,
  sessionId: number,
  beforeSeq = Number.MAX_SAFE_INTEGER,
): Generator<RawChunk> {
  const chunks = seqPages(CHUNK_PAGE, (afterSeq) =>
    workspace.readChunkPage(sessionId, { afterSeq, limit: CHUNK_PAGE }),
  );
  for (const chunk of chunks) {
    if (chunk.seq >= beforeSeq) return;
    yield chunk;
  }
}

/**
 * The chunks of one attempt that hold bytes at or after `fromOffset`, in body order (the first
 * one may start before `fromOffset`).
 */
export function* attemptChunks(
  workspace: Workspace,
  sessionId: number,
  attempt: number,
  fromOffset = 0,
): Generator<RawChunk> {
  let from = fromOffset;
  let lastSeq = -1;
  for (;;) {
    const page = workspace.readChunks(sessionId, {
      attempt,
      fromOffset: from,
      toOffset: Number.MAX_SAFE_INTEGER,
      limit: CHUNK_PAGE,
    });
    let fresh = 0;
    for (const chunk of page) {
      // A page starts with the chunk holding `from`, which may be the last one already given.
      if (chunk.seq <= lastSeq) continue;
      if (chunk.offset + chunk.bytes.byteLength <= fromOffset && chunk.bytes.byteLength > 0) {
        continue;
      }
      fresh++;
      lastSeq = chunk.seq;
      from = chunk.offset + chunk.bytes.byteLength;
      yield chunk;
    }
    if (fresh === 0 || page.length < CHUNK_PAGE) return;
  }
}
