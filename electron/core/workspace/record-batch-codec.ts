import type { CaptureRecord, ChunkRecord, EventRecord } from '../../../shared/capture/records.ts';

/**
 * A batch of records in a form that crosses to the writer thread cheaply: numbers in one
 * Float64Array, the events' strings back to back in one string, chunk bytes in one buffer (both
 * buffers transferred, not copied), and only the rare lifecycle records as objects. Structured
 * clone of 10,000 event objects costs more than writing them; this costs a copy of the text.
 */
export interface EncodedBatch {
  readonly count: number;
  /** Per record: KIND_EVENT, KIND_CHUNK or KIND_OTHER (the buffer may be longer than count). */
  readonly kinds: Uint8Array;
  /** Per record, SLOTS numbers: session id, attempt, t, then by kind (see BatchEncoder.add). */
  readonly numbers: Float64Array;
  /** Each event's data then its lastEventId, back to back; their lengths are in `numbers`. */
  readonly text: string;
  /** The distinct event types of the batch; events refer to them by position. */
  readonly types: readonly string[];
  /** Every chunk's bytes, back to back; offsets and sizes are in `numbers`. */
  readonly bytes: Uint8Array;
  /** The records that are neither events nor chunks, in order. */
  readonly others: readonly CaptureRecord[];
}

const KIND_EVENT = 0;
const KIND_CHUNK = 1;
const KIND_OTHER = 2;
/**
 * sessionId, attempt, t, then events: start, end, index, type, data length, id length;
 * chunks: wall, offset, seq, byte offset, size.
 */
const SLOTS = 9;
const INITIAL_CAPACITY = 1024;

/**
 * Encodes records as they are appended, so the records themselves die young (the batch holds
 * numbers and one string, not 10,000 objects for the garbage collector to move).
 */
