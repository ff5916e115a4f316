// What the JSON framings share: the bookkeeping of a parser (bytes, events, warnings, end) and
// the record in progress: its bytes carried across chunks (bounded by maxRecordBytes), then,
// once complete, decoded, checked with JSON.parse and emitted as a `json` event with its range.

import { DEFAULT_MAX_EVENT_BYTES, DEFAULT_RECONNECTION_TIME_MS } from '../sse/parser.ts';
import { createUtf8Decoder, Utf8Validator } from '../sse/utf8.ts';
import { DEFAULT_MAX_WARNINGS_PER_CODE, WarningGate } from '../sse/warnings.ts';
import type {
  JsonFramingWarningCode,
  StreamEndSummary,
  StreamOutput,
  StreamParser,
  StreamParserOptions,
} from './types.ts';

export const DEFAULT_MAX_RECORD_BYTES = DEFAULT_MAX_EVENT_BYTES;
/** The event type of every record of a JSON framing. */
export const JSON_EVENT_TYPE = 'json';

/** Thrown when a parser is used after `end()`. */
export class StreamParserStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamParserStateError';
  }
}

type Code = JsonFramingWarningCode | 'invalid-utf8';

/** Where JSON.parse stopped, as V8 words it ("… at position 12 …"); null when it does not say. */
function errorPosition(error: unknown, text: string): number | null {
  const message = error instanceof Error ? error.message : '';
  const match = /at position (\d+)/.exec(message);
  if (match !== null) return Number(match[1]);
  // A value cut off ("Unexpected end of JSON input") stopped at the record's end.
  return /end of JSON input/.test(message) ? text.length : null;
}

/** UTF-8 length of `text.slice(0, end)` (the byte distance of a JSON.parse position). */
function utf8Length(text: string, end: number): number {
  let bytes = 0;
  for (let i = 0; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < end) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** JSON.parse's complaint without V8's position suffix or its quote of the (untrusted) text. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const quote = message.endsWith(' is not valid JSON') ? message.indexOf(', "') : -1;
  if (quote !== -1) return message.slice(0, quote);
  return message.replace(/ in JSON at .*$/, '');
}

export abstract class JsonFramingParser implements StreamParser {
  protected readonly gate: WarningGate<Code>;
  private readonly emit: (output: StreamOutput) => void;
  private readonly maxRecordBytes: number;
  private readonly decoder = createUtf8Decoder();
  readonly lastEventId: string;
  readonly reconnectionTimeMs: number;

  private ended = false;
  private totalBytes = 0;
  private events = 0;
  /** Absolute offset of the chunk being scanned. */
  protected base = 0;

  // The record in progress.
  /** Whether a record is open; its range starts at `rangeStart`, its text at `textStart`. */
  protected inRecord = false;
  private rangeStart = 0;
  private textStart = 0;
  private pieces: Uint8Array[] = [];
  private size = 0;
  /** The open record passed maxRecordBytes: its bytes are dropped up to its end. */
  protected skipping = false;
  /** Set when the stream ended inside a record. */
  protected incomplete = false;

  constructor(options: StreamParserOptions) {
    this.emit = options.onOutput ?? ((): void => {});
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.gate = new WarningGate<Code>(
      options.maxWarningsPerCode ?? DEFAULT_MAX_WARNINGS_PER_CODE,
      this.emit,
    );
    this.lastEventId = options.initialLastEventId ?? '';
    this.reconnectionTimeMs = options.initialReconnectionTimeMs ?? DEFAULT_RECONNECTION_TIME_MS;
  }

  get eventCount(): number {
    return this.events;
  }

  get byteCount(): number {
    return this.totalBytes;
  }

  push(bytes: Uint8Array): void {
    if (this.ended) throw new StreamParserStateError('push() called after end()');
    this.totalBytes += bytes.length;
    if (bytes.length > 0) this.scan(bytes);
    this.base += bytes.length;
  }

  end(): StreamEndSummary {
    if (this.ended) throw new StreamParserStateError('end() called twice');
    this.ended = true;
    this.finish();
    return {
      events: this.events,
      bytes: this.totalBytes,
      incomplete: this.incomplete,
      warningCounts: this.gate.counts,
      lastEventId: this.lastEventId,
      reconnectionTimeMs: this.reconnectionTimeMs,
    };
  }

  /** Cuts the chunk (at absolute offset `this.base`) into records. */
  protected abstract scan(bytes: Uint8Array): void;
  /** End of stream: settles the record in progress and reports what is missing. */
  protected abstract finish(): void;

  protected warn(code: Code, message: string, offset: number): void {
    this.gate.warn(code, message, offset);
  }

  /** Opens a record whose range starts at `rangeStart` and whose text starts at `textStart`. */
  protected open(rangeStart: number, textStart = rangeStart): void {
    this.inRecord = true;
    this.rangeStart = rangeStart;
    this.textStart = textStart;
    this.pieces = [];
    this.size = 0;
    this.skipping = false;
  }

