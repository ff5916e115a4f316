import type { CaptureRecord, ChunkRecord, EventRecord } from './records.ts';
import type { ConnectionStatus } from './connection-status.ts';

/** How much of an event's data travels with a live frame; the detail view fetches the rest. */
export const eventPreviewChars = 2048;

/** An event as the timeline receives it: data cut to a preview, with its full size. */
export interface EventPreview extends Omit<EventRecord, 'data'> {
  data: string;
  /** UTF-16 length of the full data. */
  dataLength: number;
  truncated: boolean;
}

/** A timeline row's record: every capture record but chunks, events as previews. */
export type TimelineRecord = Exclude<CaptureRecord, ChunkRecord | EventRecord> | EventPreview;

export interface TimelineEntry {
  connectionId: number;
  /** Position in the session's timeline (non-chunk records in arrival order), from 0. */
  seq: number;
  record: TimelineRecord;
}

/** A body chunk without its bytes; the raw view asks main for the bytes it shows. */
export interface ChunkMeta {
  connectionId: number;
  seq: number;
  attempt: number;
  t: number;
  wall: number;
  offset: number;
  size: number;
}

/**
 * What main pushes to a renderer at most ~30 times a second: everything captured since the
 * last batch, and the connections whose status changed.
 */
export interface FrameBatch {
  statuses: ConnectionStatus[];
  entries: TimelineEntry[];
  chunks: ChunkMeta[];
}

export function toEventPreview(record: EventRecord): EventPreview {
  const truncated = record.data.length > eventPreviewChars;
  return {
    ...record,
    data: truncated ? record.data.slice(0, eventPreviewChars) : record.data,
    dataLength: record.data.length,
    truncated,
  };
}

/** Raw bytes as they cross IPC or the web host's WebSocket. */
export interface ChunkBytes {
  seq: number;
  attempt: number;
  t: number;
  wall: number;
  offset: number;
  /** The bytes, base64-encoded (JSON-safe for the web host). */
  base64: string;
}
