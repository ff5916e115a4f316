// NDJSON / JSON Lines (application/x-ndjson, application/jsonl, …): one JSON text per line,
// lines ended by LF or CRLF. A record's range runs from its line's first byte to just past its
// LF; its data is the line without the terminator. Lines are found in the bytes (LF is ASCII),
// so ranges and records do not depend on where chunks split.

import { JsonFramingParser } from './json-records.ts';
import type { StreamParserOptions } from './types.ts';

const LF = 0x0a;

export class NdjsonParser extends JsonFramingParser {
  constructor(options: StreamParserOptions = {}) {
    super(options);
  }

  protected scan(bytes: Uint8Array): void {
    const base = this.base;
    let pos = 0;
    for (;;) {
      const lf = bytes.indexOf(LF, pos);
      if (!this.inRecord) this.open(base + pos);
      if (lf === -1) {
        this.take(bytes, pos, bytes.length);
        return;
      }
      this.close(bytes, pos, lf, base + lf + 1, true);
      pos = lf + 1;
      if (pos === bytes.length) return;
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
