// The parser's hot path: the lines of a chunk with LF line ends only and valid UTF-8, split
// and interpreted in one loop. `data:`, `event:`, `id:` and blank lines are handled here with
// the block's state in locals: every string stored into the long-lived interpreter costs a
// write barrier (a young string in an old object), three per event, which took more time than
// the field processing. Anything else goes to EventInterpreter's general `line()`/`dispatch()`,
// with the state written back first and read again after; the outputs are the same.

import {
  DATA_GROUP_LINES,
  EventInterpreter,
  hasNul,
  isDataName,
  isEventName,
  isIdName,
  valueStart,
} from './event-interpreter.ts';
import type { SseEventOutput } from './types.ts';

const LF = 0x0a;

/** Where the parser stands in the current chunk (see parser.ts, "lockstep"). */
export interface LineCursor {
  /** Text index and chunk byte index of the last line terminator mapped. */
  mappedIndex: number;
  mappedByte: number;
  /** Absolute offset of the first byte of the line in progress. */
  lineStart: number;
  /** Set by `lfLines`: the LF of a line longer than the limit it stopped at, else -1. */
  stoppedAt: number;
}

/**
 * First index of `byte` at or after `from`. The distance is usually the few extra bytes of a
 * line's multi-byte characters, where a JS loop beats the call overhead of native indexOf.
 */
export function findByte(bytes: Uint8Array, byte: number, from: number): number {
  const stop = Math.min(from + 64, bytes.length);
  for (let i = from; i < stop; i++) if (bytes[i] === byte) return i;
  return bytes.indexOf(byte, stop);
}

