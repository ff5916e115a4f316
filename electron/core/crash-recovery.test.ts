import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  it('leaves a workspace another program holds locked untouched and records in memory', async () => {
    const db = join(dir, 'locked.db');
    Workspace.open(db).close();
    const before = readFileSync(db);
    // Another process takes the file for itself (as a second app instance or tool could).
    const holder = await holdDatabase(db, 'PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
    try {
      const { workspace, notices } = openWorkspaceForApp(db, { busyTimeoutMs: 100 });
      try {
        expect(workspace.path).toBe(':memory:');
        expect(notices).toHaveLength(1);
        expect(notices[0]?.level).toBe('error');
        expect(notices[0]?.message).toMatch(/is locked by another program/);
        expect(notices[0]?.message).toMatch(/kept in memory only/);
        // The in-memory workspace records as usual.
        expect(workspace.listSessions({ limit: 1 })).toEqual([]);
      } finally {
        workspace.close();
      }
    } finally {
      await release(holder);
    }
    expect(readFileSync(db).equals(before)).toBe(true);
    const reopened = openWorkspaceForApp(db);
    expect(reopened.workspace.path).toBe(db);
    expect(reopened.notices).toEqual([]);
    reopened.workspace.close();
  });

  it('falls back to memory when a write lock is held past the busy timeout at startup', async () => {
    const db = join(dir, 'busy.db');
    Workspace.open(db).close();
    // A session left unfinished by a process that is gone: startup must write to mark it.
    const holder = await holdDatabase(
      db,
      `INSERT INTO sessions (name, origin, method, url, spec, started_at, writer_pid)
         VALUES ('left over', 'live', 'GET', 'http://127.0.0.1/', '{}', 0, 2147483646);
       BEGIN IMMEDIATE;`,
    );
    try {
      const { workspace, notices } = openWorkspaceForApp(db, { busyTimeoutMs: 100 });
      try {
        expect(workspace.path).toBe(':memory:');
        expect(notices.map((notice) => notice.message).join('\n')).toMatch(
          /locked by another program[^]*kept in memory only/,
        );
      } finally {
        workspace.close();
      }
    } finally {
      await release(holder);
    }
    // Once the lock is gone the next start marks the session, losing nothing.
    const { workspace, notices } = openWorkspaceForApp(db);
    try {
      expect(notices[0]?.message).toMatch(/1 session was interrupted/);
      expect(workspace.listSessions({ limit: 5 }).map((session) => session.outcome)).toEqual([
        'interrupted',
      ]);
    } finally {
      workspace.close();
    }
  });
});

/** A child process that runs `sql` on `path` and holds whatever locks it took until released. */
async function holdDatabase(path: string, sql: string): Promise<ChildProcess> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec(process.argv[2]);
    process.stdout.write('held\\n');
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
  `;
  const child = spawn(process.execPath, ['-e', script, path, sql], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('held\n');
  return child;
}

async function release(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.stdin!.end();
  await exited;
}
