import { describe, expect, it } from 'vitest';
import { checkRequestUrl } from './request-url.ts';

describe('checkRequestUrl', () => {
  it('accepts http and https URLs and normalises them', () => {
    expect(checkRequestUrl(' http://127.0.0.1:8080/events ')).toEqual({
      ok: true,
      url: 'http://127.0.0.1:8080/events',
    });
    expect(checkRequestUrl('https://example.com')).toEqual({
      ok: true,
      url: 'https://example.com/',
    });
  });

  it('asks for a URL when the field is empty', () => {
    expect(checkRequestUrl('   ')).toEqual({
      ok: false,
      message: 'Enter the URL of an event stream.',
    });
  });

  it('suggests a scheme when a bare host was typed', () => {
    const result = checkRequestUrl('localhost:3000/sse');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('http://localhost:3000/sse');
  });

  it('refuses other schemes with a message naming the scheme', () => {
    const result = checkRequestUrl('ftp://example.com/stream');
    expect(result).toEqual({
      ok: false,
      message: 'Only http and https URLs can be inspected (got "ftp").',
    });
  });

  it('refuses text that is not a URL', () => {
    const result = checkRequestUrl('http://exa mple.com');
    expect(result.ok).toBe(false);
  });
});
