import { previewText, type TimelineEntry, type TimelineRecord } from './live-frames.ts';
import type { CaptureRecord, ChunkRecord } from './records.ts';

/** `shape` of a comment row. */
export const commentShape = -1;
/** `shape` of a row that is neither an event nor a comment: its record is in `records`. */
export const recordShape = -2;

/**
 * Consecutive timeline rows of one connection, by column: what a live frame carries. At 50,000
 * events a second, one object per event is most of the cost on both sides of the socket
 * (JSON.stringify in main, JSON.parse and the garbage in the renderer); columns of numbers and
 * short strings cost a fifth of the bytes and no object per row.
 *
 * Rows are `firstSeq`, `firstSeq + 1`, … (a block never has a gap). `t`, `attempt` and `shape`
 * have one value per row; the text columns one per event or comment row; `end`, `index` and
 * `lastEventId` one per event row; `records` the other rows, whole, in order.
 */
export interface TimelineColumns {
  connectionId: number;
  firstSeq: number;
  t: number[];
  attempt: number[];
  /** An index into `types` for an event; `commentShape` or `recordShape` for other rows. */
  shape: number[];
  /** Event types of this block, in first-seen order. */
  types: string[];
  /** Event data or comment text, cut to `eventPreviewChars`. */
  text: string[];
  /** UTF-16 length of the whole text (longer than `text` when it was cut). */
  textLength: number[];
  /** Where an event starts or a comment is, in the attempt's body. */
  start: number[];
  end: number[];
  index: number[];
  lastEventId: string[];
  records: TimelineRecord[];
}

/** A timeline record as main has it, or as a timeline page (events and comments as previews). */
type RowRecord = Exclude<CaptureRecord, ChunkRecord> | TimelineRecord;

/** Builds one block, row by row, cutting event data and comment text to previews. */
export class TimelineColumnsBuilder {
  readonly columns: TimelineColumns;
  readonly #typeIds = new Map<string, number>();

  constructor(connectionId: number, firstSeq: number) {
    this.columns = {
      connectionId,
      firstSeq,
      t: [],
      attempt: [],
      shape: [],
      types: [],
      text: [],
      textLength: [],
      start: [],
      end: [],
      index: [],
      lastEventId: [],
      records: [],
    };
  }

  /** Seq of the next row. */
  get nextSeq(): number {
    return this.columns.firstSeq + this.columns.t.length;
  }

  add(record: RowRecord): void {
    const c = this.columns;
    c.t.push(record.t);
    c.attempt.push(record.attempt);
    if (record.kind === 'event') {
      let typeId = this.#typeIds.get(record.type);
      if (typeId === undefined) {
        typeId = c.types.length;
        c.types.push(record.type);
        this.#typeIds.set(record.type, typeId);
      }
      c.shape.push(typeId);
      c.text.push(previewText(record.data));
      c.textLength.push('dataLength' in record ? record.dataLength : record.data.length);
      c.start.push(record.start);
      c.end.push(record.end);
      c.index.push(record.index);
      c.lastEventId.push(record.lastEventId);
    } else if (record.kind === 'comment') {
      c.shape.push(commentShape);
      c.text.push(previewText(record.text));
      c.textLength.push('textLength' in record ? record.textLength : record.text.length);
      c.start.push(record.offset);
    } else {
      c.shape.push(recordShape);
      c.records.push(record);
    }
  }
}

/** Rows as one block (they must be consecutive seqs of one connection). */
export function columnsOf(
  connectionId: number,
  firstSeq: number,
  records: readonly RowRecord[],
): TimelineColumns {
  const builder = new TimelineColumnsBuilder(connectionId, firstSeq);
  for (const record of records) builder.add(record);
  return builder.columns;
}

/**
 * A block's rows as timeline entries, one object each: for readers that want whole rows (tests,
 * tools); the renderer's timeline log reads the columns as they are.
 */
export function entriesOfColumns(columns: TimelineColumns): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let text = 0;
  let event = 0;
  let other = 0;
  for (let row = 0; row < columns.t.length; row++) {
    const shape = columns.shape[row] as number;
    const t = columns.t[row] as number;
    const attempt = columns.attempt[row] as number;
    let record: TimelineRecord;
    if (shape === recordShape) {
      record = columns.records[other++] as TimelineRecord;
    } else {
      const data = columns.text[text] as string;
      const length = columns.textLength[text] as number;
      const start = columns.start[text] as number;
      text++;
      const truncated = length > data.length;
      if (shape === commentShape) {
        record = {
          kind: 'comment',
          attempt,
          t,
          text: data,
          offset: start,
          textLength: length,
          truncated,
        };
      } else {
        record = {
          kind: 'event',
          attempt,
          t,
          index: columns.index[event] as number,
          type: columns.types[shape] as string,
          data,
          lastEventId: columns.lastEventId[event] as string,
          start,
          end: columns.end[event] as number,
          dataLength: length,
          truncated,
        };
        event++;
      }
    }
    entries.push({ connectionId: columns.connectionId, seq: columns.firstSeq + row, record });
  }
  return entries;
}
