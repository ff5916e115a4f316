import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { tempDir } from '../workspace/test-fixtures.ts';
import { Workspace } from '../workspace/workspace.ts';
import { runCaptureCommand } from './capture-command.ts';
import { jsonLines, runWithIo } from './cli-test-kit.ts';

let server: FixtureServer;
let temp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await startFixtureServer();
  temp = tempDir();
});
afterAll(async () => {
  await server.close();
  temp.remove();
});

describe('cli capture --summary with --max-events (as the memory benchmark runs it)', () => {
  it('prints no event lines, stops at N events and records exactly N', async () => {
    const db = join(temp.dir, 'summary.db');
    const { code, stdout } = await runWithIo(runCaptureCommand, [
      `${server.url}/ticks?count=5000&hold=1`,
      '--summary',
      '--max-events',
      '5000',
      '--db',
      db,
    ]);
    expect(code).toBe(0);
    const lines = jsonLines<Record<string, unknown>>(stdout);
    expect(lines.map((line) => line.kind)).toEqual(['attempt', 'response', 'closed', 'end']);
    expect(lines.at(-2)).toMatchObject({ reason: 'user-closed', events: 5000 });
    expect(lines.at(-1)).toMatchObject({ events: 5000, recordedEvents: 5000, outcome: 'closed' });
    const workspace = Workspace.open(db);
    try {
      const session = lines.at(-1)!.session as number;
      expect(workspace.getSession(session)).toMatchObject({ events: 5000, outcome: 'closed' });
      expect(workspace.getEvent(session, 4999)?.record).toMatchObject({
        type: 'tick',
        lastEventId: '4999',
        data: '{"i":4999}',
      });
    } finally {
      workspace.close();
    }
  });
});
