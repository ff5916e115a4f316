import type {
  ChunkMeta,
  EventPreview,
  FrameBatch,
  TimelineEntry,
  TimelineRecord,
} from '../../../shared/capture/live-frames.ts';
import { timelineKinds, type TimelineKind } from '../../../shared/capture/record-kinds.ts';
import {
  commentShape,
  recordShape,
  type TimelineColumns,
} from '../../../shared/capture/timeline-columns.ts';
import { Float64Column, RowList, StringColumn, Uint32Column } from './timeline-columns.ts';

/** The kinds of timeline row that are not events (lifecycle, parser and engine notes). */
export type LifecycleKind = Exclude<TimelineKind, 'event'>;
export const lifecycleKinds = timelineKinds.filter(
  (kind): kind is LifecycleKind => kind !== 'event',
);

/** Row kinds, stored as a number per row; 0 is an event. */
const kindNames: readonly TimelineKind[] = ['event', ...lifecycleKinds];
const kindCode = new Map<string, number>(kindNames.map((name, code) => [name, code]));
const commentCode = kindNames.indexOf('comment');
const eventCode = 0;

/**
 * Everything received for one connection, kept outside React state and stored by column: a
 * million events cost a few typed-array slots and two short strings each, not two objects each.
 * Appending a batch touches only the new rows; the UI is told once per animation frame through a
 * revision number (HTTP Toolkit's pattern) and materializes only the rows it shows.
 */
export class TimelineLog {
  readonly connectionId: number;
  #length = 0;
  #seq = new Float64Column();
  #t = new Float64Column();
  #attempt = new Uint32Column();
  #kind = new Uint32Column();
  /** For events: index into #types; for other rows: unused. */
  #typeIds = new Uint32Column();
  #index = new Float64Column();
  #start = new Float64Column();
  #end = new Float64Column();
  /** Full length of the data or text; longer than #data's when that is a cut preview. */
  #dataLength = new Float64Column();
  #data = new StringColumn();
  #lastEventId = new StringColumn();
  /** Lifecycle rows are rare: kept whole, by row. */
  #others = new Map<number, TimelineRecord>();
  readonly #types: string[] = [];
  readonly #typeIdOf = new Map<string, number>();
  readonly #eventRowsByAttempt = new Map<number, RowList>();
  readonly #warningRows: number[] = [];
  readonly chunks: ChunkMeta[] = [];

  constructor(connectionId: number) {
    this.connectionId = connectionId;
  }

  get length(): number {
    return this.#length;
  }

  /** Event types seen, in first-seen order (for the type filter). */
  get eventTypes(): readonly string[] {
    return this.#types;
  }

  /** Warning rows (parser and engine), for the warnings panel. */
  get warningRows(): readonly number[] {
    return this.#warningRows;
  }

  /** Seq of the next row this log can take (rows go in without gaps). */
  get nextSeq(): number {
    return this.#length === 0 ? 0 : this.#seq.get(this.#length - 1) + 1;
  }

  /** Seq of the next chunk this log can take. */
  get nextChunkSeq(): number {
    return (this.chunks.at(-1)?.seq ?? -1) + 1;
  }

