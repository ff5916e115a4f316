// The parser's path when nobody listens (`cli parse --summary`): whole blocks that can neither
// fire a warning nor need their text are counted on the bytes, without decoding them. The
// caller hands over a region of a push that starts and ends at a block boundary (right after a
// blank line), is valid UTF-8 and has no line or block over the limits. Only `data:`, `event:`,
// `id:` and comment lines with LF ends are skimmed: anything else (a CR, a U+0000, retry, an
// unknown field, a BOM, a name without its colon) stops the skim at the start of its block, and
// the full parser takes that block and the rest of the push, warnings and all. Blocks are
// committed at their blank line, so a stopped skim leaves the parser exactly where a full parse
// of the skimmed blocks would have.

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

/** What a skim found; `idStart` is -1 when no block it committed had an `id` line. */
export interface SkimResult {
  /** Index after the last block skimmed: the region's end, or the block it stopped at. */
  end: number;
  /** Events the skimmed blocks dispatched (blocks with at least one data line). */
  events: number;
  /** The value of the last `id` line of the skimmed blocks: bytes [idStart, idEnd). */
  idStart: number;
  idEnd: number;
}

/** Skims the blocks of `bytes[from, to)`; see the top of this file for what the region holds. */
export function skimBlocks(bytes: Uint8Array, from: number, to: number): SkimResult {
  let events = 0;
  let idStart = -1;
  let idEnd = -1;
  // The block in progress, committed at its blank line.
  let blockStart = from;
  let dataLines = 0;
  let blockIdStart = -1;
  let blockIdEnd = -1;
  let pos = from;
  // The buffer's aligned 32-bit words, read whole where a line's bytes fill them.
  const offset = bytes.byteOffset;
  const words = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2);
  const wordsEnd = (offset + to) >> 2;
  scan: while (pos < to) {
    const first = bytes[pos]!;
    if (first === LF) {
      // A blank line: the block dispatches an event if it has data (§9.2.6).
      if (dataLines > 0) events++;
      if (blockIdStart >= 0) {
        idStart = blockIdStart;
        idEnd = blockIdEnd;
      }
      dataLines = 0;
      blockIdStart = -1;
      pos = blockStart = pos + 1;
      continue;
    }
    let id = false;
    if (first === 0x64) {
      // data:
      if (
        bytes[pos + 1] !== 0x61 ||
        bytes[pos + 2] !== 0x74 ||
        bytes[pos + 3] !== 0x61 ||
        bytes[pos + 4] !== COLON
      ) {
        break;
      }
      dataLines++;
      pos += 5;
    } else if (first === 0x69) {
      // id:
      if (bytes[pos + 1] !== 0x64 || bytes[pos + 2] !== COLON) break;
      pos += 3;
      if (bytes[pos] === 0x20) pos++;
      blockIdStart = pos;
      id = true;
    } else if (first === 0x65) {
      // event:
      if (
        bytes[pos + 1] !== 0x76 ||
        bytes[pos + 2] !== 0x65 ||
        bytes[pos + 3] !== 0x6e ||
        bytes[pos + 4] !== 0x74 ||
        bytes[pos + 5] !== COLON
      ) {
        break;
      }
      pos += 6;
    } else if (first !== COLON) {
      break;
    }
    // To the line's LF, four bytes at a time once aligned; a CR or U+0000 on the way needs
    // the full parser. A word with no byte below 14 holds none of LF, CR, U+0000 (see below).
    for (;;) {
      let byte = bytes[pos]!;
      while (byte > CR && ((offset + pos) & 3) !== 0) byte = bytes[++pos]!;
      if (byte > CR) {
        let w = (offset + pos) >> 2;
        // Four words a step, tested at once: the usual data line is tens of words long.
        while (w + 3 < wordsEnd) {
          const a = words[w]!;
          const b = words[w + 1]!;
          const c = words[w + 2]!;
          const d = words[w + 3]!;
          const below14 =
            ((a - 0x0e0e0e0e) & ~a) |
            ((b - 0x0e0e0e0e) & ~b) |
            ((c - 0x0e0e0e0e) & ~c) |
            ((d - 0x0e0e0e0e) & ~d);
          if ((below14 & 0x80808080) !== 0) break;
          w += 4;
        }
        while (w < wordsEnd && hasNoByteBelow14(words[w]!)) w++;
        pos = (w << 2) - offset;
        byte = bytes[pos]!;
        while (byte > CR) byte = bytes[++pos]!;
      }
      if (byte === LF) break;
      if (byte === CR || byte === 0) break scan;
      pos++;
    }
    if (id) blockIdEnd = pos;
    pos++;
  }
  return { end: blockStart, events, idStart, idEnd };
}

/**
 * Whether none of the four bytes of `word` is below 14 (0x0E): the subtraction borrows into
 * the high bit of a byte below 14 only, and `~word` keeps that bit only for bytes below 0x80,
 * so a byte of a multi-byte character never counts; a false positive can only follow a true
 * one, which the byte loop after settles (the "has less than" bit trick).
 */
function hasNoByteBelow14(word: number): boolean {
  return ((word - 0x0e0e0e0e) & ~word & 0x80808080) === 0;
}

/** Index after the first blank line of `bytes` (an LF right after an LF), or -1. */
export function firstBlockBoundary(bytes: Uint8Array): number {
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i] === LF && bytes[i - 1] === LF) return i + 1;
  }
  return -1;
}

/** Index after the last blank line of `bytes` (an LF right after an LF), or -1. */
export function lastBlockBoundary(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i > 0; i--) {
    if (bytes[i] === LF && bytes[i - 1] === LF) return i + 1;
  }
  return -1;
}
