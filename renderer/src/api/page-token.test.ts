import { describe, expect, it } from 'vitest';
import { takePageToken } from './page-token.ts';

function addressBar(href: string) {
  const replaced: Array<{ data: unknown; url: string }> = [];
  const history = {
    state: { view: 'timeline' },
    replaceState: (data: unknown, _unused: string, url?: string | URL | null) =>
      void replaced.push({ data, url: String(url) }),
  };
  return { replaced, location: { href }, history };
}

describe('takePageToken', () => {
  it('hands the token on and removes it from the address bar, keeping the rest', () => {
    const { location, history, replaced } = addressBar(
      'http://127.0.0.1:4000/?token=abc-123&theme=dark#h',
    );
    const pageUrl = takePageToken(location, history);
    expect(pageUrl.searchParams.get('token')).toBe('abc-123');
    expect(replaced).toEqual([{ data: { view: 'timeline' }, url: '/?theme=dark#h' }]);
  });

  it('leaves an address without a token alone (a reload)', () => {
    const { location, history, replaced } = addressBar('http://127.0.0.1:4000/');
    expect(takePageToken(location, history).searchParams.has('token')).toBe(false);
    expect(replaced).toEqual([]);
  });
});
