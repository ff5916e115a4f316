import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyKindOfRecord, sessionStart } from '../workspace/test-fixtures.ts';
import { Workspace } from '../workspace/workspace.ts';
import { storeSession } from '../files/files-test-kit.ts';
import { runWithIo } from './cli-test-kit.ts';
import { runExportCommand } from './export-command.ts';
import { runImportCommand } from './import-command.ts';
import { runReplayCommand } from './replay-command.ts';
import { runSessionsCommand } from './sessions-command.ts';

let dir: string;
let db: string;
let sessionId: number;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-cli-files-'));
  db = join(dir, 'workspace.db');
  const workspace = Workspace.open(db);
  const start = sessionStart('https://api.example.com/stream?api_key=sk-123', 'every kind');
  start.spec.headers.push(['Authorization', 'Bearer sk-123']);
  sessionId = storeSession(workspace, start, everyKindOfRecord());
  workspace.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sessionCount(): number {
  const workspace = Workspace.open(db);
  try {
    return workspace.listSessions({ limit: 1000 }).length;
  } finally {
    workspace.close();
  }
}

describe('cli sessions', () => {
  it('prints a table by default and NDJSON with --json', async () => {
    const table = await runWithIo(runSessionsCommand, ['--db', db]);
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.split('\n');
    expect(header).toMatch(
      /^ID\s+STARTED\s+DURATION\s+ATT\s+EVENTS\s+BYTES\s+WARN\s+OUTCOME\s+METHOD\s+URL\s+NAME$/,
    );
    expect(row).toMatch(
      /^\s*1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+100 ms\s+2\s+2\s+\d+ B\s+2\s+closed\s+GET\s+https/,
    );
    expect(row).toMatch(/every kind$/);
    const json = await runWithIo(runSessionsCommand, ['--db', db, '--json', '--limit', '1']);
    const line = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(line).toMatchObject({ id: sessionId, name: 'every kind', events: 2, attempts: 2 });
    expect(line.started).toBe('2023-11-14T22:13:20.000Z');
  });

  it('refuses a missing workspace and bad options', async () => {
    const missing = await runWithIo(runSessionsCommand, ['--db', join(dir, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^sse-inspector sessions: no workspace at /);
    expect((await runWithIo(runSessionsCommand, ['--limit', '0', '--db', db])).code).toBe(2);
  });
});

describe('cli export', () => {
  it('writes to stdout, with secrets redacted', async () => {
    const redacted = await runWithIo(runExportCommand, [String(sessionId), '--db', db]);
    expect(redacted.code).toBe(0);
    expect(redacted.stdout.startsWith('{"format":"sse-inspector-session","version":1,')).toBe(true);
    expect(redacted.stdout).not.toContain('sk-123');
    expect(redacted.stdout).toContain('"Bearer [REDACTED]"');
  });

  it('says why --keep-secrets is gone', async () => {
    const kept = await runWithIo(runExportCommand, [
      String(sessionId),
      '--db',
      db,
      '--keep-secrets',
    ]);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toMatch(/--keep-secrets is no longer available: recorded sessions keep/);
    expect(kept.stdout).toBe('');
  });

  it('writes a file, choosing the format from --format or the extension', async () => {
    const har = join(dir, 'out.har');
    const result = await runWithIo(runExportCommand, [String(sessionId), '--db', db, '--out', har]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Exported session 1 \(har, .*\) to .*out\.har\n$/);
    expect(JSON.parse(readFileSync(har, 'utf8')).log.version).toBe('1.2');
    const ndjson = await runWithIo(runExportCommand, [
      String(sessionId),
      '--db',
      db,
      '--format',
      'ndjson',
    ]);
    expect(ndjson.stdout.trimEnd().split('\n')).toHaveLength(2);
    const raw = await runWithIo(runExportCommand, [
      '1',
      '--db',
      db,
      '--format',
      'raw',
      '--attempt',
      '1',
    ]);
    expect(raw.stdout).toContain('data: hello');
  });

  it('exits 2 for an unknown session or format, leaving no file', async () => {
    const out = join(dir, 'never.json');
    const unknown = await runWithIo(runExportCommand, ['99', '--db', db, '--out', out]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('sse-inspector export: There is no session 99 in the workspace.\n');
    expect(existsSync(out)).toBe(false);
    expect((await runWithIo(runExportCommand, ['1', '--db', db, '--format', 'xml'])).code).toBe(2);
  });
});

describe('cli import', () => {
  it('imports an exported session and prints its id and counts', async () => {
    const file = join(dir, 'roundtrip.ssesession.json');
    await runWithIo(runExportCommand, [String(sessionId), '--db', db, '--out', file]);
    const result = await runWithIo(runImportCommand, [file, '--db', db, '--name', 'copy']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Imported session \d+ "copy" \(native\): 2 attempts, 2 events, \d+ B, 2 warnings\n$/,
    );
    const json = await runWithIo(runImportCommand, [file, '--db', db, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 'native', events: 2, chunks: 1 });
  });

  it('exits 2 with one line for a malformed file and writes nothing', async () => {
    const before = sessionCount();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format":"sse-inspector-session","version":9,\n');
    const result = await runWithIo(runImportCommand, [broken, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `sse-inspector import: ${broken}: This session file is version 9; this SSE Inspector ` +
        'reads version 1. Update the app to open it.\n',
    );
    expect(sessionCount()).toBe(before);
    const missing = await runWithIo(runImportCommand, [join(dir, 'missing.sse'), '--db', db]);
    expect(missing.code).toBe(1);
  });
});

describe('cli replay', () => {
  it('prints the URL, serves the session until stopped', async () => {
    const stop = new AbortController();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const url = new Promise<string>((resolve) =>
      stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
    );
    const running = runReplayCommand(
      [String(sessionId), '--db', db, '--speed', '0'],
      { stdin: Readable.from([]), stdout, stderr },
      stop.signal,
    );
    const address = await url;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(address);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toContain('data: hello');
    stop.abort();
    expect(await running).toBe(0);
  });

  it('exits 2 for an unknown session or a bad speed', async () => {
    expect((await runWithIo(runReplayCommand, ['42', '--db', db])).code).toBe(2);
    expect((await runWithIo(runReplayCommand, ['1', '--db', db, '--speed', 'fast'])).code).toBe(2);
  });

  it('sends CORS headers only with --cors ORIGIN, and exits 2 on an origin that is not one', async () => {
    const stop = new AbortController();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let errors = '';
    stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const url = new Promise<string>((resolve) =>
      stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
    );
    const running = runReplayCommand(
      [String(sessionId), '--db', db, '--speed', '0', '--cors', 'http://localhost:5173'],
      { stdin: Readable.from([]), stdout, stderr },
      stop.signal,
    );
    const response = await fetch(await url, { headers: { Origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    await response.text();
    stop.abort();
    expect(await running).toBe(0);
    expect(errors).toContain('CORS for http://localhost:5173');

    const garbage = await runWithIo(runReplayCommand, [
      String(sessionId),
      '--db',
      db,
      '--cors',
      'yes',
    ]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toBe(
      'sse-inspector replay: --cors: "yes" is not an origin; give an origin such as http://localhost:3000, or *.\n',
    );
  });
});
