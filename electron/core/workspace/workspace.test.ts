import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from './workspace.ts';
import { WorkspaceError } from './workspace-error.ts';
import { latestSchemaVersion } from './migrations.ts';
import { event, sessionStart, tempDir } from './test-fixtures.ts';

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDir()));
afterEach(() => remove());

function openError(path: string, options?: { busyTimeoutMs?: number }): WorkspaceError {
  try {
    Workspace.open(path, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceError);
    return error as WorkspaceError;
  }
  throw new Error('expected Workspace.open to fail');
}

describe('Workspace.open', () => {
  it('creates missing folders and a WAL database with 16 KiB pages at the latest schema version', () => {
    const path = join(dir, 'nested', 'folder', 'workspace.db');
    const workspace = Workspace.open(path);
    workspace.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA user_version').get()?.user_version).toBe(latestSchemaVersion);
    expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    expect(db.prepare('PRAGMA page_size').get()?.page_size).toBe(16384);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'attempts',
        'chunks',
        'entries',
        'events_fts',
        'saved_requests',
        'sessions',
      ]),
    );
    db.close();
  });

  it('reopens an existing workspace without migrating it again', () => {
    const path = join(dir, 'workspace.db');
    const first = Workspace.open(path);
    const id = first.saveRequest('kept', sessionStart().spec);
    first.close();
    const second = Workspace.open(path);
    expect(second.getSavedRequest(id)?.name).toBe('kept');
    second.close();
  });

  it('refuses a workspace written by a newer version and leaves it untouched', () => {
    const path = join(dir, 'future.db');
    const db = new DatabaseSync(path);
    db.exec(`CREATE TABLE future (x); PRAGMA user_version = ${latestSchemaVersion + 7};`);
    db.close();
    const before = readFileSync(path);
    const error = openError(path);
    expect(error.code).toBe('too-new');
    expect(error.message).toContain('newer version of SSE Inspector');
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('reports a file that is not a database as corrupt, naming the path', () => {
    const path = join(dir, 'workspace.db');
    writeFileSync(
      path,
      'this is not a database, it is a grocery list: eggs, milk, bread.'.repeat(40),
    );
    const error = openError(path);
    expect(error.code).toBe('corrupt');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
  });

  it('reports a SQLite file of another program as corrupt instead of adding tables to it', () => {
    const path = join(dir, 'other.db');
    const db = new DatabaseSync(path);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    expect(openError(path).code).toBe('corrupt');
  });

  it('moves a corrupt file aside (keeping it) so a fresh workspace can be created', () => {
    const path = join(dir, 'workspace.db');
    const garbage = 'garbage '.repeat(200);
    writeFileSync(path, garbage);
    writeFileSync(`${path}-wal`, 'wal bytes');
    expect(openError(path).code).toBe('corrupt');
    const moved = Workspace.moveAside(path);
    expect(moved).toMatch(/workspace\.db\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(readFileSync(moved, 'utf8')).toBe(garbage);
    expect(readFileSync(`${moved}-wal`, 'utf8')).toBe('wal bytes');
    expect(existsSync(path)).toBe(false);
    const fresh = Workspace.open(path);
    expect(fresh.listSessions({ limit: 10 })).toEqual([]);
    fresh.close();
  });

  it('reports a database locked by another connection as locked', () => {
    const path = join(dir, 'workspace.db');
    const other = new DatabaseSync(path);
    other.exec('BEGIN EXCLUSIVE; CREATE TABLE held (x);');
    try {
      const error = openError(path, { busyTimeoutMs: 20 });
      expect(error.code).toBe('locked');
      expect(error.message).toContain('locked');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('fails with a typed error when used after close', () => {
    const workspace = Workspace.open(':memory:');
    workspace.close();
    expect(() => workspace.listSessions({ limit: 1 })).toThrow(WorkspaceError);
  });
});

describe('startup recovery', () => {
  it('marks sessions left unfinished by a previous run as interrupted at their last record', () => {
    const path = join(dir, 'workspace.db');
    const crashed = Workspace.open(path);
    const recorder = crashed.createRecorder();
    const unfinished = recorder.createSession(sessionStart());
    const finished = recorder.createSession(sessionStart());
    recorder.append(unfinished, event(0, 'a', { t: 100 }));
    recorder.append(unfinished, event(1, 'b', { t: 250 }));
    recorder.finishSession(finished, 1_700_000_000_050, 'closed');
    // The process "dies" after its last write: the workspace is dropped without finishing.
    crashed.close();

    const next = Workspace.open(path);
    expect(next.markInterruptedSessions()).toBe(1);
    const session = next.getSession(unfinished);
    expect(session?.outcome).toBe('interrupted');
    expect(session?.endedAt).toBe(1_700_000_000_000 + 250);
    expect(session?.durationMs).toBe(250);
    expect(next.getSession(finished)?.outcome).toBe('closed');
    expect(next.markInterruptedSessions()).toBe(0);
    next.close();
  });

  it('spares sessions another workspace of this process is still recording', () => {
    const path = join(dir, 'workspace.db');
    const app = Workspace.open(path);
    const recorder = app.createRecorder();
    const live = recorder.createSession(sessionStart());
    recorder.append(live, event(0, 'a'));
    recorder.flush();
    const cli = Workspace.open(path);
    expect(cli.markInterruptedSessions()).toBe(0);
    expect(cli.getSession(live)?.outcome).toBeNull();
    cli.close();
    app.close();
  });

  it('spares sessions whose recording process is still running', () => {
    const path = join(dir, 'workspace.db');
    const workspace = Workspace.open(path);
    const recorder = workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    recorder.close();
    const db = new DatabaseSync(path);
    // The parent process (the test runner) is alive; pid 2^22 + 1 is almost surely not.
    db.prepare('UPDATE sessions SET writer_pid = ? WHERE id = ?').run(process.ppid, id);
    expect(workspace.markInterruptedSessions()).toBe(0);
    db.prepare('UPDATE sessions SET writer_pid = ? WHERE id = ?').run(4_194_305, id);
    db.close();
    expect(workspace.markInterruptedSessions()).toBe(1);
    workspace.close();
  });
});
