// Incremental, byte-level "parse an event stream" (WHATWG HTML §9.2.6).
//
// Each pushed chunk is decoded once by TextDecoder and split into lines on the
// decoded string (native indexOf/slice are much faster than per-line decoding). Decoding
// first and splitting after is exactly the spec's order; it also equals splitting bytes first
// because CR, LF and ':' are ASCII, never inside a multi-byte sequence, and a decoder that
// meets one mid-sequence emits U+FFFD and then the ASCII character. So every terminator
// character in a chunk's text is a terminator byte of that same chunk, in the same order:
// byte offsets of line ends are recovered per chunk by lockstep: every decoded UTF-16 unit
// comes from at least one byte, and no CR/LF byte lies between two consecutive terminators, so
// `previous terminator byte + text distance` is a lower bound that is exact whenever the byte
// there is the terminator (always, on ASCII lines); otherwise a short indexOf from it finds it.
// Decoding, BOM stripping and invalid-UTF-8 location live in chunk-decoder.ts; the hot path
// for chunks with LF line ends only and valid UTF-8 (split and interpret in one loop) in
// lf-lines.ts; everything else goes line by line through completeLine and EventInterpreter.
// Without a listener (`cli parse --summary`), the plain blocks between a push's first and last
// are counted on the bytes without decoding (skim.ts); all else takes the path above.

import { ChunkDecoder } from './chunk-decoder.ts';
import { findByte, LfLineInterpreter, type LineCursor } from './lf-lines.ts';
import { firstBlockBoundary, lastBlockBoundary, skimBlocks } from './skim.ts';
import { skimTools, type SkimTools } from './skim-tools.ts';
import { createUtf8Decoder, type PlatformTextDecoder } from './utf8.ts';
import type { SseEndSummary, SseParserOptions } from './types.ts';
import { DEFAULT_MAX_WARNINGS_PER_CODE, WarningGate } from './warnings.ts';

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;
export const DEFAULT_RECONNECTION_TIME_MS = 3000;

const LF = 0x0a;
const CR = 0x0d;
const NO_BYTES = new Uint8Array(0);

// Line terminator styles; AMBIGUOUS is a CR that is the last byte pushed so far.
const STYLE_LF = 1;
const STYLE_CRLF = 2;
const STYLE_CR = 3;
const STYLE_AMBIGUOUS = 4;
const STYLE_NAMES = ['', 'LF', 'CRLF', 'CR'];

/**
 * Most bytes decoded into one string. A string over 128 KiB (64 Ki UTF-16 units) goes to V8's
 * large-object space, a fresh mapping each time, page faults and all: decoding a 64 KiB chunk
 * with one character beyond Latin-1 took ~100× as long as one of 65,520 bytes. Longer pushes
 * are cut into pieces (see pieceEnd), so the cost per byte does not depend on the push size.
 */
export const MAX_DECODE_BYTES = 32 * 1024;

/**
 * Where the piece of `bytes` starting at `from` ends: after its last LF if that lies in its
 * second half (no line is carried to the next piece), else at the size limit. Never between a
 * CR and an LF: with dispatchAtCr, a CR at the end of a push dispatches at once.
 */
function pieceEnd(bytes: Uint8Array, from: number): number {
  const limit = from + MAX_DECODE_BYTES;
  const half = limit - MAX_DECODE_BYTES / 2;
  const lf = bytes.subarray(half, limit).lastIndexOf(LF);
  if (lf !== -1) return half + lf + 1;
  return bytes[limit - 1] === CR && bytes[limit] === LF ? limit - 1 : limit;
}

/** Thrown when the parser is used after `end()`. */
export class SseParserStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SseParserStateError';
  }
}

