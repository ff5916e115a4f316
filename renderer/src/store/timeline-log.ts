import type { ChunkMeta, TimelineEntry } from '../../../shared/capture/live-frames.ts';

/**
 * Everything received for one connection, kept outside React state: appending a batch is a
 * push onto arrays, and the UI is told once per animation frame through a revision number
 * (HTTP Toolkit's pattern). Rows are never copied per update.
 */
export class TimelineLog {
  entries: TimelineEntry[] = [];
  chunks: ChunkMeta[] = [];
  /** Warning rows (parser and engine), for the warnings panel. */
  warnings: TimelineEntry[] = [];
  /** Event types seen, in first-seen order (for the type filter). */
  eventTypes: string[] = [];
  /** Changes when rows were inserted before existing ones, so derived views start over. */
  generation = 0;
  #typeSet = new Set<string>();
  #eventsByAttempt = new Map<number, TimelineEntry[]>();

  append(entries: readonly TimelineEntry[], chunks: readonly ChunkMeta[]): void {
    const lastSeq = this.entries.at(-1)?.seq ?? -1;
    const lastChunk = this.chunks.at(-1)?.seq ?? -1;
    for (const entry of entries) {
      // A row fetched by a backfill can arrive again in a live batch: keep one.
      if (entry.seq <= lastSeq) continue;
      this.#index(entry);
    }
    for (const chunk of chunks) if (chunk.seq > lastChunk) this.chunks.push(chunk);
  }

  /**
   * Adds rows captured before this window subscribed (a reload, a second tab): those older than
   * the first row already here go in front, in order.
   */
  backfill(entries: readonly TimelineEntry[], chunks: readonly ChunkMeta[]): void {
    const firstSeq = this.entries[0]?.seq ?? Infinity;
    const firstChunk = this.chunks[0]?.seq ?? Infinity;
    const olderEntries = entries.filter((entry) => entry.seq < firstSeq);
    const olderChunks = chunks.filter((chunk) => chunk.seq < firstChunk);
    if (olderEntries.length === 0 && olderChunks.length === 0) return;
    const current = this.entries;
    this.entries = [];
    this.warnings = [];
    this.eventTypes = [];
    this.#typeSet = new Set();
    this.#eventsByAttempt = new Map();
    for (const entry of olderEntries) this.#index(entry);
    for (const entry of current) this.#index(entry);
    this.chunks = olderChunks.concat(this.chunks);
    this.generation++;
  }

  #index(entry: TimelineEntry): void {
    this.entries.push(entry);
    const record = entry.record;
    if (record.kind === 'warning') this.warnings.push(entry);
    if (record.kind !== 'event') return;
    if (!this.#typeSet.has(record.type)) {
      this.#typeSet.add(record.type);
      this.eventTypes.push(record.type);
    }
    const events = this.#eventsByAttempt.get(record.attempt);
    if (events) events.push(entry);
    else this.#eventsByAttempt.set(record.attempt, [entry]);
  }

  /** The row with this seq (rows are in seq order). */
  entryBySeq(seq: number): TimelineEntry | undefined {
    let low = 0;
    let high = this.entries.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const entry = this.entries[mid] as TimelineEntry;
      if (entry.seq === seq) return entry;
      if (entry.seq < seq) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  /** Chunks of one attempt, in arrival order. */
  chunksOfAttempt(attempt: number): ChunkMeta[] {
    return this.chunks.filter((chunk) => chunk.attempt === attempt);
  }

  /** The event whose byte range in `attempt` contains `offset`, if any. */
  eventAtOffset(attempt: number, offset: number): TimelineEntry | undefined {
    // Events of one attempt arrive in stream order, so their ranges increase: binary search.
    const events = this.#eventsByAttempt.get(attempt) ?? [];
    let low = 0;
    let high = events.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const entry = events[mid] as TimelineEntry;
      const record = entry.record as { start: number; end: number };
      if (offset < record.start) high = mid - 1;
      else if (offset >= record.end) low = mid + 1;
      else return entry;
    }
    return undefined;
  }
}

const logs = new Map<number, TimelineLog>();

export function timelineLog(connectionId: number): TimelineLog {
  let log = logs.get(connectionId);
  if (!log) {
    log = new TimelineLog();
    logs.set(connectionId, log);
  }
  return log;
}

export function dropTimelineLog(connectionId: number): void {
  logs.delete(connectionId);
}
