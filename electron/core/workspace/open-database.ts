import { DatabaseSync } from 'node:sqlite';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { latestSchemaVersion, migrations } from './migrations.ts';
import { WorkspaceError, toWorkspaceError } from './workspace-error.ts';

/**
 * Opens (creating folders and file as needed) and migrates a workspace database. Throws
 * WorkspaceError: 'corrupt' (not a database, or not ours), 'too-new' (the file is left untouched),
 * 'locked', 'io'.
 */
export function openDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  const inMemory = path === ':memory:';
  let db: DatabaseSync;
  try {
    if (!inMemory) {
      mkdirSync(dirname(resolve(path)), { recursive: true });
      // Checked before SQLite sees the file: on a file that is not a database it may delete a
      // -wal beside it, and the user should get back exactly what they had.
      if (!looksLikeSqlite(path)) throw corruptError(path);
    }
    db = new DatabaseSync(path, {
      timeout: busyTimeoutMs,
      enableForeignKeyConstraints: true,
    });
  } catch (error) {
    throw (
      toWorkspaceError(error, path) ??
      new WorkspaceError(
        'io',
        path,
        `The workspace file ${path} could not be opened: ${String(error)}`,
        {
          cause: error,
        },
      )
    );
  }
  try {
    // Read the version before anything writes: a newer or foreign file must stay as it is.
    const version = userVersion(db);
    if (version > latestSchemaVersion) {
      throw new WorkspaceError(
        'too-new',
        path,
        `The workspace file ${path} was written by a newer version of SSE Inspector (schema ` +
          `${version}; this version understands up to ${latestSchemaVersion}). Update SSE ` +
          'Inspector to open it; the file was left unchanged.',
      );
    }
    if (version === 0 && tableCount(db) > 0) throw corruptError(path);
    // A new file gets 16 KiB pages (SQLite's default is 4 KiB): recording appends rows, and a
    // quarter of the pages means a quarter of the page writes, WAL frames and checkpoint copies
    // (-16% CPU writing events). It only takes before the first table (and WAL) exist; files
    // created with 4 KiB pages keep them.
    if (version === 0) db.exec('PRAGMA page_size = 16384');
    if (!inMemory) db.exec('PRAGMA journal_mode = WAL');
    // NORMAL in WAL mode: a process crash loses nothing committed; a power loss may roll back
    // the last commits but never corrupts. An 8 MiB page cache (default 2 MB) keeps the pages a
    // batch touches again (index and FTS5 tails, b-tree interiors) out of read() calls.
    db.exec(`PRAGMA synchronous = NORMAL;
        PRAGMA temp_store = MEMORY;
        PRAGMA cache_size = -8192;
        PRAGMA journal_size_limit = 67108864;`);
    // A migration may have rewritten old rows (secrets replaced by markers): copy the new pages
    // over the old ones in the file now rather than at some later checkpoint.
    if (migrate(db, path) && !inMemory) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return db;
  } catch (error) {
    db.close();
    throw toWorkspaceError(error, path) ?? error;
  }
}

/**
 * Renames a damaged workspace (and its -wal/-shm/-journal companions) to
 * `<name>.corrupt-<timestamp>` so a fresh one can be created at `path`; returns the new path.
 */
export function moveAside(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(target); n++) target = `${path}.corrupt-${stamp}-${n}`;
  try {
    renameSync(path, target);
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
    }
  } catch (error) {
    throw new WorkspaceError(
      'io',
      path,
      `The workspace file ${path} could not be renamed: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return target;
}

function corruptError(path: string): WorkspaceError {
  return new WorkspaceError(
    'corrupt',
    path,
    `The workspace file ${path} is damaged or is not an SSE Inspector workspace. ` +
      'You can start a fresh workspace; the old file will be kept beside it.',
  );
}

const sqliteHeader = 'SQLite format 3\0';

/** A missing or empty file (SQLite makes it a new database) or one with SQLite's magic header. */
function looksLikeSqlite(path: string): boolean {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return true;
  }
  if (size === 0) return true;
  const header = Buffer.alloc(sqliteHeader.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') === sqliteHeader;
}

function userVersion(db: DatabaseSync): number {
  return db.prepare('PRAGMA user_version').get()?.user_version as number;
}

function tableCount(db: DatabaseSync): number {
  return db.prepare('SELECT count(*) AS n FROM sqlite_master').get()?.n as number;
}

/**
 * Applies the missing migrations, each in its own transaction with its version bump; true when
 * one ran.
 */
function migrate(db: DatabaseSync, path: string): boolean {
  let migrated = false;
  // Up to date (the usual case): take no write lock, so opening never waits on a busy writer.
  while (userVersion(db) < latestSchemaVersion) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Re-read under the write lock: another process may have migrated meanwhile.
      const version = userVersion(db);
      const migration = migrations[version];
      if (version >= latestSchemaVersion || migration === undefined) {
        db.exec('COMMIT');
        return migrated;
      }
      migration(db);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
      migrated = true;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw toWorkspaceError(error, path) ?? error;
    }
  }
  return migrated;
}
