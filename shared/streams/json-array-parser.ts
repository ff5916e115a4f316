// A JSON array streamed element by element (application/json, as Gemini's
// streamGenerateContent sends without alt=sse): each element is a record as soon as its last
// byte arrives; the brackets, commas and whitespace between elements are framing. A record's
// range is exactly its element's bytes. A body that is not an array (an error object, say) has
// each top-level value as a record, with one `outside-array` warning.

import { JsonFramingParser } from './json-records.ts';
import { cannotStartValue, isJsonSpace, JsonValueScanner } from './json-scanner.ts';
import type { StreamParserOptions } from './types.ts';

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const State = {
  /** Before the first non-whitespace byte. */
  Start: 0,
  /** After `[` or a comma: an element (or, after `[`, the closing `]`) comes next. */
  Element: 1,
  Value: 2,
  /** After an element: a comma or the closing `]`. */
  AfterElement: 3,
  /** After the closing `]`: only whitespace belongs here. */
  Closed: 4,
  /** Bytes after the array were reported; the rest of the body is ignored. */
  Ignored: 5,
  /** The body is no array: top-level values one after another. */
  Values: 6,
} as const;
type State = (typeof State)[keyof typeof State];

export class JsonArrayParser extends JsonFramingParser {
  private state: State = State.Start;
  private readonly scanner = new JsonValueScanner();
  /** The state to go to when the value in progress ends. */
  private after: State = State.AfterElement;

  constructor(options: StreamParserOptions = {}) {
    super(options);
  }

  protected scan(bytes: Uint8Array): void {
    const base = this.base;
    const n = bytes.length;
    let i = 0;
    let from = 0;
    while (i < n) {
      if (this.state === State.Value) {
        const end = this.scanner.scan(bytes, i, n);
        if (end === -1) {
          this.take(bytes, from, n);
          return;
        }
        this.close(bytes, from, end, base + end);
        this.state = this.after;
        i = end;
        continue;
      }
      const byte = bytes[i]!;
      if (isJsonSpace(byte) || this.state === State.Ignored) {
        i++;
        continue;
      }
      switch (this.state) {
        case State.Start:
          if (byte === OPEN_BRACKET) {
            this.state = State.Element;
            i++;
            continue;
          }
          this.warn(
            'outside-array',
            'the body is not a JSON array: each top-level value is a record',
            base + i,
          );
          this.state = State.Values;
          continue;
        case State.Element:
          if (byte === CLOSE_BRACKET) {
            this.state = State.Closed;
            i++;
            continue;
          }
          break;
        case State.AfterElement:
          if (byte === COMMA) this.state = State.Element;
          else if (byte === CLOSE_BRACKET) this.state = State.Closed;
          else {
            this.warn('invalid-json', "expected ',' or ']' after an array element", base + i);
            if (!cannotStartValue(byte)) break;
          }
          i++;
          continue;
        case State.Closed:
          this.warn('outside-array', 'bytes after the end of the array ignored', base + i);
          this.state = State.Ignored;
          continue;
      }
      // State.Element or State.Values (or AfterElement without a comma): a value starts here.
      if (cannotStartValue(byte)) {
        this.warn(
          'invalid-json',
          `unexpected ${JSON.stringify(String.fromCharCode(byte))}`,
          base + i,
        );
        i++;
        continue;
      }
      this.after = this.state === State.Values ? State.Values : State.AfterElement;
      this.state = State.Value;
      this.open(base + i);
      from = i;
    }
  }

  protected finish(): void {
    const end = this.byteCount;
    if (this.state === State.Value) {
      if (this.scanner.inScalar && !this.skipping) {
        this.close(new Uint8Array(0), 0, 0, end);
        this.state = this.after;
      } else {
        this.incomplete = !this.skipping;
        this.inRecord = false;
        this.warn('incomplete-record', 'the stream ended inside a record', end);
        return;
      }
    }
    if (this.state === State.Element || this.state === State.AfterElement) {
      this.warn('incomplete-record', "the stream ended before the array's closing ']'", end);
    }
  }
}
