import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from './workspace.ts';
import { SearchQueryError } from './workspace-error.ts';
import { SNIPPET_CLOSE, SNIPPET_OPEN, plainTextQuery } from './event-search.ts';
import { event, sessionStart } from './test-fixtures.ts';

let workspace: Workspace;
let first: number;
let second: number;

beforeEach(() => {
  workspace = Workspace.open(':memory:');
  const recorder = workspace.createRecorder();
  first = recorder.createSession(sessionStart());
  second = recorder.createSession(sessionStart());
  recorder.append(first, event(0, '{"delta":"The quick brown fox"}', { type: 'delta' }));
  recorder.append(first, {
    kind: 'comment',
    attempt: 1,
    t: 1,
    text: 'fox in a comment',
    offset: 0,
  });
  recorder.append(first, event(1, 'order foo-bar shipped, code a:b', { lastEventId: '7' }));
  recorder.append(second, event(0, 'another quick fox'));
  recorder.append(second, event(1, 'nothing to see'));
  recorder.flush();
});
afterEach(() => workspace.close());

describe('searchEvents', () => {
  it('finds events by words in their data, newest session first', () => {
    const hits = workspace.searchEvents('quick fox', { limit: 10 });
    expect(hits.map((h) => [h.sessionId, h.seq])).toEqual([
      [second, 0],
      [first, 0],
    ]);
    expect(hits[1]).toMatchObject({ index: 0, type: 'delta', attempt: 1, t: 0.5, lastEventId: '' });
    expect(hits[1]?.snippet).toBe(
      `{"delta":"The ${SNIPPET_OPEN}quick${SNIPPET_CLOSE} brown ${SNIPPET_OPEN}fox${SNIPPET_CLOSE}"}`,
    );
  });

  it('limits hits to one session, in timeline order', () => {
    const hits = workspace.searchEvents('fox', { sessionId: first, limit: 10 });
    expect(hits.map((h) => [h.sessionId, h.seq])).toEqual([[first, 0]]);
  });

  it('pages with limit and offset', () => {
    expect(workspace.searchEvents('fox', { limit: 1 }).map((h) => h.sessionId)).toEqual([second]);
    expect(workspace.searchEvents('fox', { limit: 1, offset: 1 }).map((h) => h.sessionId)).toEqual([
      first,
    ]);
  });

  it('treats plain text literally, so dashes and colons do not fail', () => {
    expect(plainTextQuery('foo-bar  a:b "x"')).toBe('"foo-bar" "a:b" """x"""');
    for (const query of ['foo-bar', 'a:b', 'shipped AND', '(order', 'NOT']) {
      const hits = workspace.searchEvents(query, {
        limit: 10,
        highlight: { open: '[', close: ']' },
      });
      expect(hits.length, query).toBeLessThanOrEqual(1);
    }
    const [hit] = workspace.searchEvents('foo-bar', {
      limit: 10,
      highlight: { open: '[', close: ']' },
    });
    expect(hit?.snippet).toBe('order [foo-bar] shipped, code a:b');
    expect(workspace.searchEvents('   ', { limit: 10 })).toEqual([]);
  });

  it('accepts FTS5 syntax when asked', () => {
    const raw = { limit: 10, plainText: false };
    expect(workspace.searchEvents('quick NOT brown', raw).map((h) => h.sessionId)).toEqual([
      second,
    ]);
    expect(workspace.searchEvents('shipp*', raw)).toHaveLength(1);
    expect(workspace.searchEvents('"quick brown"', raw)).toHaveLength(1);
  });

  it('explains FTS5 syntax errors instead of failing with a stack trace', () => {
    const raw = { limit: 10, plainText: false };
    const errorOf = (query: string): SearchQueryError => {
      try {
        workspace.searchEvents(query, raw);
      } catch (error) {
        expect(error).toBeInstanceOf(SearchQueryError);
        return error as SearchQueryError;
      }
      throw new Error(`expected "${query}" to fail`);
    };
    expect(errorOf('AND fox').message).toMatch(/^Search syntax error near "AND": /);
    expect(errorOf('fox AND').message).toMatch(/^Search syntax error at the end of the query/);
    expect(errorOf('foo-bar').message).toMatch(/^Search syntax error near "bar": .*double quotes/);
    expect(errorOf('AND fox').query).toBe('AND fox');
  });

  it('does not index comments or other records', () => {
    expect(workspace.searchEvents('comment', { limit: 10 })).toEqual([]);
  });

  it('forgets a deleted session', () => {
    expect(workspace.deleteSession(first)).toBe(true);
    expect(workspace.searchEvents('fox', { limit: 10 }).map((h) => h.sessionId)).toEqual([second]);
    expect(workspace.searchEvents('shipped', { limit: 10 })).toEqual([]);
    expect(workspace.getSession(first)).toBeNull();
    expect(workspace.readTimeline(first, { limit: 10 })).toEqual([]);
    expect(workspace.readChunkPage(first, { limit: 10 })).toEqual([]);
    // The index still agrees with its content table.
    expect(() =>
      workspace.statement("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
  });
});
