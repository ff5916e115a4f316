/**
 * The operating system's key store, as the shell hands it to the core (Electron's `safeStorage` in
 * the desktop app). The core never imports `electron`; the web host and the CLI have none.
 */
export interface KeyStore {
  encryptString(plainText: string): Uint8Array;
  decryptString(sealed: Uint8Array): string;
}

/** The part of Electron's `safeStorage` the app uses (so this file needs no `electron` import). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store backs the encryption key. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
}

/**
 * A key store over `safeStorage`, or null where it would not protect anything: encryption
 * unavailable, or Linux's `basic_text` backend (no keyring: the key is a constant built into
 * Chromium, so "encrypted" values are readable by anyone with the file).
 */
export function keyStoreFromSafeStorage(
  safeStorage: SafeStorageLike,
  platform: string,
): KeyStore | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return null;
  }
  return {
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (sealed) =>
      safeStorage.decryptString(Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)),
  };
}