export class LfLineInterpreter extends EventInterpreter {
  /**
   * Interprets the lines of `text`, decoded from `chunk` (absolute offset `base`), from the one
   * starting at `pos` whose LF is at `lf`, up to the last LF of the text. The chunk has LF line
   * ends only and no invalid UTF-8. Returns the index after the last line interpreted; it stops
   * early at a line longer than `maxLineBytes` (its LF in `cursor.stoppedAt`), returning its
   * start, for the parser to discard it.
   */
  lfLines(
    text: string,
    chunk: Uint8Array,
    base: number,
    pos: number,
    lf: number,
    cursor: LineCursor,
    maxLineBytes: number,
  ): number {
    const end = text.length;
    const maxEventBytes = this.maxEventBytes;
    let mappedIndex = cursor.mappedIndex;
    let mappedByte = cursor.mappedByte;
    let lineStart = cursor.lineStart;
    let blockStart = this.blockStart;
    let blockBytes = this.blockBytes;
    let data = this.data;
    let dataLines = this.dataLines;
    let eventType = this.eventType;
    let idBuffer = this.idBuffer;
    // A plain block needs nothing of the general dispatch (raw lines, truncation, grouped data).
    let plain = this.isPlain();
    // Without a listener nobody sees an event object or reads lastEventId mid-chunk: neither is
    // built or stored per event (a young string stored into the long-lived interpreter costs a
    // write barrier); lastEventId is kept here and stored before anything else can read it.
    const listening = this.listening;
    let lastId = this.lastEventId;
    // One native scan for U+0000 instead of one per `id` line: a stream rarely holds any.
    const mayHaveNul = text.indexOf('\0', pos) !== -1;
    cursor.stoppedAt = -1;
    while (lf !== -1) {
      // Byte offset of this LF (see parser.ts): exact on ASCII lines, else a short search.
      let at = mappedByte + (lf - mappedIndex);
      if (chunk[at] !== LF) at = findByte(chunk, LF, at);
      mappedIndex = lf;
      mappedByte = at;
      let blank = pos === lf;
      if (!blank) {
        const lineBytes = base + at - lineStart;
        if (lineBytes > maxLineBytes) {
          cursor.stoppedAt = lf;
          break;
        }
        let done = false;
        if (plain && blockBytes + lineBytes <= maxEventBytes) {
          const first = text.charCodeAt(pos);
          if (first === 0x64) {
            if (dataLines < DATA_GROUP_LINES && isDataName(text, pos)) {
              const value = text.slice(valueStart(text, pos + 5, lf), lf);
              data = dataLines === 0 ? value : `${data}\n${value}`;
              dataLines++;
              done = true;
            }
          } else if (first === 0x65) {
            if (isEventName(text, pos)) {
              eventType = this.typeValue(text, valueStart(text, pos + 6, lf), lf);
              done = true;
            }
          } else if (first === 0x69) {
            if (isIdName(text, pos) && !(mayHaveNul && hasNul(text, pos + 3, lf))) {
              idBuffer = text.slice(valueStart(text, pos + 3, lf), lf);
              done = true;
            }
          }
        }
        if (done) {
          if (blockStart < 0) blockStart = lineStart;
          blockBytes += lineBytes;
          this.blockHasField = true;
        } else {
          this.storeBlock(blockStart, blockBytes, data, dataLines, eventType, idBuffer);
          this.lastEventId = lastId;
          this.line(text, pos, lf, lineStart, base + at);
          blockStart = this.blockStart;
          blockBytes = this.blockBytes;
          data = this.data;
          dataLines = this.dataLines;
          eventType = this.eventType;
          idBuffer = this.idBuffer;
          plain = this.isPlain();
        }
        // A blank line right after (its LF is the next byte): saves a search per event.
        if (lf + 1 < end && text.charCodeAt(lf + 1) === LF) {
          lf++;
          mappedIndex = lf;
          mappedByte = at + 1;
          blank = true;
        }
      }
      if (blank) {
        const eventEnd = base + mappedByte + 1;
        if (!plain) {
          this.storeBlock(blockStart, blockBytes, data, dataLines, eventType, idBuffer);
          this.lastEventId = lastId;
          this.dispatch(eventEnd);
          lastId = this.lastEventId;
          blockStart = -1;
          blockBytes = 0;
          data = '';
          dataLines = 0;
          eventType = '';
          plain = this.isPlain();
        } else {
          // dispatch() for a plain block. The getters read these two during onOutput.
          lastId = idBuffer;
          if (dataLines > 0) {
            this.events++;
            if (listening) {
              this.lastEventId = idBuffer;
              const event: SseEventOutput = {
                kind: 'event',
                type: eventType === '' ? 'message' : eventType,
                data,
                lastEventId: idBuffer,
                start: blockStart,
                end: eventEnd,
              };
              blockStart = -1;
              blockBytes = 0;
              this.blockHasField = false;
              data = '';
              dataLines = 0;
              eventType = '';
              this.emit(event);
            } else {
              blockStart = -1;
              blockBytes = 0;
              this.blockHasField = false;
              data = '';
              dataLines = 0;
              eventType = '';
            }
          } else if (blockStart >= 0) {
            blockStart = -1;
            blockBytes = 0;
            this.blockHasField = false;
            eventType = '';
          }
        }
      }
      lineStart = base + mappedByte + 1;
      pos = lf + 1;
      lf = text.indexOf('\n', pos);
    }
    this.storeBlock(blockStart, blockBytes, data, dataLines, eventType, idBuffer);
    this.lastEventId = lastId;
    cursor.mappedIndex = mappedIndex;
    cursor.mappedByte = mappedByte;
    cursor.lineStart = lineStart;
    return pos;
  }

  /** Writes the block state kept in lfLines' locals back into the interpreter. */
  private storeBlock(
    blockStart: number,
    blockBytes: number,
    data: string,
    dataLines: number,
    eventType: string,
    idBuffer: string,
  ): void {
    this.blockStart = blockStart;
    this.blockBytes = blockBytes;
    this.data = data;
    this.dataLines = dataLines;
    this.eventType = eventType;
    this.idBuffer = idBuffer;
  }
}
