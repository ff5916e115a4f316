import type { CaptureRecord, ChunkRecord, CommentRecord, EventRecord } from './records.ts';
import type { ConnectionStatus } from './connection-status.ts';
import type { TimelineColumns } from './timeline-columns.ts';

/** How much of an event's data travels with a live frame; the detail view fetches the rest. */
export const eventPreviewChars = 2048;

/** An event as the timeline receives it: data cut to a preview, with its full size. */
export interface EventPreview extends Omit<EventRecord, 'data'> {
  data: string;
  /** UTF-16 length of the full data. */
  dataLength: number;
  truncated: boolean;
}

/**
 * A comment as the timeline receives it: its text cut like event data (a hostile server can
 * send comment lines of up to the parser's 16 MiB line limit, over and over), with its full
 * length. The raw view shows all of its bytes.
 */
export interface CommentPreview extends CommentRecord {
  /** UTF-16 length of the full text. */
  textLength: number;
  truncated: boolean;
}

/** A timeline row's record: every capture record but chunks; events and comments as previews. */
export type TimelineRecord =
  Exclude<CaptureRecord, ChunkRecord | EventRecord | CommentRecord> | EventPreview | CommentPreview;

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
 * last batch (timeline rows by column, one block per connection), and the connections whose
 * status changed.
 */
export interface FrameBatch {
  statuses: ConnectionStatus[];
  rows: TimelineColumns[];
  chunks: ChunkMeta[];
}

/** The first `eventPreviewChars` of a text (event data, comment text): what a live row holds. */
export function previewText(text: string): string {
  return text.length > eventPreviewChars ? text.slice(0, eventPreviewChars) : text;
}

/** The preview of a text, and whether that cut it. */
function cut(text: string): { preview: string; truncated: boolean } {
  return { preview: previewText(text), truncated: text.length > eventPreviewChars };
}

export function toEventPreview(record: EventRecord): EventPreview {
  const { preview, truncated } = cut(record.data);
  return { ...record, data: preview, dataLength: record.data.length, truncated };
}

export function toCommentPreview(record: CommentRecord): CommentPreview {
  const { preview, truncated } = cut(record.text);
  return { ...record, text: preview, textLength: record.text.length, truncated };
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
