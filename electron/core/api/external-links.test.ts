import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './external-links.ts';

describe('isSafeExternalUrl', () => {
  it('allows http and https links', () => {
    expect(
      isSafeExternalUrl('https://html.spec.whatwg.org/multipage/server-sent-events.html'),
    ).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:8080/')).toBe(true);
  });

  it('refuses other schemes, credentials and garbage', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'vscode://file/x',
      'https://user:pw@example.com/',
      'not a url',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
