import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../tests/fixtures/sse-fixture-server.ts';
import { parseRequestSpec, type RequestSpecInput } from '../../shared/capture/request-spec.ts';
import type { SessionExportFormat } from '../../shared/ipc/api.ts';
import { REDACTED } from '../../shared/secrets/index.ts';
import { InspectorCore } from './inspector-core.ts';
import { testKeyStore } from './secrets/sealing-test-kit.ts';

// The issue's "done when": capture with secrets in every position, follow a redirect to another
// origin, kill the capture mid-stream, save requests, import, export in every format, and then
// look at the raw bytes of the workspace (database, -wal, -shm), of every export and of what the
// CLI printed: no secret value may appear anywhere, in any usual encoding.

const secret = {
  query: 'QUERYSECRET-a1b2c3',
  userInfo: 'USERINFOSECRET-d4e5',
  fragment: 'FRAGMENTSECRET-f6g7',
  authorization: 'AUTHSECRET-h8i9',
  apiKey: 'XAPIKEYSECRET-j0k1',
  cookie: 'COOKIESECRET-l2m3',
  upstream: 'UPSTREAMSECRET-n4o5',
  proxyAuthorization: 'UFJPWFlTRUNSRVQtcDZxNw',
  redirectToken: 'REDIRECTSECRET-r8s9',
  errorToken: 'ERRORSECRET-t0u1',
  proxyPassword: 'PROXYPASSWORD-v2w3',
  imported: 'IMPORTEDSECRET-x4y5',
};
const secretValues = Object.values(secret);

/** A value as it might be written: as is, URL-encoded, and base64 (standard and URL-safe). */
function encodings(value: string): string[] {
  const base64 = Buffer.from(value).toString('base64');
  return [
    value,
    encodeURIComponent(value),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(value).toString('base64url'),
  ];
}

function leaks(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  return secretValues.filter((value) => encodings(value).some((form) => text.includes(form)));
}

function workspaceFiles(db: string): string[] {
  return [db, `${db}-wal`, `${db}-shm`].filter((path) => existsSync(path));
}

function expectNoSecretIn(paths: string[]): void {
  for (const path of paths)
    expect({ path, leaks: leaks(readFileSync(path)) }).toEqual({ path, leaks: [] });
}

let first: FixtureServer;
let other: FixtureServer;
let dir: string;

beforeAll(async () => {
  first = await startFixtureServer();
  other = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'sse-secrets-'));
});

afterAll(async () => {
  await first.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]): { child: ChildProcess; output: () => Buffer } {
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      'electron/core/cli/main.ts',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { child, output: () => Buffer.concat(chunks) };
}

/** Every secret-bearing header a user pastes, as curl-style -H arguments. */
const headerArgs = [
  ['Authorization', `Bearer ${secret.authorization}`],
  ['x-api-key', secret.apiKey],
  ['Cookie', `session=${secret.cookie}`],
  ['X-Upstream-Token', secret.upstream],
  ['Proxy-Authorization', `Basic ${secret.proxyAuthorization}`],
].flatMap(([name, value]) => ['-H', `${name}: ${value}`]);

/** Waits until the killed-to-be capture has committed its request and some events. */
async function untilRecorded(db: string): Promise<void> {
  for (;;) {
    if (existsSync(db)) {
      const reader = new DatabaseSync(db, { readOnly: true });
      try {
        const row = reader.prepare('SELECT events FROM sessions ORDER BY id DESC LIMIT 1').get();
        const attempt = reader.prepare('SELECT status FROM attempts WHERE status = 200').get();
        if (row !== undefined && (row.events as number) > 0 && attempt !== undefined) return;
      } catch {
        // The schema is not there yet.
      } finally {
        reader.close();
      }
    }
    await sleep(20);
  }
}