export class SseParser {
  private readonly interpreter: LfLineInterpreter;
  private readonly gate: WarningGate;
  private readonly decoder = new ChunkDecoder();
  private readonly maxLineBytes: number;
  /** A block no longer than this can reach neither limit (see skim.ts). */
  private readonly maxBlockBytes: number;
  /** The skim's helpers when nobody listens and they exist (see skim.ts), else null. */
  private readonly skim: SkimTools | null;
  /** Decodes the last skimmed `id` value, once per push (made on the first skim). */
  private idDecoder: PlatformTextDecoder | null = null;

  private ended = false;
  private totalBytes = 0;
  /** Absolute offset of the first byte of the chunk being processed. */
  private base = 0;

  /** Text of the line in progress carried over from earlier chunks. */
  private partial: string[] = [];
  /** The line in progress exceeded maxLineBytes and is skipped up to its terminator. */
  private discarding = false;
  /**
   * A line ended with a CR that was the last byte so far: 0 none, 1 non-blank, 2 blank, 3 blank
   * whose event was already dispatched (dispatchAtCr).
   */
  private crPending = 0;
  private readonly dispatchAtCr: boolean;
  private crOffset = 0;
  private firstStyle = 0;
  private mixedWarned = false;

  // Lockstep between the current chunk's text and bytes (the last terminator mapped), and the
  // start of the line in progress.
  private chunk: Uint8Array = NO_BYTES;
  private readonly cursor: LineCursor = {
    mappedIndex: -1,
    mappedByte: -1,
    lineStart: 0,
    stoppedAt: -1,
  };

  constructor(options: SseParserOptions = {}) {
    const onOutput = options.onOutput ?? ((): void => {});
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.dispatchAtCr = options.dispatchAtCr ?? false;
    const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.maxBlockBytes = Math.min(this.maxLineBytes, maxEventBytes);
    this.skim = options.onOutput === undefined && options.keepRawLines !== true ? skimTools : null;
    this.gate = new WarningGate(
      options.maxWarningsPerCode ?? DEFAULT_MAX_WARNINGS_PER_CODE,
      onOutput,
    );
    this.interpreter = new LfLineInterpreter(
      onOutput,
      this.gate,
      {
        maxEventBytes,
        keepRawLines: options.keepRawLines ?? false,
      },
      options.initialLastEventId ?? '',
      options.initialReconnectionTimeMs ?? DEFAULT_RECONNECTION_TIME_MS,
      options.onOutput !== undefined,
    );
  }

  /** The event source's last event ID string (updated on every dispatch, §9.2.6 step 1). */
  get lastEventId(): string {
    return this.interpreter.lastEventId;
  }

  /** The reconnection time, as last set by a valid `retry` field. */
  get reconnectionTimeMs(): number {
    return this.interpreter.reconnectionTimeMs;
  }

  get eventCount(): number {
    return this.interpreter.events;
  }

  get byteCount(): number {
    return this.totalBytes;
  }

  push(bytes: Uint8Array): void {
    if (this.ended) throw new SseParserStateError('SseParser.push() called after end()');
    this.totalBytes += bytes.length;
    let rest: Uint8Array | null = bytes;
    if (!this.decoder.bomChecked) {
      rest = this.decoder.stripLeadingBom(bytes);
      // The stripped BOM still occupies bytes 0–2 of the stream.
      if (this.decoder.bomLength > 0 && this.base === 0) this.base = this.cursor.lineStart = 3;
    }
    if (rest === null || rest.length === 0) return;
    if (this.skim !== null && this.canSkim(false)) this.skimChunk(rest, this.skim);
    else this.decodePieces(rest);
  }

  /** The full path for bytes of any length, decoded in pieces (see MAX_DECODE_BYTES). */
  private decodePieces(bytes: Uint8Array): void {
    let from = 0;
    while (bytes.length - from > MAX_DECODE_BYTES) {
      const to = pieceEnd(bytes, from);
      this.decodeChunk(bytes.subarray(from, to));
      from = to;
    }
    if (bytes.length > from) this.decodeChunk(from === 0 ? bytes : bytes.subarray(from));
  }

