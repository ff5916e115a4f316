import { describe, expect, it } from 'vitest';
import {
  defaultRememberedUi,
  loadRememberedUi,
  noFilters,
  paneBounds,
  rememberFilters,
  rememberedFilterLimit,
  rememberedUiKey,
  saveRememberedUi,
  type RememberedUi,
} from './remembered-ui.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

const remembered: RememberedUi = {
  panes: { sidebar: 300, side: 500, raw: 200 },
  mainView: 'llm',
  theme: 'dark',
  filtersByUrl: {
    'http://127.0.0.1:3000/events': {
      hiddenKinds: ['comment'],
      hiddenTypes: ['ping'],
      searchText: 'tick',
      searchIsRegex: false,
    },
  },
};

describe('remembered UI state', () => {
  it('round-trips through storage under a versioned key', () => {
    const storage = memoryStorage();
    saveRememberedUi(storage, remembered);
    expect([...storage.items.keys()]).toEqual(['sse-inspector.ui.v1']);
    expect(loadRememberedUi(storage)).toEqual(remembered);
  });

  it('starts from the defaults without storage or without a saved value', () => {
    expect(loadRememberedUi(undefined)).toEqual(defaultRememberedUi);
    expect(loadRememberedUi(memoryStorage())).toEqual(defaultRememberedUi);
  });

  it('falls back to the defaults for a value that is not JSON or not an object', () => {
    for (const text of ['{"panes":', 'null', '42', '"dark"']) {
      expect(loadRememberedUi(memoryStorage({ [rememberedUiKey]: text }))).toEqual(
        defaultRememberedUi,
      );
    }
  });

  it('replaces only the damaged parts and clamps pane sizes to their bounds', () => {
    const damaged = {
      panes: { sidebar: 5, side: 'wide', raw: 99999 },
      mainView: 'nonsense',
      theme: 'dark',
      filtersByUrl: {
        'http://a/': {
          hiddenKinds: ['comment', 'no-such-kind'],
          hiddenTypes: [],
          searchText: '',
          searchIsRegex: true,
        },
        'http://b/': { hiddenTypes: 'all' },
      },
    };
    const loaded = loadRememberedUi(memoryStorage({ [rememberedUiKey]: JSON.stringify(damaged) }));
    expect(loaded).toEqual({
      panes: {
        sidebar: paneBounds.sidebar.min,
        side: paneBounds.side.initial,
        raw: paneBounds.raw.max,
      },
      mainView: 'timeline',
      theme: 'dark',
      filtersByUrl: {
        'http://a/': {
          hiddenKinds: ['comment'],
          hiddenTypes: [],
          searchText: '',
          searchIsRegex: true,
        },
      },
    });
  });

  it('survives a storage that refuses to be read or written', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadRememberedUi(refusing)).toEqual(defaultRememberedUi);
    expect(() => saveRememberedUi(refusing, remembered)).not.toThrow();
  });
});

describe('rememberFilters', () => {
  const search = (text: string) => ({ ...noFilters, searchText: text });

  it('keeps each URL once, the latest last, and forgets a URL back at no filters', () => {
    let byUrl = rememberFilters({}, 'http://a/', search('x'));
    byUrl = rememberFilters(byUrl, 'http://b/', search('y'));
    byUrl = rememberFilters(byUrl, 'http://a/', search('z'));
    expect(byUrl).toEqual({ 'http://b/': search('y'), 'http://a/': search('z') });
    expect(Object.keys(byUrl)).toEqual(['http://b/', 'http://a/']);
    expect(rememberFilters(byUrl, 'http://a/', noFilters)).toEqual({ 'http://b/': search('y') });
  });

  it(`keeps at most ${rememberedFilterLimit} URLs, forgetting the oldest`, () => {
    let byUrl = {};
    for (let i = 0; i <= rememberedFilterLimit; i += 1) {
      byUrl = rememberFilters(byUrl, `http://h/${i}`, search(String(i)));
    }
    const urls = Object.keys(byUrl);
    expect(urls).toHaveLength(rememberedFilterLimit);
    expect(urls[0]).toBe('http://h/1');
    expect(urls.at(-1)).toBe(`http://h/${rememberedFilterLimit}`);
  });
});
