import type {
  ChunkMeta,
  EventPreview,
  TimelineEntry,
  TimelineRecord,
} from '../../../shared/capture/live-frames.ts';
import { timelineKinds, type TimelineKind } from '../../../shared/capture/record-kinds.ts';
import { Float64Column, Uint32Column } from './timeline-columns.ts';

/** The kinds of timeline row that are not events (lifecycle, parser and engine notes). */
export type LifecycleKind = Exclude<TimelineKind, 'event'>;
export const lifecycleKinds = timelineKinds.filter(
  (kind): kind is LifecycleKind => kind !== 'event',
);

/** Row kinds, stored as a number per row; 0 is an event. */
const kindNames: readonly TimelineKind[] = ['event', ...lifecycleKinds];
const kindCode = new Map<string, number>(kindNames.map((name, code) => [name, code]));
const commentCode = kindNames.indexOf('comment');

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
  #typeId = new Uint32Column();
  #index = new Float64Column();
  #start = new Float64Column();
  #end = new Float64Column();
  #dataLength = new Float64Column();
  #truncated = new Uint32Column();
  #data: string[] = [];
  #lastEventId: string[] = [];
  /** Lifecycle rows are rare: kept whole, by row. */
  #others = new Map<number, TimelineRecord>();
  #types: string[] = [];
  #typeIds = new Map<string, number>();
  #eventRowsByAttempt = new Map<number, number[]>();
  #warningRows: number[] = [];
  chunks: ChunkMeta[] = [];
  /** Changes when rows were inserted before existing ones, so derived views start over. */
  generation = 0;

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

  append(entries: readonly TimelineEntry[], chunks: readonly ChunkMeta[]): void {
    const lastSeq = this.#length === 0 ? -1 : this.#seq.get(this.#length - 1);
    const lastChunk = this.chunks.at(-1)?.seq ?? -1;
    for (const entry of entries) {
      // A row fetched by a backfill can arrive again in a live batch: keep one.
      if (entry.seq > lastSeq) this.#add(entry.seq, entry.record);
    }
    for (const chunk of chunks) if (chunk.seq > lastChunk) this.chunks.push(chunk);
  }

  /**
   * Adds rows captured before this window subscribed (a reload, a second tab): those older than
   * the first row already here go in front, in order.
   */
  backfill(entries: readonly TimelineEntry[], chunks: readonly ChunkMeta[]): void {
    const firstSeq = this.#length === 0 ? Infinity : this.#seq.get(0);
    const firstChunk = this.chunks[0]?.seq ?? Infinity;
    const olderEntries = entries.filter((entry) => entry.seq < firstSeq);
    const olderChunks = chunks.filter((chunk) => chunk.seq < firstChunk);
    if (olderEntries.length === 0 && olderChunks.length === 0) return;
    const current: TimelineEntry[] = [];
    for (let row = 0; row < this.#length; row++) current.push(this.entryAt(row));
    this.#reset();
    for (const entry of olderEntries) this.#add(entry.seq, entry.record);
    for (const entry of current) this.#add(entry.seq, entry.record);
    this.chunks = olderChunks.concat(this.chunks);
    this.generation++;
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
    return this.#types[this.#typeId.get(row)] as string;
  }

  /** The row as a TimelineEntry (built on demand: only shown rows are materialized). */
  entryAt(row: number): TimelineEntry {
    const seq = this.#seq.get(row);
    const other = this.#others.get(row);
    if (other) return { connectionId: this.connectionId, seq, record: other };
    if (this.#kind.get(row) === commentCode) {
      const comment: TimelineRecord = {
        kind: 'comment',
        attempt: this.#attempt.get(row),
        t: this.#t.get(row),
        text: this.#data[row] as string,
        offset: this.#start.get(row),
        textLength: this.#dataLength.get(row),
        truncated: this.#truncated.get(row) === 1,
      };
      return { connectionId: this.connectionId, seq, record: comment };
    }
    const record: EventPreview = {
      kind: 'event',
      attempt: this.#attempt.get(row),
      t: this.#t.get(row),
      index: this.#index.get(row),
      type: this.typeAt(row),
      data: this.#data[row] as string,
      lastEventId: this.#lastEventId[row] as string,
      start: this.#start.get(row),
      end: this.#end.get(row),
      dataLength: this.#dataLength.get(row),
      truncated: this.#truncated.get(row) === 1,
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
    const rows = this.#eventRowsByAttempt.get(attempt) ?? [];
    let low = 0;
    let high = rows.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const row = rows[mid] as number;
      if (offset < this.#start.get(row)) high = mid - 1;
      else if (offset >= this.#end.get(row)) low = mid + 1;
      else return this.entryAt(row);
    }
    return undefined;
  }

  #add(seq: number, record: TimelineRecord): void {
    const row = this.#length++;
    this.#seq.set(row, seq);
    this.#t.set(row, record.t);
    this.#attempt.set(row, record.attempt);
    this.#kind.set(row, kindCode.get(record.kind) ?? 0);
    if (record.kind === 'comment') {
      // Keep-alive comments can be most of a stream: stored by column like events.
      this.#data[row] = record.text;
      this.#lastEventId[row] = '';
      this.#start.set(row, record.offset);
      this.#dataLength.set(row, record.textLength);
      this.#truncated.set(row, record.truncated ? 1 : 0);
      return;
    }
    if (record.kind !== 'event') {
      this.#others.set(row, record);
      if (record.kind === 'warning') this.#warningRows.push(row);
      this.#data[row] = '';
      this.#lastEventId[row] = '';
      return;
    }
    let typeId = this.#typeIds.get(record.type);
    if (typeId === undefined) {
      typeId = this.#types.length;
      this.#types.push(record.type);
      this.#typeIds.set(record.type, typeId);
    }
    this.#typeId.set(row, typeId);
    this.#index.set(row, record.index);
    this.#start.set(row, record.start);
    this.#end.set(row, record.end);
    this.#dataLength.set(row, record.dataLength);
    this.#truncated.set(row, record.truncated ? 1 : 0);
    this.#data[row] = record.data;
    // The last event ID usually repeats from event to event: keep one copy of the string.
    const previousId = row > 0 ? this.#lastEventId[row - 1] : undefined;
    this.#lastEventId[row] = previousId === record.lastEventId ? previousId : record.lastEventId;
    const rows = this.#eventRowsByAttempt.get(record.attempt);
    if (rows) rows.push(row);
    else this.#eventRowsByAttempt.set(record.attempt, [row]);
  }

  #reset(): void {
    this.#length = 0;
    this.#seq = new Float64Column();
    this.#t = new Float64Column();
    this.#attempt = new Uint32Column();
    this.#kind = new Uint32Column();
    this.#typeId = new Uint32Column();
    this.#index = new Float64Column();
    this.#start = new Float64Column();
    this.#end = new Float64Column();
    this.#dataLength = new Float64Column();
    this.#truncated = new Uint32Column();
    this.#data = [];
    this.#lastEventId = [];
    this.#others = new Map();
    this.#types = [];
    this.#typeIds = new Map();
    this.#eventRowsByAttempt = new Map();
    this.#warningRows = [];
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