  end(): SseEndSummary {
    if (this.ended) throw new SseParserStateError('SseParser.end() called twice');
    this.ended = true;
    if (!this.decoder.bomChecked) {
      // Fewer than three bytes that all matched the BOM's start: they are ordinary data.
      const head = this.decoder.takeBomHead();
      if (head.length > 0) this.decodePieces(head);
    }
    const tail = this.decoder.finish(this.base);
    if (this.crPending !== 0) this.resolvePendingCr(false);
    let unterminated = null;
    if (!this.discarding) {
      const text = this.partial.join('') + tail;
      if (text.length > 0) {
        this.reportInvalid(this.base);
        unterminated = { text, start: this.cursor.lineStart };
      }
    }
    this.decoder.takeInvalidBefore(Infinity);
    const pending = this.interpreter.finish(unterminated, this.totalBytes);
    const summary: SseEndSummary = {
      events: this.interpreter.events,
      bytes: this.totalBytes,
      incomplete: pending !== undefined,
      warningCounts: this.gate.counts,
      lastEventId: this.interpreter.lastEventId,
      reconnectionTimeMs: this.interpreter.reconnectionTimeMs,
    };
    if (pending !== undefined) summary.pending = pending;
    return summary;
  }

  /**
   * Whether the parser stands where a skim may start (see skim.ts): nothing carried over, and
   * LF line ends so far (`styleKnown`: the first line's style is settled) or the mixed warning
   * given. Before a push's first block is parsed, a stream with no line yet may still skim.
   */
  private canSkim(styleKnown: boolean): boolean {
    return (
      this.crPending === 0 &&
      !this.discarding &&
      this.decoder.bomChecked &&
      this.decoder.isClean &&
      (this.firstStyle === STYLE_LF || this.mixedWarned || (!styleKnown && this.firstStyle === 0))
    );
  }

  /**
   * Without a listener: the push's first block (which may continue a line or block of the
   * previous push) and its last (which may go on in the next) take the full path; the blocks
   * between are skimmed when nothing in them can need more (see skim.ts).
   */
  private skimChunk(bytes: Uint8Array, tools: SkimTools): void {
    const from = firstBlockBoundary(bytes);
    const to = from === -1 ? -1 : lastBlockBoundary(bytes);
    if (to <= from) {
      this.decodePieces(bytes);
      return;
    }
    this.decodePieces(bytes.subarray(0, from));
    let skimmedTo = from;
    if (
      to - from <= this.maxBlockBytes &&
      this.canSkim(true) &&
      this.interpreter.atBlockBoundary() &&
      tools.isUtf8(bytes.subarray(from, to))
    ) {
      const result = skimBlocks(bytes, from, to);
      this.idDecoder ??= createUtf8Decoder();
      const id =
        result.idStart < 0
          ? null
          : this.idDecoder.decode(bytes.subarray(result.idStart, result.idEnd));
      this.interpreter.skimmed(result.events, id);
      skimmedTo = result.end;
      this.base += skimmedTo - from;
      this.cursor.lineStart = this.base;
    }
    this.decodePieces(bytes.subarray(skimmedTo));
  }

  /** The full path: decodes the chunk and splits it into lines. */
  private decodeChunk(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const text = this.decoder.decode(bytes, this.base);
    this.chunk = bytes;
    // Units before index 0 came from held bytes, which lie before this chunk.
    this.cursor.mappedIndex = -1;
    this.cursor.mappedByte = -1 - this.decoder.heldBefore;
    this.splitLines(text, bytes);
    this.base += bytes.length;
  }

