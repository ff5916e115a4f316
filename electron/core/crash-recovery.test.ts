import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../tests/fixtures/sse-fixture-server.ts';
import { Workspace } from './workspace/index.ts';
import { openWorkspaceForApp } from './workspace-startup.ts';

let fixture: FixtureServer;
let dir: string;

beforeAll(async () => {
  fixture = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'sse-crash-'));
});

afterAll(async () => {
  await fixture.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a capture killed mid-stream', () => {
  it('is in history after a restart, marked interrupted, with its events up to the last batch', async () => {
    const db = join(dir, 'killed.db');
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        'electron/core/cli/main.ts',
        'capture',
        `${fixture.url}/stream?rate=10000&duration=30`,
        '--summary',
        '--db',
        db,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Wait until events are flowing, then let it run a little longer and kill it outright.
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"kind":"response"')) resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    await once(child, 'exit');

    const { workspace, notices } = openWorkspaceForApp(db);
    try {
      expect(notices.map((n) => n.message).join(' ')).toMatch(/1 session was interrupted/);
      const [session] = workspace.listSessions({ limit: 10 });
      expect(session?.outcome).toBe('interrupted');
      // 1.5 s at 10,000 events/s; the last ≤ 100 ms batch may be lost.
      expect(session?.events).toBeGreaterThan(5_000);
      const events = workspace.readTimeline(session!.id, { kinds: ['event'], limit: 10_000 });
      // Everything committed is contiguous: ids 0, 1, 2… with none missing in between.
      events.forEach((entry, i) => {
        expect(entry.record.kind === 'event' && entry.record.lastEventId).toBe(String(i));
      });
    } finally {
      workspace.close();
    }
  }, 30_000);
});

describe('opening the app workspace', () => {
  it('keeps a corrupt file aside and starts a fresh workspace, saying so', () => {
    const db = join(dir, 'corrupt.db');
    writeFileSync(db, 'this is not a database, but it might be the only copy of something');
    const { workspace, notices } = openWorkspaceForApp(db);
    try {
      expect(notices[0]?.level).toBe('error');
      expect(notices[0]?.message).toMatch(/could not be read.*kept as .*corrupt/);
      expect(workspace.listSessions({ limit: 1 })).toEqual([]);
    } finally {
      workspace.close();
    }
  });

  it('leaves a workspace from a newer version untouched and records in memory', () => {
    const db = join(dir, 'newer.db');
    const first = Workspace.open(db);
    first.close();
    // Pretend a future version wrote it.
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const raw = new DatabaseSync(db);
    raw.exec('PRAGMA user_version = 999');
    raw.close();
    const { workspace, notices } = openWorkspaceForApp(db);
    try {
      expect(workspace.path).toBe(':memory:');
      expect(notices[0]?.message).toMatch(/kept in memory only/);
    } finally {
      workspace.close();
    }
  });
});
