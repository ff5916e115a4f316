// "Interpreting an event stream" (WHATWG HTML §9.2.6) for lines already split and decoded by
// the parser: field processing, the data / event type / last event ID buffers, and dispatch.
// Lines arrive as (text, from, to) so the common case slices the decoded chunk only once.

import type { SseEventOutput, SseOutput, SsePendingEvent } from './types.ts';
import { quoteForMessage, unknownFieldMessage, type WarningGate } from './warnings.ts';

const COLON = 0x3a;
const SPACE = 0x20;
const BOM = 0xfeff;
/** Node's and browsers' timers overflow above this many milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const DIGITS_ONLY = /^[0-9]+$/;
/** Data lines joined into one string at a time (see `moreData`). */
export const DATA_GROUP_LINES = 1024;
/** Event types remembered for reuse (see typeValue), and the longest one that is. */
const CACHED_TYPES = 8;
const MAX_CACHED_TYPE_LENGTH = 64;

/** Whether `text` has `data:` at `from`. */
export function isDataName(text: string, from: number): boolean {
  return (
    text.charCodeAt(from) === 0x64 &&
    text.charCodeAt(from + 1) === 0x61 &&
    text.charCodeAt(from + 2) === 0x74 &&
    text.charCodeAt(from + 3) === 0x61 &&
    text.charCodeAt(from + 4) === COLON
  );
}

/** Whether `text` has `event:` at `from`. */
export function isEventName(text: string, from: number): boolean {
  return (
    text.charCodeAt(from) === 0x65 &&
    text.charCodeAt(from + 1) === 0x76 &&
    text.charCodeAt(from + 2) === 0x65 &&
    text.charCodeAt(from + 3) === 0x6e &&
    text.charCodeAt(from + 4) === 0x74 &&
    text.charCodeAt(from + 5) === COLON
  );
}

/** Whether `text` has `id:` at `from`. */
export function isIdName(text: string, from: number): boolean {
  return (
    text.charCodeAt(from) === 0x69 &&
    text.charCodeAt(from + 1) === 0x64 &&
    text.charCodeAt(from + 2) === COLON
  );
}

/** Index after the colon, skipping one U+0020 SPACE if present (§9.2.6). */
export function valueStart(text: string, afterColon: number, to: number): number {
  return afterColon < to && text.charCodeAt(afterColon) === SPACE ? afterColon + 1 : afterColon;
}

