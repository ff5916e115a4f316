import type { InspectorApi } from '../../../../shared/ipc/api.ts';
import { decodeBase64 } from './raw-bytes.ts';

/** Bytes of chunks fetched from main, kept up to a budget (oldest fetched dropped first). */
export class ChunkBytesCache {
  readonly #bytes = new Map<string, Uint8Array>();
  #size = 0;
  readonly #budget: number;
  readonly #inFlight = new Set<string>();

  constructor(budgetBytes = 16 * 1024 * 1024) {
    this.#budget = budgetBytes;
  }

  get(connectionId: number, seq: number): Uint8Array | undefined {
    return this.#bytes.get(`${connectionId}:${seq}`);
  }

  /** Fetches the chunks of [from, to) of one attempt unless already cached or in flight. */
  async load(
    api: InspectorApi,
    connectionId: number,
    attempt: number,
    from: number,
    to: number,
  ): Promise<boolean> {
    const key = `${connectionId}:${attempt}:${from}:${to}`;
    if (this.#inFlight.has(key)) return false;
    this.#inFlight.add(key);
    try {
      const chunks = await api.readChunks(connectionId, attempt, from, to);
      for (const chunk of chunks) {
        const bytes = decodeBase64(chunk.base64);
        const id = `${connectionId}:${chunk.seq}`;
        if (this.#bytes.has(id)) continue;
        this.#bytes.set(id, bytes);
        this.#size += bytes.length;
      }
      for (const [id, bytes] of this.#bytes) {
        if (this.#size <= this.#budget) break;
        this.#bytes.delete(id);
        this.#size -= bytes.length;
      }
      return chunks.length > 0;
    } finally {
      this.#inFlight.delete(key);
    }
  }
}

export const chunkBytesCache = new ChunkBytesCache();