export class BatchEncoder {
  #capacity = INITIAL_CAPACITY;
  #kinds = new Uint8Array(INITIAL_CAPACITY);
  #numbers = new Float64Array(INITIAL_CAPACITY * SLOTS);
  #count = 0;
  // Appended with += (a rope, flattened once when posted): cheaper than join() over parser slices.
  #text = '';
  #types = new Map<string, number>();
  #chunks: Uint8Array[] = [];
  #chunkBytes = 0;
  #others: CaptureRecord[] = [];
  /** Buffers of written batches, back from the writer thread: filled again, not reallocated. */
  #spare: Array<{
    kinds: Uint8Array<ArrayBuffer>;
    numbers: Float64Array<ArrayBuffer>;
    bytes: Uint8Array<ArrayBuffer>;
  }> = [];

  get count(): number {
    return this.#count;
  }

  add(sessionId: number, record: CaptureRecord): void {
    if (this.#count === this.#capacity) this.#grow();
    const i = this.#count++;
    const numbers = this.#numbers;
    let o = i * SLOTS;
    numbers[o++] = sessionId;
    numbers[o++] = record.attempt;
    numbers[o++] = record.t;
    if (record.kind === 'event') {
      this.#kinds[i] = KIND_EVENT;
      let type = this.#types.get(record.type);
      if (type === undefined) this.#types.set(record.type, (type = this.#types.size));
      numbers[o++] = record.start;
      numbers[o++] = record.end;
      numbers[o++] = record.index;
      numbers[o++] = type;
      numbers[o++] = record.data.length;
      numbers[o] = record.lastEventId.length;
      this.#text += record.data;
      this.#text += record.lastEventId;
    } else if (record.kind === 'chunk') {
      this.#kinds[i] = KIND_CHUNK;
      numbers[o++] = record.wall;
      numbers[o++] = record.offset;
      numbers[o++] = record.seq;
      numbers[o++] = this.#chunkBytes;
      numbers[o] = record.bytes.byteLength;
      // Copied into the batch's buffer when it is sealed.
      this.#chunks.push(record.bytes);
      this.#chunkBytes += record.bytes.byteLength;
    } else {
      this.#kinds[i] = KIND_OTHER;
      this.#others.push(record);
    }
  }

  /** Takes back the buffers of a batch that was written, to encode a later batch into. */
  recycle(batch: Pick<EncodedBatch, 'kinds' | 'numbers' | 'bytes'>): void {
    if (this.#spare.length >= 2) return;
    // Whole buffers: a batch may have used only the start of them.
    this.#spare.push({
      kinds: new Uint8Array(batch.kinds.buffer as ArrayBuffer),
      numbers: new Float64Array(batch.numbers.buffer as ArrayBuffer),
      bytes: new Uint8Array(batch.bytes.buffer as ArrayBuffer),
    });
  }

  /** The batch so far (this encoder starts a new one). */
  seal(): EncodedBatch {
    const spare = this.#spare.pop();
    const bytes =
      spare !== undefined && spare.bytes.byteLength >= this.#chunkBytes
        ? spare.bytes.subarray(0, this.#chunkBytes)
        : new Uint8Array(this.#chunkBytes);
    let at = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    const batch: EncodedBatch = {
      count: this.#count,
      kinds: this.#kinds,
      numbers: this.#numbers,
      text: this.#text,
      types: [...this.#types.keys()],
      bytes,
      others: this.#others,
    };
    if (spare !== undefined && spare.kinds.length >= this.#capacity) {
      this.#kinds = spare.kinds;
      this.#numbers = spare.numbers;
      this.#capacity = spare.kinds.length;
    } else {
      this.#kinds = new Uint8Array(this.#capacity);
      this.#numbers = new Float64Array(this.#capacity * SLOTS);
    }
    this.#count = 0;
    this.#text = '';
    this.#types = new Map();
    this.#chunks = [];
    this.#chunkBytes = 0;
    this.#others = [];
    return batch;
  }

  /** Drops the records of one session from the batch in progress (a session being deleted). */
  dropSession(sessionId: number): void {
    const { sessionIds, records } = decodeBatch(this.seal());
    for (let i = 0; i < records.length; i++) {
      if (sessionIds[i] !== sessionId) this.add(sessionIds[i]!, records[i]!);
    }
  }

  #grow(): void {
    this.#capacity *= 2;
    const kinds = new Uint8Array(this.#capacity);
    kinds.set(this.#kinds);
    this.#kinds = kinds;
    const numbers = new Float64Array(this.#capacity * SLOTS);
    numbers.set(this.#numbers);
    this.#numbers = numbers;
  }
}

/** The buffers postMessage can move to the writer thread instead of copying. */
export function transferables(batch: EncodedBatch): ArrayBuffer[] {
  return [batch.kinds.buffer, batch.numbers.buffer, batch.bytes.buffer] as ArrayBuffer[];
}

/** The batch as the records and session ids it was encoded from (chunks view one buffer). */
export function decodeBatch(batch: EncodedBatch): {
  sessionIds: number[];
  records: CaptureRecord[];
} {
  const { count, kinds, numbers, text, types, bytes, others } = batch;
  const sessionIds = new Array<number>(count);
  const records = new Array<CaptureRecord>(count);
  let textAt = 0;
  let other = 0;
  for (let i = 0; i < count; i++) {
    let o = i * SLOTS;
    sessionIds[i] = numbers[o++]!;
    const attempt = numbers[o++]!;
    const t = numbers[o++]!;
    const kind = kinds[i];
    if (kind === KIND_EVENT) {
      const start = numbers[o++]!;
      const end = numbers[o++]!;
      const index = numbers[o++]!;
      const type = types[numbers[o++]!]!;
      const dataEnd = textAt + numbers[o++]!;
      const idEnd = dataEnd + numbers[o]!;
      const event: EventRecord = {
        kind: 'event',
        attempt,
        t,
        index,
        type,
        data: text.slice(textAt, dataEnd),
        lastEventId: text.slice(dataEnd, idEnd),
        start,
        end,
      };
      textAt = idEnd;
      records[i] = event;
    } else if (kind === KIND_CHUNK) {
      const wall = numbers[o++]!;
      const offset = numbers[o++]!;
      const seq = numbers[o++]!;
      const at = numbers[o++]!;
      const chunk: ChunkRecord = {
        kind: 'chunk',
        attempt,
        seq,
        t,
        wall,
        offset,
        bytes: bytes.subarray(at, at + numbers[o]!),
      };
      records[i] = chunk;
    } else {
      records[i] = others[other++]!;
    }
  }
  return { sessionIds, records };
}