  private splitLines(text: string, bytes: Uint8Array): void {
    let pos = 0;
    if (this.crPending !== 0) pos = this.resolvePendingCr(bytes[0] === LF);
    const cr = text.indexOf('\r', pos);
    pos = cr === -1 ? this.splitLfLines(text, pos) : this.splitAnyLines(text, bytes, pos, cr);
    // Lines that ended in this chunk took their invalid sequences; the rest of the chunk is the
    // line in progress, so what is left belongs to it.
    const chunkEnd = this.base + bytes.length;
    if (this.discarding) {
      this.dropInvalid(chunkEnd);
      return;
    }
    if (pos < text.length) this.partial.push(pos === 0 ? text : text.slice(pos));
    if (chunkEnd - this.cursor.lineStart > this.maxLineBytes) {
      // Bounded memory: stop buffering this line and skip to its terminator.
      this.discarding = true;
      this.partial = [];
      this.dropInvalid(chunkEnd);
      this.interpreter.lineTooLong(this.cursor.lineStart, this.maxLineBytes);
    } else if (this.decoder.hasInvalid) {
      // A long line of invalid bytes must not cost a number per byte until it ends.
      this.decoder.foldInvalidBefore(chunkEnd);
    }
  }

  /** A chunk without CR. Returns the index after the last line processed. */
  private splitLfLines(text: string, pos: number): number {
    let lf = text.indexOf('\n', pos);
    if (lf !== -1 && (this.partial.length > 0 || this.discarding || this.firstStyle !== STYLE_LF)) {
      // The general path settles the carried line and the line-ending bookkeeping; after it
      // the style is LF or the mixed warning was given, so the loops below need neither.
      this.completeLine(text, pos, lf, this.terminatorOffset(lf, LF), STYLE_LF);
      pos = lf + 1;
      lf = text.indexOf('\n', pos);
    }
    if (this.decoder.hasInvalid) {
      // Invalid UTF-8 is reported per line: the general path.
      while (lf !== -1) {
        this.completeLine(text, pos, lf, this.terminatorOffset(lf, LF), STYLE_LF);
        pos = lf + 1;
        lf = text.indexOf('\n', pos);
      }
      return pos;
    }
    while (lf !== -1) {
      const { chunk, base, cursor, maxLineBytes } = this;
      pos = this.interpreter.lfLines(text, chunk, base, pos, lf, cursor, maxLineBytes);
      lf = cursor.stoppedAt;
      if (lf === -1) break;
      // A line over the limit, which the general path discards.
      this.completeLine(text, pos, lf, this.terminatorOffset(lf, LF), STYLE_LF);
      pos = lf + 1;
      lf = text.indexOf('\n', pos);
    }
    return pos;
  }

  /** Chunks with CR: lines end in CRLF, LF or CR (§9.2.6), in any mix. */
  private splitAnyLines(text: string, bytes: Uint8Array, pos: number, cr: number): number {
    const n = text.length;
    let lf = text.indexOf('\n', pos);
    while (cr !== -1 || lf !== -1) {
      let end: number;
      let style: number;
      if (lf !== -1 && (cr === -1 || lf < cr)) {
        end = lf;
        style = STYLE_LF;
      } else if (cr + 1 < n) {
        end = cr;
        style = text.charCodeAt(cr + 1) === LF ? STYLE_CRLF : STYLE_CR;
      } else {
        end = cr;
        // Last character: if it is also the last byte, an LF may follow in the next push.
        style = bytes[bytes.length - 1] === CR ? STYLE_AMBIGUOUS : STYLE_CR;
      }
      const endByte = this.terminatorOffset(end, style === STYLE_LF ? LF : CR);
      if (style === STYLE_CRLF) {
        this.cursor.mappedIndex++;
        this.cursor.mappedByte++;
      }
      this.completeLine(text, pos, end, endByte, style);
      pos = style === STYLE_CRLF ? end + 2 : end + 1;
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
    }
    return pos;
  }

