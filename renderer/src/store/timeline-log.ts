import type { ChunkMeta, TimelineEntry } from '../../../shared/capture/live-frames.ts';

/**
 * Everything received for one connection, kept outside React state: appending a batch is a
 * push onto arrays, and the UI is told once per animation frame through a revision number
 * (HTTP Toolkit's pattern). Rows are never copied per update.
 */
export class TimelineLog {
  readonly entries: TimelineEntry[] = [];
  readonly chunks: ChunkMeta[] = [];
  /** Warning rows (parser and engine), for the warnings panel. */
  readonly warnings: TimelineEntry[] = [];
  /** Event types seen, in first-seen order (for the type filter). */
  readonly eventTypes: string[] = [];
  readonly #typeSet = new Set<string>();
  readonly #eventsByAttempt = new Map<number, TimelineEntry[]>();

  append(entries: readonly TimelineEntry[], chunks: readonly ChunkMeta[]): void {
    for (const entry of entries) {
      this.entries.push(entry);
      const record = entry.record;
      if (record.kind === 'warning') this.warnings.push(entry);
      if (record.kind !== 'event') continue;
      if (!this.#typeSet.has(record.type)) {
        this.#typeSet.add(record.type);
        this.eventTypes.push(record.type);
      }
      const events = this.#eventsByAttempt.get(record.attempt);
      if (events) events.push(entry);
      else this.#eventsByAttempt.set(record.attempt, [entry]);
    }
    for (const chunk of chunks) this.chunks.push(chunk);
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
