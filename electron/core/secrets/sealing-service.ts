import type { KeyStore } from './key-store.ts';

/** A sealed value this machine cannot open (another machine's key, a reset key store, no store). */
export class SealedValueError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SealedValueError';
  }
}

/**
 * The one way main writes a secret to disk: sealed with the OS key store, or not at all. Saved
 * requests use it today and environments (variables holding keys) can use it the same way: the
 * caller keeps what `seal` returns in a column of its own, so a sealed value is never recognised
 * by its look and the renderer cannot get something decrypted by submitting a look-alike.
 */
export class SealingService {
  readonly #keyStore: KeyStore | null;

  constructor(keyStore: KeyStore | null) {
    this.#keyStore = keyStore;
  }

  /** Whether secrets can be kept at all on this host (false: web host, CLI, Linux basic_text). */
  get available(): boolean {
    return this.#keyStore !== null;
  }

  /** The sealed bytes, or null when there is no key store: the caller then stores nothing. */
  seal(plainText: string): Uint8Array | null {
    if (this.#keyStore === null) return null;
    return this.#keyStore.encryptString(plainText);
  }

  /** The plain text again; SealedValueError when this host cannot open it. */
  open(sealed: Uint8Array): string {
    if (this.#keyStore === null) {
      throw new SealedValueError('There is no key store here to open sealed secrets with.');
    }
    try {
      return this.#keyStore.decryptString(sealed);
    } catch (error) {
      throw new SealedValueError('The key store could not open this sealed secret.', {
        cause: error,
      });
    }
  }
}
