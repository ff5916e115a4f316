import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender-check.ts';

describe('isTrustedSender', () => {
  it('trusts the main frame of the app protocol page', () => {
    expect(isTrustedSender('app://inspector/index.html', true)).toBe(true);
  });

  it('refuses subframes, even from the app origin', () => {
    expect(isTrustedSender('app://inspector/index.html', false)).toBe(false);
  });

  it('refuses foreign origins and look-alike hosts', () => {
    expect(isTrustedSender('https://example.com/', true)).toBe(false);
    expect(isTrustedSender('app://inspector.evil/index.html', true)).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender('not a url', true)).toBe(false);
  });

  it('trusts the Vite dev server only when one is configured', () => {
    expect(isTrustedSender('http://localhost:5173/', true)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, 'http://localhost:5173/')).toBe(false);
  });
});
