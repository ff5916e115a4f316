import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../../shared/secrets/index.ts';
import { migrations } from './migrations.ts';
import { Workspace } from './workspace.ts';
import { tempDir } from './test-fixtures.ts';

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDir()));
afterEach(() => remove());

const secrets = ['sk-old-authorization', 'old-query-key', 'old-cookie-value', 'old-sealed-or-not'];

/** A workspace as the first schema version stored it: secrets in plain text everywhere. */
function writeVersionOneWorkspace(path: string): void {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  migrations[0]!(db);
  db.exec('PRAGMA user_version = 1');
  const url = `https://api.example/stream?key=${secrets[1]}`;
  const spec = {
    // Long enough to need overflow pages, and first, so that the secrets after it are stored in
    // them: rewritten rows move, and the old pages must not keep the secret (secure_delete).
    body: 'x'.repeat(20_000),
    url,
    method: 'GET',
    headers: [
      ['Authorization', `Bearer ${secrets[0]}`],
      ['Accept', 'text/event-stream'],
    ],
    proxy: { mode: 'env', url: null },
  };
  db.prepare(
    `INSERT INTO sessions (name, origin, method, url, spec, started_at, ended_at, outcome)
     VALUES ('old', 'live', 'GET', ?, ?, 0, 10, 'closed')`,
  ).run(url, JSON.stringify(spec));
  db.prepare(
    `INSERT INTO attempts (session_id, n, request, response_headers, final_url, error_message)
     VALUES (1, 1, ?, ?, ?, ?)`,
  ).run(
    JSON.stringify({ method: 'GET', url, headers: spec.headers, bodyBytes: 0 }),
    JSON.stringify([['Set-Cookie', `sid=${secrets[2]}`]]),
    url,
    `failed to reach ${url}`,
  );
  db.prepare(
    `INSERT INTO entries (id, kind, attempt, t, ord, detail) VALUES (?, 'redirect', 1, 1, 0, ?)`,
  ).run(2 ** 32, JSON.stringify({ status: 302, from: url, to: url, headers: [['Location', url]] }));
  const savedSpec = {
    ...spec,
    headers: [['X-API-Key', `sse-inspector-sealed:v1:${secrets[3]}`]],
  };
  db.prepare(
    `INSERT INTO saved_requests (name, method, url, spec, created_at, updated_at)
     VALUES ('saved', 'GET', ?, ?, 0, 0)`,
  ).run(url, JSON.stringify(savedSpec));
  db.close();
}

function fileBytes(path: string): string {
  return ['', '-wal', '-shm']
    .filter((suffix) => existsSync(path + suffix))
    .map((suffix) => readFileSync(path + suffix).toString('latin1'))
    .join('\n');
}

describe('opening a workspace an older version wrote', () => {
  it('replaces the secrets it stored with markers, leaving no copy in the file', () => {
    const path = join(dir, 'old.db');
    writeVersionOneWorkspace(path);
    expect(fileBytes(path)).toContain(secrets[0]);

    const workspace = Workspace.open(path);
    try {
      const session = workspace.getSession(1)!;
      expect(session.spec.headers[0]).toEqual(['Authorization', `Bearer ${REDACTED}`]);
      expect(session.url).toBe(`https://api.example/stream?key=${REDACTED}`);
      expect(session.attemptDetails[0]!.responseHeaders).toEqual([
        ['Set-Cookie', `sid=${REDACTED}`],
      ]);
      const [redirect] = workspace.readTimeline(1, { limit: 10 });
      expect(JSON.stringify(redirect)).not.toContain(secrets[1]);
      expect(workspace.getSavedRequest(1)).toMatchObject({ sealedSecrets: null });
      expect(workspace.getSavedRequest(1)!.spec.headers).toEqual([['X-API-Key', REDACTED]]);
      for (const secret of secrets) expect(fileBytes(path)).not.toContain(secret);
    } finally {
      workspace.close();
    }
    for (const secret of secrets) expect(fileBytes(path)).not.toContain(secret);
  });

  it('opens it even when old rows have shapes this version does not know', () => {
    const path = join(dir, 'odd.db');
    const db = new DatabaseSync(path);
    migrations[0]!(db);
    db.exec('PRAGMA user_version = 1');
    db.prepare(
      `INSERT INTO sessions (name, origin, method, url, spec, started_at)
       VALUES ('odd', 'live', 'GET', 'http://h.test/?token=odd-1', ?, 0)`,
    ).run('{"headers":[["X-API-Key","odd-2"],"not a pair"],"extra":{"url":"http://u:odd-3@h"}}');
    db.prepare('INSERT INTO attempts (session_id, n, request) VALUES (1, 1, ?)').run(
      'not json: Bearer odd-4',
    );
    db.close();
    const workspace = Workspace.open(path);
    workspace.close();
    for (const secret of ['odd-1', 'odd-2', 'odd-3', 'odd-4']) {
      expect(fileBytes(path)).not.toContain(secret);
    }
  });
});
