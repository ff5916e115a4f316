import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { ChunkMeta, FrameBatch } from '../../../shared/capture/live-frames.ts';
import { TimelineColumnsBuilder } from '../../../shared/capture/timeline-columns.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';

export interface FrameBatcherOptions {
  send: (batch: FrameBatch) => void;
  /**
   * The current status of a connection. Counters change with every event but the engine only
   * reports state changes, so each batch carries a fresh status of every connection it touches.
   */
  statusOf?: (connectionId: number) => ConnectionStatus | undefined;
  /** Minimum time between two pushes; 33 ms keeps it at or under ~30 batches a second. */
  intervalMs?: number;
  /**
   * Rows (and chunks) after which a batch goes out at once, interval or not (default: no cap).
   * Main reads a backlogged socket in bursts without its timers getting a turn, so a timer alone
   * would let a second of a fast stream pile up into one message the renderer must parse and
   * append in one long task; a cap keeps every message a few milliseconds of work.
   */
  maxRows?: number;
  now?: () => number;
}

/**
 * Coalesces everything captured into at most one push per interval, so a stream of 100,000
 * events a second costs the renderer ~30 messages, never one per event. Chunk bytes stay in
 * main (the raw view asks for them); event data travels as a preview.
 */
export class FrameBatcher {
  readonly #send: (batch: FrameBatch) => void;
  readonly #statusOf: (connectionId: number) => ConnectionStatus | undefined;
  readonly #touched = new Set<number>();
  readonly #intervalMs: number;
  readonly #maxRows: number;
  /** Rows and chunks waiting in this batch. */
  #pending = 0;
  readonly #now: () => number;
  /** This batch's rows, one block per connection. */
  #rows = new Map<number, TimelineColumnsBuilder>();
  #chunks: ChunkMeta[] = [];
  #statuses = new Map<number, ConnectionStatus>();
  /** Next timeline seq of each connection: its non-chunk records counted in arrival order. */
  readonly #nextSeq = new Map<number, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastSent = -Infinity;

  constructor(options: FrameBatcherOptions) {
    this.#send = options.send;
    this.#statusOf = options.statusOf ?? (() => undefined);
    this.#intervalMs = options.intervalMs ?? 33;
    this.#maxRows = options.maxRows ?? Infinity;
    this.#now = options.now ?? (() => performance.now());
  }

  addRecord(connectionId: number, record: CaptureRecord): void {
    this.#touched.add(connectionId);
    if (record.kind === 'chunk') {
      this.#chunks.push({
        connectionId,
        seq: record.seq,
        attempt: record.attempt,
        t: record.t,
        wall: record.wall,
        offset: record.offset,
        size: record.bytes.byteLength,
      });
    } else {
      let block = this.#rows.get(connectionId);
      if (!block) {
        block = new TimelineColumnsBuilder(connectionId, this.#nextSeq.get(connectionId) ?? 0);
        this.#rows.set(connectionId, block);
      }
      block.add(record);
      this.#nextSeq.set(connectionId, block.nextSeq);
    }
    if (++this.#pending >= this.#maxRows) this.flush();
    else this.#schedule();
  }

  addStatus(status: ConnectionStatus): void {
    this.#statuses.set(status.id, status);
    this.#schedule();
  }

  /** Stops tracking a connection (removed from the list): its pending rows are dropped. */
  forget(connectionId: number): void {
    this.#rows.delete(connectionId);
    this.#chunks = this.#chunks.filter((chunk) => chunk.connectionId !== connectionId);
    this.#statuses.delete(connectionId);
    this.#touched.delete(connectionId);
    this.#nextSeq.delete(connectionId);
    this.#pending = this.#chunks.length;
    for (const block of this.#rows.values()) this.#pending += block.columns.t.length;
  }

  /** Sends whatever is pending now. */
  flush(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    for (const id of this.#touched) {
      const status = this.#statusOf(id);
      if (status) this.#statuses.set(id, status);
    }
    this.#touched.clear();
    if (this.#rows.size === 0 && this.#chunks.length === 0 && this.#statuses.size === 0) {
      return;
    }
    const batch: FrameBatch = {
      statuses: [...this.#statuses.values()],
      rows: [...this.#rows.values()].map((block) => block.columns),
      chunks: this.#chunks,
    };
    this.#rows = new Map();
    this.#chunks = [];
    this.#statuses = new Map();
    this.#pending = 0;
    this.#lastSent = this.#now();
    this.#send(batch);
  }

  close(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#timer !== null) return;
    const wait = Math.max(0, this.#lastSent + this.#intervalMs - this.#now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // Timers run on a millisecond clock and can fire a fraction early: never push sooner
      // than one interval after the last push.
      if (this.#now() < this.#lastSent + this.#intervalMs) this.#schedule();
      else this.flush();
    }, Math.ceil(wait));
  }
}