  /** Absolute offset of the terminator at `index` of the current chunk's text (see top). */
  private terminatorOffset(index: number, byte: number): number {
    let at = this.cursor.mappedByte + (index - this.cursor.mappedIndex);
    if (at < 0) at = 0;
    if (this.chunk[at] !== byte) at = findByte(this.chunk, byte, at);
    this.cursor.mappedIndex = index;
    this.cursor.mappedByte = at;
    return this.base + at;
  }

  /** Handles the line `text[from, to)` ending with a terminator at byte `endByte`. */
  private completeLine(text: string, from: number, to: number, endByte: number, style: number) {
    const start = this.cursor.lineStart;
    let blank = false;
    if (this.discarding) {
      this.discarding = false;
      this.dropInvalid(endByte);
    } else if (endByte - start > this.maxLineBytes) {
      this.partial = [];
      this.dropInvalid(endByte);
      this.interpreter.lineTooLong(start, this.maxLineBytes);
    } else {
      if (this.decoder.hasInvalid) this.reportInvalid(endByte);
      if (this.partial.length > 0) {
        const line = this.partial.join('') + text.slice(from, to);
        this.partial = [];
        this.interpreter.line(line, 0, line.length, start, endByte);
      } else if (from === to) {
        blank = true;
      } else {
        this.interpreter.line(text, from, to, start, endByte);
      }
    }
    if (style === STYLE_AMBIGUOUS) {
      // CR or CRLF? The next byte decides the line style, where the next line starts and so
      // the event's end offset. With dispatchAtCr a blank line dispatches at once instead (its
      // range ends after the CR; an LF in the next push still completes the terminator).
      this.crPending = blank ? (this.dispatchAtCr ? 3 : 2) : 1;
      this.crOffset = endByte;
      this.cursor.lineStart = endByte + 1;
      if (this.crPending === 3) this.interpreter.dispatch(endByte + 1);
      return;
    }
    const terminatorEnd = endByte + (style === STYLE_CRLF ? 2 : 1);
    if (blank) this.interpreter.dispatch(terminatorEnd);
    this.cursor.lineStart = terminatorEnd;
    if (style !== this.firstStyle && !this.mixedWarned) this.noteStyle(style, endByte);
  }

  /** Settles a CR that ended the previous push; returns the text index to continue from. */
  private resolvePendingCr(followedByLf: boolean): number {
    const terminatorEnd = this.crOffset + (followedByLf ? 2 : 1);
    if (this.crPending === 2) this.interpreter.dispatch(terminatorEnd);
    this.crPending = 0;
    this.cursor.lineStart = terminatorEnd;
    const style = followedByLf ? STYLE_CRLF : STYLE_CR;
    if (style !== this.firstStyle && !this.mixedWarned) this.noteStyle(style, this.crOffset);
    if (followedByLf) {
      this.cursor.mappedIndex = 0;
      this.cursor.mappedByte = 0;
    }
    return followedByLf ? 1 : 0;
  }

  private noteStyle(style: number, offset: number): void {
    if (this.firstStyle === 0) {
      this.firstStyle = style;
      return;
    }
    this.mixedWarned = true;
    this.gate.warn(
      'mixed-line-endings',
      `line ends with ${STYLE_NAMES[style]} but the stream began with ` +
        `${STYLE_NAMES[this.firstStyle]}; use one line ending style (reported once)`,
      offset,
    );
  }

  /** Reports the invalid UTF-8 sequences that lie before `lineEnd`, once per line. */
  private reportInvalid(lineEnd: number): void {
    const first = this.decoder.firstInvalid;
    const count = this.decoder.takeInvalidBefore(lineEnd);
    if (count === 0 || first === undefined) return;
    this.gate.warn(
      'invalid-utf8',
      count === 1
        ? 'invalid UTF-8 sequence replaced by U+FFFD'
        : `${count} invalid UTF-8 sequences in this line replaced by U+FFFD`,
      first,
    );
  }

  private dropInvalid(lineEnd: number): void {
    this.decoder.takeInvalidBefore(lineEnd);
  }
}
