import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import { Workspace } from './workspace.ts';
import { chunk, event, sessionStart } from './test-fixtures.ts';

let workspace: Workspace;
beforeEach(() => (workspace = Workspace.open(':memory:')));
afterEach(() => workspace.close());

describe('session history', () => {
  it('lists sessions newest first, with paging and a name/URL filter', () => {
    const recorder = workspace.createRecorder();
    const ids = ['https://a.example/one', 'https://b.example/two_100%', 'https://c.example/'].map(
      (url, i) => recorder.createSession({ ...sessionStart(url), startedAt: 1000 + i }),
    );
    expect(workspace.listSessions({ limit: 10 }).map((s) => s.id)).toEqual([...ids].reverse());
    expect(workspace.listSessions({ limit: 1, offset: 1 }).map((s) => s.id)).toEqual([ids[1]]);
    expect(workspace.listSessions({ limit: 10, query: 'B.EXAMPLE' }).map((s) => s.id)).toEqual([
      ids[1],
    ]);
    expect(workspace.listSessions({ limit: 10, query: '_100%' }).map((s) => s.id)).toEqual([
      ids[1],
    ]);
    expect(workspace.listSessions({ limit: 10, query: '%' }).map((s) => s.id)).toEqual([ids[1]]);
    expect(workspace.listSessions({ limit: 10 })[0]?.name).toBe('GET c.example');
    expect(workspace.listSessions({ limit: 10 })[2]?.name).toBe('GET a.example/one');
  });

  it('renames and deletes sessions with all their rows', () => {
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    const kept = recorder.createSession(sessionStart());
    recorder.append(id, chunk(1, 0, 0, 'data: x\n\n'));
    recorder.append(id, event(0, 'x'));
    recorder.append(kept, event(0, 'y'));
    recorder.finishSession(id, 1_700_000_000_100, 'completed');
    expect(workspace.renameSession(id, 'Renamed')).toBe(true);
    expect(workspace.getSession(id)?.name).toBe('Renamed');
    expect(workspace.deleteSession(id)).toBe(true);
    expect(workspace.deleteSession(id)).toBe(false);
    const count = (table: string): number =>
      workspace.statement(`SELECT count(*) AS n FROM ${table}`).get()?.n as number;
    expect([count('entries'), count('chunks'), count('sessions')]).toEqual([1, 0, 1]);
    expect(workspace.countTimeline(kept)).toBe(1);
  });

  it('drops buffered records of a session deleted while recording', () => {
    const recorder = workspace.createRecorder({ maxBatchDelayMs: 60_000 });
    const id = recorder.createSession(sessionStart());
    const kept = recorder.createSession(sessionStart());
    recorder.append(id, event(0, 'gone'));
    recorder.append(kept, event(0, 'stays'));
    workspace.deleteSession(id);
    recorder.flush();
    expect(workspace.listSessions({ limit: 10 }).map((s) => s.id)).toEqual([kept]);
    expect(workspace.countTimeline(id)).toBe(0);
    expect(workspace.countTimeline(kept)).toBe(1);
  });
});

describe('saved requests', () => {
  const spec = parseRequestSpec({
    url: 'https://api.example.com/v1/chat',
    method: 'POST',
    body: '{"stream":true}',
  });

  it('saves, lists, reads, renames, updates and deletes', () => {
    const b = workspace.saveRequest('beta', spec);
    const a = workspace.saveRequest('Alpha', parseRequestSpec({ url: 'https://x.example/' }));
    expect(workspace.listSavedRequests().map((r) => [r.id, r.name])).toEqual([
      [a, 'Alpha'],
      [b, 'beta'],
    ]);
    const saved = workspace.getSavedRequest(b);
    expect(saved).toMatchObject({ name: 'beta', method: 'POST', url: spec.url, spec });
    expect(workspace.renameSavedRequest(b, 'Chat')).toBe(true);
    expect(workspace.getSavedRequest(b)?.name).toBe('Chat');
    const changed = { ...spec, url: 'https://api.example.com/v2/chat' };
    expect(workspace.updateSavedRequest(b, changed)).toBe(true);
    expect(workspace.getSavedRequest(b)?.spec.url).toBe(changed.url);
    expect(workspace.deleteSavedRequest(b)).toBe(true);
    expect(workspace.getSavedRequest(b)).toBeNull();
    expect(workspace.deleteSavedRequest(b)).toBe(false);
    expect(workspace.renameSavedRequest(b, 'x')).toBe(false);
  });

  it('rejects an invalid spec', () => {
    expect(() => workspace.saveRequest('bad', { ...spec, url: 'ftp://example.com/' })).toThrow(
      /http and https/,
    );
  });
});
