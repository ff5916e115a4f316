import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import { REDACTED } from '../../../shared/secrets/index.ts';
import { InspectorCore } from '../inspector-core.ts';
import { keyStoreFromSafeStorage, type SafeStorageLike } from './key-store.ts';
import { openRequestSecrets, sealRequestSecrets } from './request-secrets.ts';
import { SealedValueError, SealingService } from './sealing-service.ts';
import { testKeyStore } from './sealing-test-kit.ts';

function safeStorage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(text).reverse(),
    decryptString: (sealed) => Buffer.from(sealed).reverse().toString(),
  };
}

describe('the key store the desktop shell hands in', () => {
  it('is a keyring or the platform store', () => {
    expect(keyStoreFromSafeStorage(safeStorage(true, 'gnome_libsecret'), 'linux')).not.toBeNull();
    expect(keyStoreFromSafeStorage(safeStorage(true, 'kwallet6'), 'linux')).not.toBeNull();
    // macOS Keychain and Windows DPAPI have no backend choice to check.
    expect(keyStoreFromSafeStorage(safeStorage(true, 'unused'), 'darwin')).not.toBeNull();
    expect(keyStoreFromSafeStorage(safeStorage(true, 'unused'), 'win32')).not.toBeNull();
  });

  it("is none with Linux's basic_text backend (a key built into the app), or no encryption", () => {
    expect(keyStoreFromSafeStorage(safeStorage(true, 'basic_text'), 'linux')).toBeNull();
    expect(keyStoreFromSafeStorage(safeStorage(true, 'unknown'), 'linux')).toBeNull();
    expect(keyStoreFromSafeStorage(safeStorage(false, 'gnome_libsecret'), 'linux')).toBeNull();
    expect(keyStoreFromSafeStorage(safeStorage(false, 'unused'), 'darwin')).toBeNull();
  });

  it('seals and opens through safeStorage', () => {
    const store = keyStoreFromSafeStorage(safeStorage(true, 'kwallet5'), 'linux')!;
    expect(store.decryptString(store.encryptString('sk-1'))).toBe('sk-1');
  });
});

describe('the sealing service', () => {
  it('seals nothing without a key store, and cannot open anything', () => {
    const sealing = new SealingService(null);
    expect(sealing.available).toBe(false);
    expect(sealing.seal('sk-1')).toBeNull();
    expect(() => sealing.open(new Uint8Array([1, 2, 3]))).toThrow(SealedValueError);
  });

  it('opens what it sealed, and reports what another key sealed as unreadable', () => {
    const sealing = new SealingService(testKeyStore());
    const sealed = sealing.seal('sk-1')!;
    expect(Buffer.from(sealed).toString('latin1')).not.toContain('sk-1');
    expect(sealing.open(sealed)).toBe('sk-1');
    expect(() => new SealingService(testKeyStore()).open(sealed)).toThrow(SealedValueError);
  });
});

describe('secrets of a saved request', () => {
  const spec = parseRequestSpec({
    url: 'https://tok@api.example/v1?api_key=k1&channel=ops',
    headers: [
      ['Authorization', 'Bearer sk-1'],
      ['Accept-Language', 'en'],
    ],
  });

  it('are sealed apart from the spec, which keeps markers only', () => {
    const sealing = new SealingService(testKeyStore());
    const stored = sealRequestSecrets(spec, sealing);
    expect(JSON.stringify(stored.spec)).not.toMatch(/sk-1|k1|tok@/);
    expect(stored.spec.headers[0]).toEqual(['Authorization', `Bearer ${REDACTED}`]);
    expect(stored.notSaved).toEqual([]);
    expect(openRequestSecrets(stored.spec, stored.sealed, sealing)).toEqual({
      spec,
      missing: [],
      reason: null,
    });
  });

  it('are not written at all without a key store, and are asked for again', () => {
    const stored = sealRequestSecrets(spec, new SealingService(null));
    expect(stored.sealed).toBeNull();
    expect(stored.notSaved).toEqual(['Authorization', 'URL user info', 'api_key']);
    const opened = openRequestSecrets(stored.spec, stored.sealed, new SealingService(null));
    expect(opened).toMatchObject({
      missing: ['Authorization', 'URL user info', 'api_key'],
      reason: 'not-saved',
    });
  });

  it('stay markers where the sealed values cannot be opened', () => {
    const stored = sealRequestSecrets(spec, new SealingService(testKeyStore()));
    for (const elsewhere of [new SealingService(testKeyStore()), new SealingService(null)]) {
      const opened = openRequestSecrets(stored.spec, stored.sealed, elsewhere);
      expect(opened.reason).toBe('unreadable');
      expect(opened.spec).toEqual(stored.spec);
    }
  });

  it('need no sealing when there are none', () => {
    const plain = parseRequestSpec({ url: 'https://api.example/v1', headers: [['X-Trace', '1']] });
    expect(sealRequestSecrets(plain, new SealingService(testKeyStore()))).toEqual({
      spec: plain,
      sealed: null,
      notSaved: [],
    });
  });
});

describe('a renderer saving requests', () => {
  it('cannot get a sealed value opened by submitting it, or anything that looks sealed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sse-sealing-'));
    const db = join(dir, 'workspace.db');
    const core = new InspectorCore({
      host: 'desktop',
      version: 'test',
      workspacePath: db,
      keyStore: testKeyStore(),
    });
    try {
      core.sessions.saveRequest(
        'a',
        parseRequestSpec({
          url: 'https://api.example/v1',
          headers: [['Authorization', 'Bearer sk-victim']],
        }),
      );
      const reader = new DatabaseSync(db, { readOnly: true });
      const row = reader.prepare('SELECT sealed_secrets FROM saved_requests').get()!;
      reader.close();
      const sealed = Buffer.from(row.sealed_secrets as Uint8Array).toString('base64');
      const lookAlikes: Array<[string, string]> = [
        ['Authorization', sealed],
        ['X-API-Key', `sse-inspector-sealed:v1:${sealed}`],
      ];
      core.sessions.saveRequest(
        'b',
        parseRequestSpec({ url: 'https://api.example/v1', headers: lookAlikes }),
      );
      const b = core.sessions.listSavedRequests().find((item) => item.name === 'b')!;
      // Stored and given back as the text that was submitted, never opened.
      expect(b.spec.headers).toEqual(lookAlikes);
      expect(JSON.stringify(core.sessions.listSavedRequests())).toContain('sk-victim');
      expect(JSON.stringify(b)).not.toContain('sk-victim');
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