  /**
   * Adds a live block of rows. Rows the log already has (a catch-up read them first) are
   * skipped; a block that starts after a gap is not added at all: false says the rows in
   * between must be read from main first, so a row never lands after rows that are missing.
   */
  appendColumns(block: TimelineColumns): boolean {
    const next = this.nextSeq;
    if (block.firstSeq > next) return false;
    const count = block.t.length;
    const skip = next - block.firstSeq;
    if (skip >= count) return true;
    const blockTypeIds = block.types.map((type) => this.#typeId(type));
    let text = 0;
    let event = 0;
    let other = 0;
    let i = 0;
    while (i < count) {
      const shape = block.shape[i] as number;
      if (shape === recordShape) {
        const record = block.records[other++] as TimelineRecord;
        if (i >= skip) this.#addOther(block.firstSeq + i, record);
        i++;
      } else if (shape === commentShape) {
        if (i >= skip) this.#addComment(block, i, text);
        text++;
        i++;
      } else {
        // A run of events (a live stream's block is one run): every column of the run lines up
        // with its rows, so each is copied in one pass.
        let end = i + 1;
        while (end < count && (block.shape[end] as number) >= 0) end++;
        const from = Math.max(i, skip);
        if (from < end) {
          this.#addEvents(block, blockTypeIds, from, end - from, text + from - i, event + from - i);
        }
        text += end - i;
        event += end - i;
        i = end;
      }
    }
    return true;
  }

  /** Adds chunks; as for rows, none after a gap (false: read the ones in between first). */
  appendChunks(chunks: readonly ChunkMeta[]): boolean {
    let next = this.nextChunkSeq;
    for (const chunk of chunks) {
      if (chunk.seq < next) continue;
      if (chunk.seq > next) return false;
      this.chunks.push(chunk);
      next++;
    }
    return true;
  }

  kindAt(row: number): TimelineKind {
    return kindNames[this.#kind.get(row)] as TimelineKind;
  }

  seqAt(row: number): number {
    return this.#seq.get(row);
  }

  tAt(row: number): number {
    return this.#t.get(row);
  }

  /** The event type of an event row. */
  typeAt(row: number): string {
    return this.#types[this.#typeIds.get(row)] as string;
  }

  /** The row as a TimelineEntry (built on demand: only shown rows are materialized). */
  entryAt(row: number): TimelineEntry {
    const seq = this.#seq.get(row);
    const other = this.#others.get(row);
    if (other) return { connectionId: this.connectionId, seq, record: other };
    const data = this.#data.get(row);
    const length = this.#dataLength.get(row);
    if (this.#kind.get(row) === commentCode) {
      const comment: TimelineRecord = {
        kind: 'comment',
        attempt: this.#attempt.get(row),
        t: this.#t.get(row),
        text: data,
        offset: this.#start.get(row),
        textLength: length,
        truncated: length > data.length,
      };
      return { connectionId: this.connectionId, seq, record: comment };
    }
    const record: EventPreview = {
      kind: 'event',
      attempt: this.#attempt.get(row),
      t: this.#t.get(row),
      index: this.#index.get(row),
      type: this.typeAt(row),
      data,
      lastEventId: this.#lastEventId.get(row),
      start: this.#start.get(row),
      end: this.#end.get(row),
      dataLength: length,
      truncated: length > data.length,
    };
    return { connectionId: this.connectionId, seq, record };
  }

  /** The row holding this seq, or -1 (rows are in seq order). */
  rowOfSeq(seq: number): number {
    let low = 0;
    let high = this.#length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = this.#seq.get(mid);
      if (value === seq) return mid;
      if (value < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  entryBySeq(seq: number): TimelineEntry | undefined {
    const row = this.rowOfSeq(seq);
    return row === -1 ? undefined : this.entryAt(row);
  }

  /** Chunks of one attempt, in arrival order. */
  chunksOfAttempt(attempt: number): ChunkMeta[] {
    return this.chunks.filter((chunk) => chunk.attempt === attempt);
  }

  /** The event whose byte range in `attempt` contains `offset`, if any. */
  eventAtOffset(attempt: number, offset: number): TimelineEntry | undefined {
    // Events of one attempt arrive in stream order, so their ranges increase: binary search.
    const rows = this.#eventRowsByAttempt.get(attempt);
    if (!rows) return undefined;
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const row = rows.at(mid);
      if (offset < this.#start.get(row)) high = mid - 1;
      else if (offset >= this.#end.get(row)) low = mid + 1;
      else return this.entryAt(row);
    }
    return undefined;
  }

  #addRow(seq: number, t: number, attempt: number): number {
    const row = this.#length++;
    this.#seq.set(row, seq);
    this.#t.set(row, t);
    this.#attempt.set(row, attempt);
    return row;
  }

  /** Rows `from`… of the block, all events (text columns from `text`, the others `event`). */
  #addEvents(
    block: TimelineColumns,
    blockTypeIds: readonly number[],
    from: number,
    count: number,
    text: number,
    event: number,
  ): void {
    const first = this.#length;
    this.#length += count;
    this.#t.setRange(first, block.t, from, count);
    this.#attempt.setRange(first, block.attempt, from, count);
    this.#start.setRange(first, block.start, text, count);
    this.#dataLength.setRange(first, block.textLength, text, count);
    this.#index.setRange(first, block.index, event, count);
    this.#end.setRange(first, block.end, event, count);
    this.#data.setRange(first, block.text, text, count);
    let attemptRows: RowList | undefined;
    let attemptOfRows = -1;
    let lastEventId = first > 0 ? this.#lastEventId.get(first - 1) : undefined;
    for (let k = 0; k < count; k++) {
      const row = first + k;
      this.#seq.set(row, block.firstSeq + from + k);
      this.#kind.set(row, eventCode);
      this.#typeIds.set(row, blockTypeIds[block.shape[from + k] as number] as number);
      // The last event ID usually repeats from event to event: keep one copy of the string.
      const id = block.lastEventId[event + k] as string;
      if (id !== lastEventId) lastEventId = id;
      this.#lastEventId.set(row, lastEventId);
      const attempt = block.attempt[from + k] as number;
      if (attempt !== attemptOfRows) {
        attemptOfRows = attempt;
        attemptRows = this.#eventRowsOf(attempt);
      }
      attemptRows?.push(row);
    }
  }

  /** Row `i` of the block, a comment whose text columns are at `text`. */
  #addComment(block: TimelineColumns, i: number, text: number): void {
    const row = this.#addRow(block.firstSeq + i, block.t[i] as number, block.attempt[i] as number);
    this.#kind.set(row, commentCode);
    this.#start.set(row, block.start[text] as number);
    this.#dataLength.set(row, block.textLength[text] as number);
    this.#data.set(row, block.text[text] as string);
  }

  /** Lifecycle rows are rare: kept whole. */
  #addOther(seq: number, record: TimelineRecord): void {
    const row = this.#addRow(seq, record.t, record.attempt);
    this.#kind.set(row, kindCode.get(record.kind) ?? 0);
    this.#others.set(row, record);
    if (record.kind === 'warning') this.#warningRows.push(row);
  }

  #eventRowsOf(attempt: number): RowList {
    let rows = this.#eventRowsByAttempt.get(attempt);
    if (!rows) {
      rows = new RowList();
      this.#eventRowsByAttempt.set(attempt, rows);
    }
    return rows;
  }

