import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { createStreamParser } from '../../../shared/streams/framing.ts';
import type {
  Framing,
  StreamEndSummary,
  StreamOutput,
  StreamParser,
} from '../../../shared/streams/types.ts';

/** Session-wide counters and numbering shared by the streams of one connection's attempts. */
export interface StreamTotals {
  chunks: number;
  events: number;
  bytes: number;
  warnings: number;
}

export interface StreamRecorderOptions {
  attempt: number;
  totals: StreamTotals;
  /** The event source's last event ID string and reconnection time before this stream. */
  lastEventId: string;
  reconnectionTimeMs: number;
  /** How the body is cut into records (default `sse`). */
  framing?: Framing;
  now: () => number;
  wall: () => number;
  emit: (record: CaptureRecord) => void;
  onRetry: (ms: number) => void;
}

/**
 * The body of one attempt: records each chunk, feeds it to a fresh parser of its framing (an
 * SseParser, or one of shared/streams' JSON framings) and records what the parser reports. A
 * new parser per attempt because each connection is a new stream whose buffers start empty
 * (WHATWG HTML §9.2.6); the last event ID string and reconnection time belong to the event
 * source, so they carry over (`initialLastEventId`, `initialReconnectionTimeMs`).
 * The hot path is one chunk record, one push, one record per output: no timers, no promises.
 */
export class StreamRecorder {
  readonly #options: StreamRecorderOptions;
  readonly #parser: StreamParser;
  #offset = 0;
  /** Time of the chunk being parsed: parser outputs carry the time their last byte arrived. */
  #t = 0;
  #summary: StreamEndSummary | null = null;

  constructor(options: StreamRecorderOptions) {
    this.#options = options;
    this.#parser = createStreamParser(options.framing ?? 'sse', {
      onOutput: (output) => this.#record(output),
      initialLastEventId: options.lastEventId,
      initialReconnectionTimeMs: options.reconnectionTimeMs,
      // Live: an event shows when its blank line arrives, even one ended by a lone CR.
      dispatchAtCr: true,
    });
  }

  get bytes(): number {
    return this.#offset;
  }

  get events(): number {
    return this.#parser.eventCount;
  }

  get lastEventId(): string {
    return this.#parser.lastEventId;
  }

  get reconnectionTimeMs(): number {
    return this.#parser.reconnectionTimeMs;
  }

  push(bytes: Uint8Array): void {
    const options = this.#options;
    const t = options.now();
    this.#t = t;
    options.emit({
      kind: 'chunk',
      attempt: options.attempt,
      seq: options.totals.chunks++,
      t,
      wall: options.wall(),
      offset: this.#offset,
      bytes,
    });
    this.#offset += bytes.length;
    options.totals.bytes += bytes.length;
    this.#parser.push(bytes);
  }

  /** Ends the stream (idempotent); a block left open is reported by the parser as incomplete. */
  end(): StreamEndSummary {
    if (this.#summary === null) {
      this.#t = this.#options.now();
      this.#summary = this.#parser.end();
    }
    return this.#summary;
  }

  #record(output: StreamOutput): void {
    const { attempt, totals, emit } = this.#options;
    const t = this.#t;
    switch (output.kind) {
      case 'event':
        emit({
          kind: 'event',
          attempt,
          t,
          index: totals.events++,
          type: output.type,
          data: output.data,
          lastEventId: output.lastEventId,
          start: output.start,
          end: output.end,
        });
        break;
      case 'retry':
        emit({ kind: 'retry', attempt, t, ms: output.ms, offset: output.offset });
        this.#options.onRetry(output.ms);
        break;
      case 'comment':
        emit({ kind: 'comment', attempt, t, text: output.text, offset: output.offset });
        break;
      case 'warning':
        totals.warnings++;
        emit({
          kind: 'warning',
          attempt,
          t,
          source: 'parser',
          code: output.code,
          message: output.message,
          offset: output.offset,
        });
        break;
    }
  }
}
