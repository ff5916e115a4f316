// Timeline rows for the renderer's tests (not a test file itself).
import type {
  ChunkMeta,
  EventPreview,
  TimelineEntry,
} from '../../../shared/capture/live-frames.ts';
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

/** A chunk of 10 bytes at offset seq×10. */
export function chunkMeta(seq: number, connectionId = 1): ChunkMeta {
  return { connectionId, seq, attempt: 1, t: seq, wall: seq, offset: seq * 10, size: 10 };
}

/** The seqs of a log's rows, in row order. */
export function logSeqs(log: TimelineLog): number[] {
  return Array.from({ length: log.length }, (_, row) => log.seqAt(row));
}
