import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, sessionStart, tempDir } from '../workspace/test-fixtures.ts';
import { Workspace } from '../workspace/workspace.ts';
import { jsonLines, runWithIo } from './cli-test-kit.ts';
import { runSearchCommand } from './search-command.ts';

let temp: ReturnType<typeof tempDir>;
let db: string;
let first: number;
let second: number;

beforeAll(() => {
  temp = tempDir();
  db = join(temp.dir, 'workspace.db');
  const workspace = Workspace.open(db);
  const recorder = workspace.createRecorder();
  first = recorder.createSession(sessionStart());
  second = recorder.createSession(sessionStart());
  const long = `{"delta":"The quick brown fox", "padding":"${'z '.repeat(200)}"}`;
  recorder.append(first, event(0, long, { type: 'delta', lastEventId: '1' }));
  recorder.append(first, { kind: 'comment', attempt: 1, t: 1, text: 'fox comment', offset: 0 });
  recorder.append(first, event(1, 'order foo-bar shipped', { lastEventId: '2' }));
  recorder.append(second, event(0, 'another quick fox', { attempt: 2 }));
  for (let i = 1; i <= 120; i++) recorder.append(second, event(i, `tick ${i}`));
  recorder.close();
  workspace.close();
});
afterAll(() => temp.remove());

type Hit = Record<string, unknown>;

async function search(args: string[]): Promise<{ code: number; hits: Hit[]; stderr: string }> {
  const { code, stdout, stderr } = await runWithIo(runSearchCommand, args);
  return { code, hits: jsonLines<Hit>(stdout), stderr };
}

describe('cli search', () => {
  it('prints one JSON object per hit with the full event data, newest session first', async () => {
    const { code, hits, stderr } = await search(['quick fox', '--db', db]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(hits.map((h) => [h.session, h.seq])).toEqual([
      [second, 0],
      [first, 0],
    ]);
    expect(hits[0]).toEqual({
      session: second,
      seq: 0,
      index: 0,
      attempt: 2,
      t: 0.5,
      type: 'message',
      id: '',
      data: 'another quick fox',
      snippet: 'another «quick» «fox»',
    });
    // The snippet is an excerpt; data is the whole event.
    expect(hits[1]).toMatchObject({ type: 'delta', id: '1', index: 0 });
    expect((hits[1]!.data as string).length).toBeGreaterThan(400);
    expect((hits[1]!.snippet as string).length).toBeLessThan(200);
  });

  it('searches one session with --session, in timeline order, up to --limit hits', async () => {
    const { hits } = await search(['tick', '--db', db, '--session', String(second)]);
    expect(hits).toHaveLength(50);
    expect(hits[0]).toMatchObject({ session: second, index: 1, data: 'tick 1' });
    const limited = await search(['tick', '--db', db, '--session', String(second), '--limit', '3']);
    expect(limited.hits.map((h) => h.data)).toEqual(['tick 1', 'tick 2', 'tick 3']);
    const all = await search(['tick', '--db', db, '--limit', '1000']);
    expect(all.hits).toHaveLength(120);
  });

  it('reads words literally by default and FTS5 syntax with --fts', async () => {
    expect((await search(['foo-bar', '--db', db])).hits.map((h) => h.data)).toEqual([
      'order foo-bar shipped',
    ]);
    expect((await search(['NOT', '--db', db])).code).toBe(0);
    const raw = await search(['quick NOT brown', '--fts', '--db', db]);
    expect(raw.hits.map((h) => h.session)).toEqual([second]);
    expect((await search(['shipp*', '--fts', '--db', db])).hits).toHaveLength(1);
  });

  it('prints nothing and exits 0 when nothing matches', async () => {
    expect(await search(['zebra', '--db', db])).toEqual({ code: 0, hits: [], stderr: '' });
  });

  it.each([
    [['(quick', '--fts'], /syntax error/i],
    [['quick AND', '--fts'], /syntax error/i],
  ])('exits 2 with one line on stderr for the FTS query %j', async (args, message) => {
    const { code, hits, stderr } = await search([...args, '--db', db]);
    expect(code).toBe(2);
    expect(hits).toEqual([]);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a missing workspace file without creating one', async () => {
    const missing = join(temp.dir, 'nope', 'missing.db');
    const { code, stderr } = await search(['fox', '--db', missing]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no workspace at .*missing\.db/);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(temp.dir, 'nope'))).toBe(false);
  });

  it.each([
    [[], /QUERY is required/],
    [['a', 'b'], /unexpected argument "b"/],
    [['  '], /empty/],
    [['fox', '--limit', '0'], /--limit/],
    [['fox', '--session', 'x'], /--session/],
    [['fox', '--bogus'], /unknown option/],
    [['fox', '--session', '999'], /no session 999/],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const { code, hits, stderr } = await search([...args, '--db', db]);
    expect(code).toBe(2);
    expect(hits).toEqual([]);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
