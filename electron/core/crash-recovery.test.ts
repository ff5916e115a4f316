import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
        // Paced in real time and far longer than the test: the kill is always mid-stream.
        `${fixture.url}/stream?rate=10000&duration=300`,
        '--summary',
        '--db',
        db,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Wait until the capture has committed a few batches (however long a busy machine takes),
    // then kill it outright, mid-stream.
    const committed = await committedEvents(db, 5_000, child, () => stderr);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const { workspace, notices } = openWorkspaceForApp(db);
    try {
      expect(notices.map((n) => n.message).join(' ')).toMatch(/1 session was interrupted/);
      const [session] = workspace.listSessions({ limit: 10 });
      expect(session?.outcome).toBe('interrupted');
      // What was committed before the kill is still there; only the unwritten batch is lost.
      expect(session?.events).toBeGreaterThanOrEqual(committed);
      const events = workspace.readTimeline(session!.id, { kinds: ['event'], limit: 10_000 });
      // Everything committed is contiguous: ids 0, 1, 2… with none missing in between.
      events.forEach((entry, i) => {
        expect(entry.record.kind === 'event' && entry.record.lastEventId).toBe(String(i));
      });
    } finally {
      workspace.close();
    }
  });
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

/**
 * Polls the workspace file read-only (as another process would) until the capture's session
 * has at least `atLeast` events committed; returns the count seen. Fails if the capture exits.
 */
async function committedEvents(
  path: string,
  atLeast: number,
  child: ChildProcess,
  stderr: () => string,
): Promise<number> {
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
  let seen = 0;
  await vi.waitFor(
    () => {
      if (child.exitCode !== null)
        throw new Error(`the capture exited with ${child.exitCode}: ${stderr()}`);
      if (!existsSync(path)) throw new Error('no workspace yet');
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        const row = db.prepare('SELECT max(events) AS events FROM sessions').get();
        seen = Number(row?.['events'] ?? 0);
      } finally {
        db.close();
      }
      expect(seen).toBeGreaterThanOrEqual(atLeast);
    },
    { timeout: 50_000, interval: 50 },
  );
  return seen;
}

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