/** Whether `text[from, to)` contains U+0000 NULL (a short value is checked without a call). */
export function hasNul(text: string, from: number, to: number): boolean {
  // Not indexOf from `from` on the whole text: it could scan far past `to` in a large chunk.
  if (to - from > 32) return text.slice(from, to).indexOf('\0') !== -1;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

export interface InterpreterLimits {
  maxEventBytes: number;
  keepRawLines: boolean;
}

export interface UnterminatedLine {
  text: string;
  start: number;
}

export class EventInterpreter {
  lastEventId: string;
  reconnectionTimeMs: number;
  events = 0;

  protected readonly emit: (output: SseOutput) => void;
  /** Whether anyone receives the outputs (see SseParserOptions.onOutput). */
  protected readonly listening: boolean;
  protected readonly gate: WarningGate;
  protected readonly maxEventBytes: number;
  private readonly keepRawLines: boolean;

  // §9.2.6: "a data buffer, an event type buffer, and a last event ID buffer ... must be
  // initialized to the empty string" (the ID buffer: see the constructor). The data buffer is
  // kept as lines joined by LF plus a line count: that equals the spec's "append value + LF",
  // minus the final LF (step 3).
  protected data = '';
  protected dataLines = 0;
  /**
   * Data lines past the first DATA_GROUP_LINES, joined by LF in groups of as many. Appending
   * every line to `data` would build a rope of a million tiny strings for an event of a million
   * short lines (~15 bytes of heap per data byte); groups keep it near the data's own size.
   */
  protected moreData: string[] | null = null;
  private ungroupedLines = 0;
  protected eventType = '';
  /** The event types read most recently (see typeValue), the newest at `typeNext - 1`. */
  private readonly types: string[] = [];
  private typeNext = 0;
  protected idBuffer: string;

  // Inspector bookkeeping for the current block (the lines since the last blank line).
  protected blockStart = -1;
  protected blockBytes = 0;
  protected blockHasField = false;
  protected truncated = false;
  protected rawLines: string[] | null = null;

  constructor(
    emit: (output: SseOutput) => void,
    gate: WarningGate,
    limits: InterpreterLimits,
    initialLastEventId: string,
    initialReconnectionTimeMs: number,
    listening = true,
  ) {
    this.emit = emit;
    this.listening = listening;
    this.gate = gate;
    this.maxEventBytes = limits.maxEventBytes;
    this.keepRawLines = limits.keepRawLines;
    // The stream's last event ID buffer starts from the event source's last event ID string, as
    // every browser does and WPT format-field-id(-2) requires: after a reconnection, events of a
    // stream that sends no `id` keep the previous id (see SseParserOptions.initialLastEventId).
    this.lastEventId = initialLastEventId;
    this.idBuffer = initialLastEventId;
    this.reconnectionTimeMs = initialReconnectionTimeMs;
    if (this.keepRawLines) this.rawLines = [];
  }

  /** A complete, non-blank line `text[from, to)` occupying bytes `[start, end)`. */
  line(text: string, from: number, to: number, start: number, end: number): void {
    if (this.blockStart < 0) this.blockStart = start;
    // The event limit bounds what a block buffers. Comments buffer nothing (keep-alives sent for
    // hours without a blank line must not cut the next event), unless raw lines are kept.
    if (text.charCodeAt(from) !== COLON || this.rawLines !== null) this.blockBytes += end - start;
    if (this.blockBytes > this.maxEventBytes || this.rawLines !== null) {
      this.lineWithBookkeeping(text, from, to, start);
      return;
    }
    // Fast paths for `data:`, `event:` and `id:`; the same result as `processLine`.
    if (isDataName(text, from)) {
      this.blockHasField = true;
      this.appendData(text.slice(valueStart(text, from + 5, to), to));
    } else if (isEventName(text, from)) {
      this.blockHasField = true;
      this.eventType = this.typeValue(text, valueStart(text, from + 6, to), to);
    } else if (isIdName(text, from) && !hasNul(text, from + 3, to)) {
      this.blockHasField = true;
      this.idBuffer = text.slice(valueStart(text, from + 3, to), to);
    } else {
      this.processLine(text, from, to, start, true);
    }
  }

  /** Past the event limit, or keeping raw lines: the slower path that tracks both. */
  private lineWithBookkeeping(text: string, from: number, to: number, start: number): void {
    // Past the limit, data and raw lines are dropped; the other fields are tiny and still
    // matter to the connection (id, retry), so they are processed.
    const keep = this.blockBytes <= this.maxEventBytes;
    if (!keep && !this.truncated) {
      this.truncated = true;
      this.gate.warn(
        'event-too-large',
        `event block exceeds ${this.maxEventBytes} bytes; its remaining data lines are dropped`,
        start,
      );
    }
    if (keep && this.rawLines !== null) this.rawLines.push(text.slice(from, to));
    this.processLine(text, from, to, start, keep);
  }

  /** §9.2.6 line processing for a non-blank line; `keep` false drops data values. */
  private processLine(text: string, from: number, to: number, start: number, keep: boolean) {
    if (text.charCodeAt(from) === COLON) {
      // A line starting with a colon is ignored by the spec; the inspector reports it. One
      // leading space is stripped, mirroring field values, as `: keep-alive` is the usual style.
      const textStart = valueStart(text, from + 1, to);
      this.emit({ kind: 'comment', text: text.slice(textStart, to), offset: start });
      return;
    }
    this.blockHasField = true;
    // Field name = characters before the first colon (or the whole line); value = the rest
    // after the colon, one leading space removed. A bounded loop, as indexOf could scan far
    // past `to` in a large chunk without colons.
    let colon = from;
    while (colon < to && text.charCodeAt(colon) !== COLON) colon++;
    const name = text.slice(from, colon);
    const value = colon < to ? text.slice(valueStart(text, colon + 1, to), to) : '';
    this.field(name, value, start, keep);
  }

  /** A line longer than `maxLineBytes` was discarded; it still belongs to the block. */
  lineTooLong(start: number, maxLineBytes: number): void {
    if (this.blockStart < 0) this.blockStart = start;
    this.blockHasField = true;
    this.truncated = true;
    this.gate.warn(
      'line-too-long',
      `line longer than ${maxLineBytes} bytes discarded (not processed as a field)`,
      start,
    );
  }

  /** A blank line: "dispatch the event" (§9.2.6). `end` is just past its terminator. */
  dispatch(end: number): void {
    // Step 1: the last event ID string is set even when no event fires.
    this.lastEventId = this.idBuffer;
    // Step 2: an empty data buffer fires nothing (the buffers are still reset).
    if (this.dataLines === 0) {
      if (this.blockStart >= 0) this.resetBlock();
      return;
    }
    // Steps 5–6: type defaults to `message`; lastEventId is the last event ID string.
    const event: SseEventOutput = {
      kind: 'event',
      type: this.eventType === '' ? 'message' : this.eventType,
      data: this.dataText(),
      lastEventId: this.lastEventId,
      start: this.blockStart,
      end,
    };
    if (this.rawLines !== null) event.rawLines = this.rawLines;
    if (this.truncated) event.truncated = true;
    this.events++;
    this.resetBlock();
    this.emit(event);
  }

  /**
   * End of stream: the open block is not dispatched (§9.2.6 "any pending data must be
   * discarded"). An unterminated last line is not a line, so it changes no connection state,
   * but it is folded into the pending snapshot so the inspector can show what was cut off.
   */
  finish(unterminated: UnterminatedLine | null, streamEnd: number): SsePendingEvent | undefined {
    let data = this.dataText();
    let dataLines = this.dataLines;
    let type = this.eventType;
    let id = this.idBuffer;
    let hasField = this.blockHasField;
    let start = this.blockStart;
    const rawLines = this.rawLines === null ? undefined : this.rawLines.slice();
    if (unterminated !== null) {
      const { text } = unterminated;
      if (start < 0) start = unterminated.start;
      rawLines?.push(text);
      if (text.charCodeAt(0) !== COLON) {
        hasField = true;
        const colon = text.indexOf(':');
        const name = colon < 0 ? text : text.slice(0, colon);
        const value = colon < 0 ? '' : text.slice(valueStart(text, colon + 1, text.length));
        if (name === 'data') {
          data = dataLines === 0 ? value : `${data}\n${value}`;
          dataLines++;
        } else if (name === 'event') type = value;
        else if (name === 'id' && !value.includes('\0')) id = value;
      }
    }
    if (!hasField) return undefined;
    const pending: SsePendingEvent = {
      type: type === '' ? 'message' : type,
      data,
      hasData: dataLines > 0,
      lastEventId: id,
      start,
      end: streamEnd,
    };
    if (rawLines !== undefined) pending.rawLines = rawLines;
    this.gate.warn(
      'incomplete-event',
      pending.hasData
        ? 'stream ended before the blank line that ends the last event; it was not dispatched'
        : 'stream ended inside an unfinished block (no blank line after its last field)',
      start,
    );
    return pending;
  }

  private field(name: string, value: string, start: number, keep: boolean): void {
    // §9.2.6 "process the field": names compare literally, without case folding.
    switch (name) {
      case 'event':
        this.eventType = value;
        return;
      case 'data':
        if (keep) this.appendData(value);
        return;
      case 'id':
        if (value.includes('\0')) {
          this.gate.warn('id-contains-nul', 'id field containing U+0000 NULL ignored', start);
        } else {
          this.idBuffer = value;
        }
        return;
      case 'retry':
        this.retry(value, start);
        return;
      default:
        if (name.charCodeAt(0) === BOM) {
          this.gate.warn(
            'bom-not-at-start',
            'line starts with a byte order mark (only one BOM at the very start is stripped); ' +
              `field ${quoteForMessage(name.slice(1))} is not recognised`,
            start,
          );
        } else if (this.gate.wouldReport('unknown-field')) {
          this.gate.warn('unknown-field', unknownFieldMessage(name), start);
        } else {
          this.gate.warn('unknown-field', '', start);
        }
    }
  }

  private retry(value: string, start: number): void {
    // §9.2.6: only ASCII digits (an empty value is not a number either); otherwise ignored.
    if (!DIGITS_ONLY.test(value)) {
      this.gate.warn(
        'invalid-retry',
        `retry value ${quoteForMessage(value)} ignored: it must be ASCII digits only`,
        start,
      );
      return;
    }
    // Very long digit strings exceed a double's exact range; clamp so `ms` stays usable.
    const ms = Math.min(Number(value), Number.MAX_SAFE_INTEGER);
    if (ms > MAX_TIMER_MS) {
      this.gate.warn(
        'retry-too-large',
        `retry ${value} ms is beyond what timers support (${MAX_TIMER_MS} ms)`,
        start,
      );
    }
    this.reconnectionTimeMs = ms;
    this.emit({ kind: 'retry', ms, offset: start });
  }

  private appendData(value: string): void {
    const lines = this.dataLines++;
    if (lines === 0) {
      this.data = value;
      return;
    }
    if (lines < DATA_GROUP_LINES) {
      // The usual event: a few lines, appended as the spec says.
      this.data = `${this.data}\n${value}`;
      return;
    }
    const more = (this.moreData ??= []);
    more.push(value);
    if (++this.ungroupedLines === DATA_GROUP_LINES) {
      more.push(more.splice(more.length - DATA_GROUP_LINES).join('\n'));
      this.ungroupedLines = 0;
    }
  }

  /** The data buffer without its final LF (§9.2.6 dispatch step 3). */
  private dataText(): string {
    return this.moreData === null ? this.data : `${this.data}\n${this.moreData.join('\n')}`;
  }

  /**
   * The event type `text[from, to)`. A stream repeats a few types, often in turn (an LLM
   * stream's start, delta, ping and stop): one read recently is reused when the text matches
   * it, saving a string per event (and storing it into this long-lived object).
   */
  protected typeValue(text: string, from: number, to: number): string {
    const types = this.types;
    const length = to - from;
    for (let i = 0; i < types.length; i++) {
      const type = types[i]!;
      if (type.length === length && text.startsWith(type, from)) return type;
    }
    const type = text.slice(from, to);
    if (length <= MAX_CACHED_TYPE_LENGTH) {
      types[this.typeNext] = type;
      this.typeNext = (this.typeNext + 1) % CACHED_TYPES;
    }
    return type;
  }

  /** Whether no block is in progress (a skim may start here, see skim.ts). */
  atBlockBoundary(): boolean {
    return this.blockStart < 0 && this.dataLines === 0 && this.eventType === '' && this.isPlain();
  }

  /**
   * Blocks skimmed without a listener (see skim.ts), each ended by its blank line: `events`
   * dispatched, `id` the value of their last `id` line (null: none).
   */
  skimmed(events: number, id: string | null): void {
    this.events += events;
    if (id !== null) this.idBuffer = id;
    this.lastEventId = this.idBuffer;
  }

  /** Whether the block needs nothing of `dispatch()` but the event (see LfLineInterpreter). */
  protected isPlain(): boolean {
    return this.rawLines === null && !this.truncated && this.moreData === null;
  }

  private resetBlock(): void {
    this.data = '';
    this.dataLines = 0;
    this.moreData = null;
    this.ungroupedLines = 0;
    this.eventType = '';
    this.blockStart = -1;
    this.blockBytes = 0;
    this.blockHasField = false;
    this.truncated = false;
    if (this.rawLines !== null) this.rawLines = [];
  }
}
