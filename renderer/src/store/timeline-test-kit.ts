// Timeline rows for the renderer's tests (not a test file itself).
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type {
  ChunkMeta,
  CommentPreview,
  EventPreview,
  FrameBatch,
  TimelineEntry,
} from '../../../shared/capture/live-frames.ts';
import { columnsOf, type TimelineColumns } from '../../../shared/capture/timeline-columns.ts';
import type { TimelineLog } from './timeline-log.ts';

/**
 * An event row: `seq` doubles as its time and index, its bytes are [seq×10, seq×10+10), its data
 * is `e<seq>`; `fields` changes any of that (and `connectionId`, 1 by default).
 */
export function eventEntry(
  seq: number,
  fields: Partial<EventPreview> & { connectionId?: number } = {},
): TimelineEntry {
  const { connectionId = 1, ...changed } = fields;
  const data = changed.data ?? `e${seq}`;
  return {
    connectionId,
    seq,
    record: {
      kind: 'event',
      attempt: 1,
      t: seq,
      index: seq,
      type: 'message',
      data,
      dataLength: data.length,
      truncated: false,
      lastEventId: '',
      start: seq * 10,
      end: seq * 10 + 10,
      ...changed,
    },
  };
}

/**
 * A comment row: `seq` doubles as its time, its text `c<seq>` is at offset seq×10; `fields`
 * changes any of that.
 */
export function commentEntry(seq: number, fields: Partial<CommentPreview> = {}): TimelineEntry {
  const text = fields.text ?? `c${seq}`;
  return {
    connectionId: 1,
    seq,
    record: {
      kind: 'comment',
      attempt: 1,
      t: seq,
      text,
      offset: seq * 10,
      textLength: text.length,
      truncated: false,
      ...fields,
    },
  };
}

/** A chunk of 10 bytes at offset seq×10. */
export function chunkMeta(seq: number, connectionId = 1): ChunkMeta {
  return { connectionId, seq, attempt: 1, t: seq, wall: seq, offset: seq * 10, size: 10 };
}

/** The seqs of a log's rows, in row order. */
export function logSeqs(log: TimelineLog): number[] {
  return Array.from({ length: log.length }, (_, row) => log.seqAt(row));
}

/** Entries as live frames carry them: one block per run of consecutive seqs of a connection. */
export function blocksOf(entries: readonly TimelineEntry[]): TimelineColumns[] {
  const blocks: TimelineColumns[] = [];
  let run: TimelineEntry[] = [];
  const close = () => {
    const first = run[0];
    if (first)
      blocks.push(
        columnsOf(
          first.connectionId,
          first.seq,
          run.map((e) => e.record),
        ),
      );
    run = [];
  };
  for (const entry of entries) {
    const last = run.at(-1);
    if (last && (last.connectionId !== entry.connectionId || last.seq + 1 !== entry.seq)) close();
    run.push(entry);
  }
  close();
  return blocks;
}

/** A live batch of these rows, chunks and statuses. */
export function batchOf(
  entries: readonly TimelineEntry[],
  chunks: ChunkMeta[] = [],
  statuses: ConnectionStatus[] = [],
): FrameBatch {
  return { statuses, rows: blocksOf(entries), chunks };
}

/** Appends rows (and chunks) as a live batch would; false when some came after a gap. */
export function appendEntries(
  log: TimelineLog,
  entries: readonly TimelineEntry[],
  chunks: readonly ChunkMeta[] = [],
): boolean {
  let complete = true;
  for (const block of blocksOf(entries)) complete = log.appendColumns(block) && complete;
  return log.appendChunks(chunks) && complete;
}
