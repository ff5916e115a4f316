import {
  constants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
} from 'node:zlib';
import type { Transform } from 'node:stream';

/** Decodes a response body as it arrives; never holds decoded output (see createBodyDecoder). */
export interface BodyDecoder {
  /** Returns false when the caller should pause the network until `onDrain`. */
  write(chunk: Uint8Array): boolean;
  end(): void;
  destroy(): void;
}

export interface BodyDecoderSink {
  onData(bytes: Uint8Array): void;
  /** After end(): all output delivered (error: the compressed data was corrupt). */
  onDone(error: Error | null): void;
  onDrain(): void;
  /**
   * Called once when the body has decoded to at least BOMB_MIN_DECODED_BYTES at more than
   * BOMB_RATIO bytes per compressed byte (see BOMB_RATIO). Decoding goes on.
   */
  onExtremeRatio?(decodedBytes: number, compressedBytes: number): void;
}

/**
 * The decoded-per-compressed ratio above which a body looks like a compression bomb. Event
 * streams compress well (JSON deltas ~5–20:1) but not beyond ~100:1 unless the text is one
 * repeated pattern; deflate's own ceiling is ~1032:1, brotli's far higher. Nothing is cut: memory
 * is bounded by streaming anyway; the user is told why megabytes of text came from kilobytes.
 */
export const BOMB_RATIO = 100;
/** Below this much decoded output the ratio is not judged (tiny bodies have wild ratios). */
export const BOMB_MIN_DECODED_BYTES = 16 * 1024 * 1024;

export type DecoderChoice =
  | { kind: 'decode'; decoder: BodyDecoder }
  /** The encoding is not one we decode: bytes pass through as received, with a warning. */
  | { kind: 'unsupported'; decoder: BodyDecoder; encoding: string };

// Truncated input is normal for a stream the server cut off: flush what decodes, as fetch does,
// instead of failing with "unexpected end of file". SYNC_FLUSH per write delivers each event as
// soon as its bytes arrive.
const zlibOptions = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const brotliOptions = {
  flush: constants.BROTLI_OPERATION_FLUSH,
  finishFlush: constants.BROTLI_OPERATION_FLUSH,
};

function passThrough(sink: BodyDecoderSink): BodyDecoder {
  return {
    write: (chunk) => {
      sink.onData(chunk);
      return true;
    },
    end: () => sink.onDone(null),
    destroy: () => {},
  };
}

/**
 * Streams through a zlib transform in flowing mode: every decoded block (≤ 16 KiB) is handed on
 * as it is produced, so a small compressed body that inflates to gigabytes (a "zip bomb") costs
 * one block of memory at a time; only the downstream parser's line/event limits apply.
 */
function streamed(sink: BodyDecoderSink, create: (first: Uint8Array) => Transform): BodyDecoder {
  let stream: Transform | null = null;
  let finished = false;
  let compressed = 0;
  let decoded = 0;
  let ratioReported = sink.onExtremeRatio === undefined;
  const finish = (error: Error | null): void => {
    if (finished) return;
    finished = true;
    sink.onDone(error);
  };
  const open = (first: Uint8Array): Transform => {
    const created = create(first);
    created.on('data', (bytes: Buffer) => {
      decoded += bytes.length;
      if (
        !ratioReported &&
        decoded >= BOMB_MIN_DECODED_BYTES &&
        decoded > compressed * BOMB_RATIO
      ) {
        ratioReported = true;
        sink.onExtremeRatio?.(decoded, compressed);
      }
      sink.onData(bytes);
    });
    created.on('drain', () => sink.onDrain());
    created.on('error', (error: Error) => finish(error));
    created.on('end', () => finish(null));
    return created;
  };
  return {
    write: (chunk) => {
      if (chunk.length === 0) return true;
      compressed += chunk.length;
      stream ??= open(chunk);
      return stream.write(chunk);
    },
    end: () => (stream === null ? finish(null) : void stream.end()),
    destroy: () => {
      finished = true;
      stream?.destroy();
    },
  };
}

/** A decoder for a `Content-Encoding` value; `identity`/none is a zero-cost pass-through. */
export function createBodyDecoder(
  contentEncoding: string | null,
  sink: BodyDecoderSink,
): DecoderChoice {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return { kind: 'decode', decoder: passThrough(sink) };
    case 'gzip':
    case 'x-gzip':
      return { kind: 'decode', decoder: streamed(sink, () => createGunzip(zlibOptions)) };
    case 'deflate':
      // "deflate" should be zlib-wrapped (RFC 9110 §8.4.1.2) but servers also send raw deflate;
      // a zlib header's first byte has compression method 8 in its low nibble (as fetch checks).
      return {
        kind: 'decode',
        decoder: streamed(sink, (first) =>
          (first[0]! & 0x0f) === 0x08 ? createInflate(zlibOptions) : createInflateRaw(zlibOptions),
        ),
      };
    case 'br':
      return {
        kind: 'decode',
        decoder: streamed(sink, () => createBrotliDecompress(brotliOptions)),
      };
    default:
      return { kind: 'unsupported', decoder: passThrough(sink), encoding };
  }
}