describe('secrets never reach the workspace file, exports or the CLI output', () => {
  it('after a capture with secrets everywhere is killed, saved, imported and exported', async () => {
    const db = join(dir, 'workspace.db');
    const printed: Buffer[] = [];

    // A failed capture whose error message quotes a URL with credentials.
    const failing = cli([
      'capture',
      `${first.url}/redirect-chain?hops=1&to=${encodeURIComponent(`ftp://user:${secret.errorToken}@files.example/?token=${secret.errorToken}`)}`,
      '--max-attempts',
      '1',
      '--db',
      db,
    ]);
    await once(failing.child, 'exit');
    printed.push(failing.output());
    expect(failing.output().toString()).toContain('non-HTTP URL');

    // The capture to kill: secrets in the user info, query, fragment and headers, redirected to
    // another origin whose Location carries a token of its own.
    const target = `${other.url}/stream?rate=200&duration=600&token=${secret.redirectToken}`;
    const start = new URL(`${first.url}/redirect-chain?hops=1&to=${encodeURIComponent(target)}`);
    const url =
      `http://${secret.userInfo}@${start.host}${start.pathname}${start.search}` +
      `&api_key=${secret.query}#access_token=${secret.fragment}`;
    const capture = cli([
      'capture',
      url,
      ...headerArgs,
      '--proxy',
      'none',
      '--summary',
      '--db',
      db,
    ]);
    await untilRecorded(db);
    capture.child.kill('SIGKILL');
    await once(capture.child, 'exit');
    printed.push(capture.output());

    // The real values went where they belong: the first origin got every header.
    const sent = first.requests().at(-1)!;
    expect(sent.headers).toEqual(expect.arrayContaining([['x-api-key', secret.apiKey]]));
    expect(
      other
        .requests()
        .at(-1)!
        .headers.map(([name]) => name.toLowerCase()),
    ).not.toContain('x-api-key');

    // The file as the killed process left it.
    expect(existsSync(`${db}-wal`)).toBe(true);
    expectNoSecretIn(workspaceFiles(db));

    const spec: RequestSpecInput = {
      url,
      headers: headerArgs
        .filter((_, i) => i % 2 === 1)
        .map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon), line.slice(colon + 2)] as [string, string];
        }),
      proxy: { mode: 'url', url: `http://me:${secret.proxyPassword}@127.0.0.1:9` },
    };
    const exports: string[] = [];
    const formats: SessionExportFormat[] = ['json', 'har', 'ndjson', 'raw'];

    // Without a key store (web host, CLI, Linux basic_text) the secrets are not saved at all.
    const plain = new InspectorCore({ host: 'web', version: 'test', workspacePath: db });
    try {
      expect(plain.sessions.listSessions('', 10).map((session) => session.outcome)).toEqual([
        'interrupted',
        'failed',
      ]);
      plain.sessions.saveRequest('without a key store', parseRequestSpec(spec));
      const [saved] = plain.sessions.listSavedRequests();
      expect(saved?.missingReason).toBe('not-saved');
      expect(saved?.missingSecrets).toEqual([
        'Authorization',
        'x-api-key',
        'Cookie',
        'X-Upstream-Token',
        'Proxy-Authorization',
        'URL user info',
        'to', // the redirect target in the URL carries a token of its own
        'api_key',
        'access_token',
        'proxy user info',
      ]);
      // "Run again" gets markers where the secrets were, never the values.
      const [killed] = plain.sessions.listSessions('', 10);
      const again = plain.sessions.getSessionRequest(killed!.id);
      expect(again.headers).toContainEqual(['Authorization', `Bearer ${REDACTED}`]);
    } finally {
      await plain.close();
    }

    // With a key store they are sealed, in their own column, and come back for the desktop app.
    const sealed = new InspectorCore({
      host: 'desktop',
      version: 'test',
      workspacePath: db,
      keyStore: testKeyStore(),
    });
    try {
      sealed.sessions.saveRequest('sealed', parseRequestSpec(spec));
      const reopened = sealed.sessions.listSavedRequests().find((item) => item.name === 'sealed');
      expect(reopened?.spec.headers).toContainEqual(['x-api-key', secret.apiKey]);
      expect(reopened?.missingSecrets).toEqual([]);

      // An import of a file that still holds secrets (what an older export could contain).
      const sessions = sealed.sessions.listSessions('', 10);
      sealed.sessions.setExportHost({
        chooseExportPath: (name) => {
          const path = join(dir, `${exports.length}-${name}`);
          exports.push(path);
          return Promise.resolve(path);
        },
      });
      for (const session of sessions) {
        for (const format of formats) await sealed.sessions.exportSession(session.id, format);
      }
      const har = readFileSync(exports[1]!, 'utf8').replaceAll(REDACTED, secret.imported);
      expect(har).toContain(secret.imported);
      await sealed.sessions.importSession('old.har', Buffer.from(har).toString('base64'));
      expect(sealed.sessions.listSessions('', 10)).toHaveLength(3);

      // While the app has the workspace open (WAL in use)…
      expectNoSecretIn(workspaceFiles(db));
    } finally {
      await sealed.close();
    }
    // …after it closed it, and in every export and everything the CLI printed.
    expectNoSecretIn([...workspaceFiles(db), ...exports]);
    expect(exports).toHaveLength(formats.length * 2);
    expect(leaks(Buffer.concat(printed))).toEqual([]);
  }, 60_000);
});