  #typeId(type: string): number {
    let typeId = this.#typeIdOf.get(type);
    if (typeId === undefined) {
      typeId = this.#types.length;
      this.#types.push(type);
      this.#typeIdOf.set(type, typeId);
    }
    return typeId;
  }
}

const logs = new Map<number, TimelineLog>();

export function timelineLog(connectionId: number): TimelineLog {
  let log = logs.get(connectionId);
  if (!log) {
    log = new TimelineLog(connectionId);
    logs.set(connectionId, log);
  }
  return log;
}

export function dropTimelineLog(connectionId: number): void {
  logs.delete(connectionId);
}

/**
 * Adds a batch's rows and chunks to their connections' logs. False when some came after a gap
 * and were left out (the rows in between must be read from main first).
 */
export function appendToLogs(batch: Pick<FrameBatch, 'rows' | 'chunks'>): boolean {
  let complete = true;
  for (const block of batch.rows) {
    complete = timelineLog(block.connectionId).appendColumns(block) && complete;
  }
  const chunksByConnection = new Map<number, ChunkMeta[]>();
  for (const chunk of batch.chunks) {
    const list = chunksByConnection.get(chunk.connectionId);
    if (list) list.push(chunk);
    else chunksByConnection.set(chunk.connectionId, [chunk]);
  }
  for (const [id, chunks] of chunksByConnection) {
    complete = timelineLog(id).appendChunks(chunks) && complete;
  }
  return complete;
}
