// Turns pushed byte chunks into text for the line splitter: strips the one leading BOM, keeps
// back an incomplete multi-byte sequence at a chunk end, decodes, and locates invalid UTF-8.

import { createUtf8Decoder, incompleteTailLength, OffsetQueue, Utf8Validator } from './utf8.ts';

const BOM_BYTES = [0xef, 0xbb, 0xbf];
const NO_BYTES = new Uint8Array(0);

export class ChunkDecoder {
  /**
   * Absolute offsets of invalid sequences not yet attributed to a line (consumed from the front:
   * splicing an array would make a chunk of many short invalid lines cost quadratic time).
   */
  private readonly invalidOffsets = new OffsetQueue();
  /**
   * Invalid sequences folded into a count because they all lie in the line in progress (see
   * foldInvalidBefore): a long line of invalid bytes costs constant memory, not one number each.
   */
  private foldedCount = 0;
  private foldedFirst = 0;
  /** Held bytes that preceded the last decoded chunk: its text starts that many bytes early. */
  heldBefore = 0;
  /** 3 once a leading BOM was stripped. */
  bomLength = 0;
  bomChecked = false;

  private readonly decoder = createUtf8Decoder();
  private readonly validator = new Utf8Validator();
  private held: Uint8Array = NO_BYTES;
  private bomHead: number[] = [];

  /**
   * Strips exactly one leading U+FEFF (part of "UTF-8 decode"), even if split across pushes.
   * Returns the bytes to decode, or null while the pushed bytes may still be a BOM.
   */
  stripLeadingBom(bytes: Uint8Array): Uint8Array | null {
    let i = 0;
    while (i < bytes.length && this.bomHead.length < 3) {
      if (bytes[i] !== BOM_BYTES[this.bomHead.length]) {
        this.bomChecked = true;
        if (this.bomHead.length === 0) return bytes;
        // The head holds earlier pushes' bytes and this push's first `i` bytes.
        const replay = new Uint8Array(this.bomHead.length + bytes.length - i);
        replay.set(this.bomHead);
        replay.set(bytes.subarray(i), this.bomHead.length);
        this.bomHead = [];
        return replay;
      }
      this.bomHead.push(bytes[i]!);
      i++;
    }
    if (this.bomHead.length < 3) return null;
    this.bomChecked = true;
    this.bomHead = [];
    this.bomLength = 3;
    return bytes.subarray(i);
  }

  /** At end of stream: the bytes that looked like the start of a BOM but were not one. */
  takeBomHead(): Uint8Array {
    this.bomChecked = true;
    const head = Uint8Array.from(this.bomHead);
    this.bomHead = [];
    return head;
  }

  /** Decodes `bytes` (which start at absolute offset `base`), holding back an incomplete tail. */
  decode(bytes: Uint8Array, base: number): string {
    const held = this.held;
    const heldBefore = held.length;
    // A non-streaming decode of exactly the complete sequences is faster than a streaming
    // TextDecoder and equivalent to it: we keep back the tail a streaming decoder would.
    const heldAfter =
      heldBefore > 0 || bytes[bytes.length - 1]! >= 0x80 ? incompleteTailLength(held, bytes) : 0;
    let input = bytes;
    if (heldBefore > 0) {
      input = new Uint8Array(heldBefore + bytes.length);
      input.set(held);
      input.set(bytes, heldBefore);
    }
    const text = this.decoder.decode(
      heldAfter === 0 ? input : input.subarray(0, input.length - heldAfter),
    );
    // U+FFFD comes from invalid input or is literal: only a byte scan can tell which, and where.
    if (text.indexOf('\uFFFD') !== -1) {
      this.validator.reset();
      this.validator.scan(input, base - heldBefore, this.invalidOffsets);
    }
    this.held = heldAfter === 0 ? NO_BYTES : input.slice(input.length - heldAfter);
    this.heldBefore = heldBefore;
    return text;
  }

  /** End of stream: a held incomplete sequence becomes one U+FFFD (Encoding standard). */
  finish(base: number): string {
    if (this.held.length === 0) return '';
    this.validator.reset();
    this.validator.scan(this.held, base - this.held.length, this.invalidOffsets);
    this.validator.finish(this.invalidOffsets);
    const tail = this.decoder.decode(this.held);
    this.held = NO_BYTES;
    return tail;
  }

  /** Whether nothing is held back or waiting: the next bytes start afresh (see skim.ts). */
  get isClean(): boolean {
    return this.held.length === 0 && !this.hasInvalid;
  }

  /** Whether invalid sequences are waiting to be attributed to a line. */
  get hasInvalid(): boolean {
    return this.foldedCount > 0 || this.invalidOffsets.size > 0;
  }

  /** Offset of the first invalid sequence waiting (undefined: none). */
  get firstInvalid(): number | undefined {
    return this.foldedCount > 0 ? this.foldedFirst : this.invalidOffsets.peek();
  }

  /** Removes the invalid offsets before `lineEnd`; returns how many there were. */
  takeInvalidBefore(lineEnd: number): number {
    const count = this.foldedCount + this.invalidOffsets.dropBefore(lineEnd);
    this.foldedCount = 0;
    return count;
  }

  /**
   * The invalid sequences before `end` all belong to the line in progress (the caller knows no
   * line ends before it): keep only their count and first offset until that line ends.
   */
  foldInvalidBefore(end: number): void {
    const first = this.invalidOffsets.peek();
    if (first === undefined || first >= end) return;
    if (this.foldedCount === 0) this.foldedFirst = first;
    this.foldedCount += this.invalidOffsets.dropBefore(end);
  }
}
