import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { connectionKinds } from '../../../shared/capture/record-kinds.ts';

/** Kinds printed by `capture --summary` (besides the final `end` line): the connection's story. */
export const summaryKinds: ReadonlySet<CaptureRecord['kind']> = new Set(connectionKinds);

const ms = (t: number): number => Math.round(t * 1000) / 1000;

/**
 * One capture record as an NDJSON object for the CLI. Parse outputs use the same fields as
 * `cli parse` (event/retry/comment/warning) plus `attempt` and `t`; lifecycle records keep their
 * fields, with the attempt number as `n` on `attempt` lines. Chunks print nothing (their bytes
 * are in the workspace).
 */
export function recordLine(record: CaptureRecord): Record<string, unknown> | null {
  switch (record.kind) {
    case 'event':
      return {
        kind: 'event',
        type: record.type,
        data: record.data,
        lastEventId: record.lastEventId,
        start: record.start,
        end: record.end,
        index: record.index,
        attempt: record.attempt,
        t: ms(record.t),
      };
    case 'retry':
      return {
        kind: 'retry',
        ms: record.ms,
        offset: record.offset,
        attempt: record.attempt,
        t: ms(record.t),
      };
    case 'comment':
      return {
        kind: 'comment',
        text: record.text,
        offset: record.offset,
        attempt: record.attempt,
        t: ms(record.t),
      };
    case 'warning':
      return {
        kind: 'warning',
        code: record.code,
        message: record.message,
        offset: record.offset,
        source: record.source,
        attempt: record.attempt,
        t: ms(record.t),
      };
    case 'attempt':
      return {
        kind: 'attempt',
        n: record.attempt,
        lastEventId: record.lastEventId,
        reason: record.reason,
        method: record.request.method,
        url: record.request.url,
        headers: record.request.headers,
        t: ms(record.t),
      };
    case 'chunk':
      return null;
    default: {
      const { t, ...rest } = record;
      return { ...rest, t: ms(t) };
    }
  }
}

/**
 * Writes NDJSON lines to a stream in batches (one write per ~64 KiB or per turn of the event loop,
 * not per line) and reports backpressure: `onPressure(true)` when the stream's buffer is full,
 * `onPressure(false)` once it drains, so the producer can stop reading the network meanwhile.
 */
export class NdjsonWriter {
  readonly #out: NodeJS.WritableStream;
  readonly #onPressure: (blocked: boolean) => void;
  #pending = '';
  #scheduled = false;
  #blocked = false;
  #broken = false;
  #unblock: (() => void) | null = null;

  /**
   * `onBroken` runs once if the stream fails (e.g. EPIPE: the reader of a pipe went away, as
   * with `| head`); later writes are dropped.
   */
  constructor(
    out: NodeJS.WritableStream,
    onPressure: (blocked: boolean) => void = () => {},
    onBroken: () => void = () => {},
  ) {
    this.#out = out;
    this.#onPressure = onPressure;
    out.once('error', () => {
      this.#broken = true;
      this.#pending = '';
      this.#unblock?.();
      onBroken();
    });
  }

  get broken(): boolean {
    return this.#broken;
  }

  write(value: unknown): void {
    if (this.#broken) return;
    this.#pending += `${JSON.stringify(value)}\n`;
    if (this.#pending.length >= 64 * 1024) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#pending === '' || this.#broken) return;
    const text = this.#pending;
    this.#pending = '';
    if (!this.#out.write(text) && !this.#blocked) {
      this.#blocked = true;
      this.#onPressure(true);
      this.#out.once('drain', () => {
        this.#blocked = false;
        this.#onPressure(false);
      });
    }
  }

  /** Flushes and resolves once the stream has taken everything (drained). */
  async end(): Promise<void> {
    this.flush();
    if (!this.#blocked || this.#broken) return;
    await new Promise<void>((resolve) => {
      this.#unblock = resolve;
      this.#out.once('drain', () => resolve());
    });
  }
}
