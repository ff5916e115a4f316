import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';

const FLUSH_AT = 256 * 1024;

/**
 * Writes an export to a stream in large pieces and waits whenever the stream's buffer is full,
 * so a whole session never piles up in memory (a slow disk or a `| less` pushes back on the
 * exporter). Strings are gathered into one write per ~256 KiB; byte arrays go out as they are.
 */
export class OutputSink {
  readonly #out: NodeJS.WritableStream;
  #parts: string[] = [];
  #pendingChars = 0;
  #error: Error | null = null;
  /** Bytes (strings as UTF-8) handed to the stream so far. */
  bytesWritten = 0;

  constructor(out: NodeJS.WritableStream) {
    this.#out = out;
    out.on('error', (error: Error) => {
      this.#error ??= error;
    });
  }

  /**
   * Buffers text without waiting (the hot path: one call per record, no promise); returns true
   * when the buffer is full and the caller must `await flush()` before pushing more.
   */
  push(text: string): boolean {
    this.#parts.push(text);
    this.#pendingChars += text.length;
    return this.#pendingChars >= FLUSH_AT;
  }

  async write(piece: string | Uint8Array): Promise<void> {
    if (typeof piece === 'string') {
      if (this.push(piece)) await this.flush();
      return;
    }
    await this.flush();
    await this.#send(piece);
  }

  async flush(): Promise<void> {
    if (this.#parts.length === 0) return;
    const text = this.#parts.join('');
    this.#parts = [];
    this.#pendingChars = 0;
    await this.#send(Buffer.from(text, 'utf8'));
  }

  async #send(bytes: Uint8Array): Promise<void> {
    if (this.#error) throw this.#error;
    if (bytes.byteLength === 0) return;
    this.bytesWritten += bytes.byteLength;
    if (this.#out.write(bytes)) return;
    await waitForDrain(this.#out);
    if (this.#error) throw this.#error;
  }
}

function waitForDrain(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onError = (error: Error): void => settle(error);
    // A destroyed stream never drains: treat it as an error rather than waiting forever.
    const onClose = (): void => settle(new Error('The output was closed before the export ended.'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/**
 * Runs `write` against a temporary file beside `path` and renames it into place once complete,
 * so a failed or cancelled export never leaves a half-written file under the chosen name.
 */
export async function writeFileAtomically(
  path: string,
  write: (out: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.partial`;
  const out = createWriteStream(temporary);
  try {
    await once(out, 'open');
    await write(out);
    out.end();
    await once(out, 'close');
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
