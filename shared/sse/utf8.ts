// UTF-8 helpers. Decoding itself is done by the platform TextDecoder (native, far faster than
// JS); this module adds what TextDecoder cannot tell us: where invalid sequences are, how many
// bytes a streaming decoder would hold back at a chunk end.
// Error handling follows the Encoding standard's UTF-8 decoder (one U+FFFD per maximal subpart).

/** The slice of TextDecoder we use; shared/ is compiled without DOM or Node types. */
export interface PlatformTextDecoder {
  decode(input?: Uint8Array): string;
}
type PlatformTextDecoderConstructor = new (
  label: string,
  options: { ignoreBOM: boolean },
) => PlatformTextDecoder;

/**
 * A UTF-8 decoder (replacement mode) that never strips a BOM: the parser strips the one
 * leading BOM itself (so offsets stay exact), and a U+FEFF anywhere else is data. It is used
 * without `stream`: the parser passes only complete sequences (see incompleteTailLength).
 */
export function createUtf8Decoder(): PlatformTextDecoder {
  const Decoder = (globalThis as unknown as { TextDecoder?: PlatformTextDecoderConstructor })
    .TextDecoder;
  if (Decoder === undefined) {
    throw new Error('SseParser needs a TextDecoder (available in Node, Electron and browsers)');
  }
  return new Decoder('utf-8', { ignoreBOM: true });
}

/** Length of the multi-byte sequence a lead byte starts, or 0 if it is not a lead byte. */
function sequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** Allowed range of the first continuation byte after `lead` (Encoding §UTF-8 decoder). */
function firstContinuationLow(lead: number): number {
  return lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
}
function firstContinuationHigh(lead: number): number {
  return lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
}

/**
 * How many trailing bytes of `held ++ bytes` a streaming decoder keeps back because they
 * start a sequence that is valid so far but incomplete (0–3).
 */
export function incompleteTailLength(held: Uint8Array, bytes: Uint8Array): number {
  const total = held.length + bytes.length;
  const at = (i: number): number => (i < held.length ? held[i]! : bytes[i - held.length]!);
  for (let back = 1; back <= 3 && back <= total; back++) {
    const byte = at(total - back);
    if (byte < 0x80) return 0;
    if (byte <= 0xbf) continue; // continuation byte: the lead is further back
    const need = sequenceLength(byte);
    if (need <= back) return 0; // invalid lead, or a sequence that already ended
    const lead = byte;
    for (let i = total - back + 1; i < total; i++) {
      const low = i === total - back + 1 ? firstContinuationLow(lead) : 0x80;
      const high = i === total - back + 1 ? firstContinuationHigh(lead) : 0xbf;
      const next = at(i);
      if (next < low || next > high) return 0;
    }
    return back;
  }
  return 0;
}

/** Where the validator records error offsets (an array will do). */
export interface OffsetSink {
  push(offset: number): unknown;
}

/**
 * Ascending offsets in a reusable typed array, consumed from the front. A chunk of 64 KiB of
 * invalid bytes records 64 K offsets: a JS array regrown for every chunk (and trimmed after) is
 * ~60× slower there, as V8 reallocates large arrays in large-object space on each growth.
 */
export class OffsetQueue implements OffsetSink {
  private data = new Float64Array(256);
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  /** The first offset waiting (undefined: none). */
  peek(): number | undefined {
    return this.head < this.tail ? this.data[this.head] : undefined;
  }

  push(offset: number): void {
    if (this.tail === this.data.length) this.makeRoom();
    this.data[this.tail++] = offset;
  }

  /** Removes the offsets before `end`; returns how many there were. */
  dropBefore(end: number): number {
    const data = this.data;
    const head = this.head;
    let at = head;
    while (at < this.tail && data[at]! < end) at++;
    if (at === this.tail) this.head = this.tail = 0;
    else this.head = at;
    return at - head;
  }

  private makeRoom(): void {
    if (this.head > 0) {
      this.data.copyWithin(0, this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
      if (this.tail < this.data.length) return;
    }
    const grown = new Float64Array(this.data.length * 2);
    grown.set(this.data);
    this.data = grown;
  }
}

/**
 * Validates bytes the way the Encoding standard's UTF-8 decoder consumes them and records the
 * absolute offset of every error (one per maximal subpart, i.e. one per U+FFFD produced).
 * State carries across `scan` calls; `finish` reports a sequence cut off by the end of stream.
 */
export class Utf8Validator {
  private needed = 0;
  private seen = 0;
  private low = 0x80;
  private high = 0xbf;
  private sequenceStart = 0;

  reset(): void {
    this.needed = 0;
    this.seen = 0;
    this.low = 0x80;
    this.high = 0xbf;
  }

  scan(bytes: Uint8Array, baseOffset: number, errors: OffsetSink): void {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (this.needed === 0) {
        if (byte < 0x80) continue;
        const need = sequenceLength(byte);
        if (need === 0) {
          errors.push(baseOffset + i);
          continue;
        }
        this.needed = need - 1;
        this.seen = 0;
        this.low = firstContinuationLow(byte);
        this.high = firstContinuationHigh(byte);
        this.sequenceStart = baseOffset + i;
        continue;
      }
      if (byte < this.low || byte > this.high) {
        // The decoder emits U+FFFD for the bytes so far and reprocesses this byte.
        errors.push(this.sequenceStart);
        this.reset();
        i--;
        continue;
      }
      this.low = 0x80;
      this.high = 0xbf;
      if (++this.seen === this.needed) this.reset();
    }
  }

  finish(errors: OffsetSink): void {
    if (this.needed !== 0) errors.push(this.sequenceStart);
    this.reset();
  }
}
