// JSON text sequences (RFC 7464, application/json-seq): each JSON text is preceded by RS (0x1E)
// and followed by LF. A record's range runs from its RS to just past its LF; its data is the
// text between them. A text is complete when its value is (json-scanner.ts) and the LF after it
// has arrived, so a live stream shows each record without waiting for the next RS. A text cut
// short by the next RS is still recorded, with a warning (RFC 7464 §2.3: possibly truncated).
// Consecutive RS bytes denote no empty texts (§2.1): they are skipped silently.

import { JsonFramingParser } from './json-records.ts';
import { isJsonSpace, JsonValueScanner } from './json-scanner.ts';
import type { StreamParserOptions } from './types.ts';

const RS = 0x1e;
const LF = 0x0a;

/** Outside a text; after RS before the value; in the value; after the value, awaiting its LF. */
const State = {
  Between: 0,
  Leading: 1,
  Value: 2,
  Trailing: 3,
} as const;
type State = (typeof State)[keyof typeof State];

export class JsonSeqParser extends JsonFramingParser {
  private state: State = State.Between;
  private readonly scanner = new JsonValueScanner();
  /** Whether the last byte of the open text was LF (a text cut by RS is then not truncated). */
  private endedWithLf = false;

  constructor(options: StreamParserOptions = {}) {
    super(options);
  }

  protected scan(bytes: Uint8Array): void {
    const base = this.base;
    const n = bytes.length;
    let i = 0;
    // Where the open text's bytes in this chunk begin (it is taken up to the chunk's end).
    let from = this.inRecord ? 0 : -1;
    while (i < n) {
      const byte = bytes[i]!;
      if (byte === RS) {
        if (this.inRecord) this.cutByRs(bytes, from, i);
        this.open(base + i, base + i + 1);
        this.state = State.Leading;
        from = ++i;
        continue;
      }
      switch (this.state) {
        case State.Between:
          if (!isJsonSpace(byte)) {
            this.warn(
              'missing-record-separator',
              'JSON text without the RS (0x1E) that must precede it',
              base + i,
            );
            this.open(base + i);
            this.state = State.Leading;
            from = i;
            continue;
          }
          i++;
          break;
        case State.Leading:
          if (isJsonSpace(byte)) i++;
          else this.state = State.Value;
          break;
        case State.Value: {
          const rs = bytes.indexOf(RS, i);
          const stop = rs === -1 ? n : rs;
          const end = this.scanner.scan(bytes, i, stop);
          if (end === -1) {
            this.endedWithLf = bytes[stop - 1] === LF;
            i = stop;
          } else {
            this.state = State.Trailing;
            i = end;
          }
          break;
        }
        case State.Trailing:
          if (byte === LF) {
            this.close(bytes, from, i, base + i + 1, false);
            this.state = State.Between;
            from = -1;
          } else if (!isJsonSpace(byte)) {
            // Not whitespace after the value: the text is invalid; it runs to its LF or RS.
            this.state = State.Value;
            this.scanner.reset();
            continue;
          }
          i++;
          break;
      }
    }
    if (this.inRecord) this.take(bytes, from, n);
  }

  protected finish(): void {
    if (!this.inRecord) return;
    if (this.state === State.Leading) return;
    this.cut(new Uint8Array(0), 0, 0, this.byteCount);
  }

  /** The next RS arrived at `rs` before the open text's LF. */
  private cutByRs(bytes: Uint8Array, from: number, rs: number): void {
    if (this.state === State.Leading) {
      this.inRecord = false;
      return;
    }
    if (rs > from) this.endedWithLf = bytes[rs - 1] === LF;
    this.cut(bytes, from, rs, this.base + rs);
  }

  private cut(bytes: Uint8Array, from: number, to: number, rangeEnd: number): void {
    const lf = this.endedWithLf && this.state === State.Value;
    const outcome = this.close(bytes, from, to, rangeEnd, lf);
    if (outcome === 'event' && !lf) {
      this.warn(
        'missing-final-newline',
        'JSON text not followed by LF: it may have been truncated (RFC 7464 §2.3)',
        rangeEnd,
      );
    }
    this.scanner.reset();
    this.state = State.Between;
    this.endedWithLf = false;
  }
}
