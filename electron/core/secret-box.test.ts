import { describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../../shared/capture/request-spec.ts';
import { openSecrets, sealSecrets, type SecretBox } from './secret-box.ts';

// A reversible stand-in for the OS key store.
const box: SecretBox = {
  encrypt: (text) => Buffer.from(text).toString('base64'),
  decrypt: (sealed) => Buffer.from(sealed, 'base64').toString(),
};

const spec = parseRequestSpec({
  url: 'https://api.example.com/v1/chat',
  headers: [
    ['Authorization', 'Bearer sk-123'],
    ['x-api-key', 'k-456'],
    ['Content-Type', 'application/json'],
  ],
});

describe('sealing secrets in saved requests', () => {
  it('seals secret header values and leaves the others alone', () => {
    const sealed = sealSecrets(spec, box);
    expect(sealed.headers[0]?.[1]).not.toContain('sk-123');
    expect(sealed.headers[1]?.[1]).not.toContain('k-456');
    expect(sealed.headers[2]).toEqual(['Content-Type', 'application/json']);
  });

  it('opens them again to the original values', () => {
    expect(openSecrets(sealSecrets(spec, box), box)).toEqual({ spec, unreadable: [] });
  });

  it('stores secrets as typed when no key store is available', () => {
    expect(sealSecrets(spec, null)).toEqual(spec);
  });

  it('empties a value it cannot open and names its header', () => {
    const sealed = sealSecrets(spec, box);
    const result = openSecrets(sealed, null);
    expect(result.unreadable).toEqual(['Authorization', 'x-api-key']);
    expect(result.spec.headers[0]).toEqual(['Authorization', '']);
  });
});
