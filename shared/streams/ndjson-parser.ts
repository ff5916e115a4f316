// NDJSON / JSON Lines (application/x-ndjson, application/jsonl, …): one JSON text per line,
// lines ended by LF or CRLF. A record's range runs from its line's first byte to just past its
// LF; its data is the line without the terminator. Lines are found in the bytes (LF is ASCII),
// so ranges and records do not depend on where chunks split.

import { JsonFramingParser } from './json-records.ts';
import type { StreamParserOptions } from './types.ts';

const LF = 0x0a;
const CR = 0x0d;

export class NdjsonParser extends JsonFramingParser {
  constructor(options: StreamParserOptions = {}) {
    super(options);
  }

  protected scan(bytes: Uint8Array): void {
    const n = bytes.length;
    let pos = 0;
    if (this.inRecord) {
      // The line carried from earlier chunks.
      const lf = bytes.indexOf(LF);
      if (lf === -1) {
        this.take(bytes, 0, n);
        return;
      }
      this.close(bytes, 0, lf, this.base + lf + 1, true);
      pos = lf + 1;
    }
    const last = bytes.lastIndexOf(LF);
    if (last >= pos) {
      this.completeLines(bytes, pos, last + 1);
      pos = last + 1;
    }
    if (pos < n) {
      this.open(this.base + pos);
      this.take(bytes, pos, n);
    }
  }

  /**
   * The complete lines `bytes[from, to)` (it ends with LF): decoded at once and split on the
   * text, the k-th LF character being the k-th LF byte (LF is never part of a multi-byte
   * sequence, and an invalid byte decodes to U+FFFD). Invalid UTF-8 takes the per-line path,
   * which reports where it is.
   */
  private completeLines(bytes: Uint8Array, from: number, to: number): void {
    const text = this.decode(bytes.subarray(from, to));
    const base = this.base;
    if (text.indexOf('\uFFFD') !== -1) {
      for (let pos = from; pos < to;) {
        const lf = bytes.indexOf(LF, pos);
        this.open(base + pos);
        this.close(bytes, pos, lf, base + lf + 1, true);
        pos = lf + 1;
      }
      return;
    }
    let at = 0;
    let byte = from;
    while (byte < to) {
      const lf = text.indexOf('\n', at);
      const lfByte = bytes.indexOf(LF, byte);
      const start = base + byte;
      if (!this.tooLarge(start, lfByte - byte)) {
        const end = lf > at && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
        this.record(text.slice(at, end), start, start, base + lfByte + 1);
      }
      at = lf + 1;
      byte = lfByte + 1;
    }
  }

  protected finish(): void {
    if (!this.inRecord) return;
    const end = this.byteCount;
    if (this.close(new Uint8Array(0), 0, 0, end, true) === 'event') {
      this.warn(
        'missing-final-newline',
        'the last line has no line end (LF): it may have been cut off',
        end,
      );
    }
  }

  protected override blank(offset: number): void {
    this.warn('blank-line', 'blank line between records ignored', offset);
  }
}
