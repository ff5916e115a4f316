// Finds where one JSON value ends in a byte stream, without parsing it: strings (with escapes)
// and bracket depth are tracked byte by byte. Every structural character of JSON is ASCII and
// never a byte of a multi-byte UTF-8 sequence (those are all ≥ 0x80), so bytes can be scanned
// as they come, whatever chunk boundary splits a character. State is a few numbers: deep
// nesting costs no memory. Validity is left to JSON.parse once the value is complete.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const RS = 0x1e;

/** JSON's whitespace: space, tab, LF, CR. */
export function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A byte that ends a bare scalar (number, true, false, null, or garbage) before it. */
function endsScalar(byte: number): boolean {
  return (
    isJsonSpace(byte) ||
    byte === COMMA ||
    byte === CLOSE_BRACKET ||
    byte === CLOSE_BRACE ||
    byte === OPEN_BRACKET ||
    byte === OPEN_BRACE ||
    byte === QUOTE ||
    byte === RS
  );
}

/** A byte that cannot start a value: it closes or separates (the caller reports it). */
export function cannotStartValue(byte: number): boolean {
  return byte === COMMA || byte === CLOSE_BRACKET || byte === CLOSE_BRACE || byte === RS;
}

export class JsonValueScanner {
  private started = false;
  private scalar = false;
  private inString = false;
  private escaped = false;
  private depth = 0;

  /** Forget the value in progress; the next scan starts a new one. */
  reset(): void {
    this.started = false;
    this.scalar = false;
    this.inString = false;
    this.escaped = false;
    this.depth = 0;
  }

  /** Whether the value in progress is a bare scalar (complete when the stream ends). */
  get inScalar(): boolean {
    return this.scalar;
  }

  /**
   * Scans `bytes[from, to)`, continuing the value in progress (or starting one at `from`, which
   * must not be whitespace nor a byte for which cannotStartValue holds). Returns the index just
   * past the value's last byte, or -1 when the value goes on past `to`.
   */
  scan(bytes: Uint8Array, from: number, to: number): number {
    let i = from;
    if (!this.started) {
      this.started = true;
      const first = bytes[i]!;
      if (first === OPEN_BRACE || first === OPEN_BRACKET) this.depth = 1;
      else if (first === QUOTE) this.inString = true;
      else this.scalar = true;
      i++;
    }
    if (this.scalar) {
      for (; i < to; i++) if (endsScalar(bytes[i]!)) return this.done(i);
      return -1;
    }
    let inString = this.inString;
    let escaped = this.escaped;
    let depth = this.depth;
    for (; i < to; i++) {
      const byte = bytes[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (depth === 0) return this.done(i + 1);
        }
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (--depth === 0) return this.done(i + 1);
      }
    }
    this.inString = inString;
    this.escaped = escaped;
    this.depth = depth;
    return -1;
  }

  private done(end: number): number {
    this.reset();
    return end;
  }
}
