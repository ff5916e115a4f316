import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../tests/fixtures/sse-fixture-server.ts';
import { parseRequestSpec } from '../../shared/capture/request-spec.ts';
import { InspectorError } from '../../shared/errors.ts';
import type { ExportProgress } from '../../shared/ipc/api.ts';
import { InspectorCore } from './inspector-core.ts';

let fixture: FixtureServer;
let core: InspectorCore;

beforeAll(async () => {
  fixture = await startFixtureServer();
  core = new InspectorCore({ host: 'web', version: 'test', workspacePath: ':memory:' });
});

afterAll(async () => {
  await core.close();
  await fixture.close();
});

/** Waits (however long the machine takes; the limit only bounds a hang) for `count` events. */
async function allEvents(id: number, count: number): Promise<void> {
  await vi.waitFor(() => expect(core.sessions.openSession(id).events).toBe(count), {
    timeout: 30_000,
    interval: 20,
  });
}

async function capturedSession(): Promise<number> {
  const status = core.connect(
    parseRequestSpec({ url: `${fixture.url}/drip?count=5&interval=0&hold=1` }),
  );
  await allEvents(status.id, 5);
  core.disconnect(status.id);
  return status.id;
}

describe('sessions service', () => {
  it('exports to a download with progress ending at done = total', async () => {
    const id = await capturedSession();
    const published: string[] = [];
    core.sessions.setExportHost({
      publishDownload: (path) => {
        published.push(path);
        return '/downloads/x';
      },
    });
    const progress: ExportProgress[] = [];
    core
      .attachClient((name, payload) => {
        if (name === 'exportProgress') progress.push(payload as ExportProgress);
      })
      .rendererReady();
    const outcome = await core.sessions.exportSession(id, 'ndjson');
    expect(outcome).toMatchObject({ status: 'download', url: '/downloads/x' });
    expect(
      readFileSync(published[0] as string, 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(5);
    const last = progress.at(-1);
    expect(last?.sessionId).toBe(id);
    expect(last?.done).toBe(last?.total);
  });

  it('opens a removed connection as a read-only recorded session', async () => {
    const id = await capturedSession();
    core.removeConnection(id);
    const status = core.sessions.openSession(id);
    expect(status.historical).toBe(true);
    expect(status.events).toBe(5);
    expect(core.readTimeline(id, null, 100).filter((e) => e.record.kind === 'event')).toHaveLength(
      5,
    );
  });

  it('records a capture of its own mock endpoint as a replay capture', async () => {
    const id = await capturedSession();
    const replay = await core.sessions.startReplay(id, 0, false, null);
    try {
      const status = core.connect(parseRequestSpec({ url: replay.url }));
      await allEvents(status.id, 5);
      core.disconnect(status.id);
      const listed = core.sessions.listSessions('', 50);
      expect(listed.find((s) => s.id === status.id)?.origin).toBe('replay-capture');
      expect(listed.find((s) => s.id === id)?.origin).toBe('live');
    } finally {
      await core.sessions.stopReplay(replay.replayId);
    }
  });

  it('says why an export could not be written where the user chose', async () => {
    const id = await capturedSession();
    const path = join(tmpdir(), `sse-missing-folder-${process.pid}`, 'out.ndjson');
    core.sessions.setExportHost({ chooseExportPath: () => Promise.resolve(path) });
    const error = await core.sessions.exportSession(id, 'ndjson').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InspectorError);
    expect(error).toMatchObject({
      code: 'io',
      message: expect.stringContaining(`Could not write ${path}: ENOENT`),
    });
  });

  it('says so when the session does not exist', () => {
    expect(() => core.sessions.openSession(9999)).toThrow(/no session 9999/);
  });
});