  /** Adds `bytes[from, to)` of the current chunk to the open record (copied: it spans chunks). */
  protected take(bytes: Uint8Array, from: number, to: number): void {
    if (this.skipping || to <= from || this.grow(to - from)) return;
    this.pieces.push(bytes.slice(from, to));
  }

  /**
   * Closes the open record: its text ends with `bytes[from, to)` of the current chunk and its
   * range at absolute `rangeEnd`. `trimLineEnd` drops one CR or LF that ends the text. Returns
   * what became of it: an event, nothing (whitespace only), or nothing (too large).
   */
  protected close(
    bytes: Uint8Array,
    from: number,
    to: number,
    rangeEnd: number,
    trimLineEnd = false,
  ): 'event' | 'blank' | 'skipped' {
    this.inRecord = false;
    if (this.skipping || (to > from && this.grow(to - from))) {
      this.skipping = false;
      this.pieces = [];
      return 'skipped';
    }
    const tail = bytes.subarray(from, to);
    const whole = this.pieces.length === 0 ? tail : this.join(tail);
    this.pieces = [];
    let text = this.decoder.decode(whole);
    if (trimLineEnd && (text.endsWith('\r') || text.endsWith('\n'))) text = text.slice(0, -1);
    if (text.indexOf('\uFFFD') !== -1) this.reportInvalidUtf8(whole);
    return this.record(text, this.rangeStart, this.textStart, rangeEnd);
  }

  /**
   * Emits a complete record's decoded `text` (whose first byte is at `textStart`) as an event
   * with the range `[rangeStart, rangeEnd)`, after checking it is JSON; whitespace only is none.
   */
  protected record(
    text: string,
    rangeStart: number,
    textStart: number,
    rangeEnd: number,
  ): 'event' | 'blank' {
    if (this.isBlank(text)) {
      this.blank(rangeStart);
      return 'blank';
    }
    this.check(text, textStart);
    this.events++;
    this.emit({
      kind: 'event',
      type: JSON_EVENT_TYPE,
      data: text,
      lastEventId: this.lastEventId,
      start: rangeStart,
      end: rangeEnd,
    });
    return 'event';
  }

  /** Decodes complete sequences (no record is open across them), replacing invalid bytes. */
  protected decode(bytes: Uint8Array): string {
    return this.decoder.decode(bytes);
  }

  /** Whether a record of `length` bytes starting at `rangeStart` is over the limit (warned). */
  protected tooLarge(rangeStart: number, length: number): boolean {
    if (length <= this.maxRecordBytes) return false;
    this.warnTooLarge(rangeStart);
    return true;
  }

  /** A record with nothing but whitespace; the framing decides whether that deserves a word. */
  protected blank(offset: number): void {
    void offset;
  }

  private isBlank(text: string): boolean {
    return text.length === 0 || text.trim().length === 0;
  }

  /** Counts `length` more bytes; true (and a warning) when the record just became too large. */
  private grow(length: number): boolean {
    this.size += length;
    if (this.size <= this.maxRecordBytes) return false;
    this.skipping = true;
    this.pieces = [];
    this.warnTooLarge(this.rangeStart);
    return true;
  }

  private warnTooLarge(offset: number): void {
    this.warn(
      'record-too-large',
      `record larger than ${this.maxRecordBytes} bytes skipped (limit maxRecordBytes)`,
      offset,
    );
  }

  private join(tail: Uint8Array): Uint8Array {
    const whole = new Uint8Array(this.size);
    let at = 0;
    for (const piece of this.pieces) {
      whole.set(piece, at);
      at += piece.length;
    }
    whole.set(tail, at);
    return whole;
  }

  private check(text: string, textStart: number): void {
    if (!this.gate.wouldReport('invalid-json')) {
      // Still counted: the summary tells how many records were not JSON.
      if (!isJson(text)) this.warn('invalid-json', '', textStart);
      return;
    }
    try {
      JSON.parse(text);
    } catch (error) {
      const position = errorPosition(error, text);
      const offset =
        textStart + (position === null ? 0 : utf8Length(text, Math.min(position, text.length)));
      this.warn('invalid-json', `record is not valid JSON: ${reason(error)}`, offset);
    }
  }

  private reportInvalidUtf8(bytes: Uint8Array): void {
    const offsets: number[] = [];
    const validator = new Utf8Validator();
    validator.scan(bytes, this.textStart, offsets);
    validator.finish(offsets);
    if (offsets.length === 0) return;
    this.warn(
      'invalid-utf8',
      offsets.length === 1
        ? 'invalid UTF-8 sequence replaced by U+FFFD'
        : `${offsets.length} invalid UTF-8 sequences in this record replaced by U+FFFD`,
      offsets[0]!,
    );
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
