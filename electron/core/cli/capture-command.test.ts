import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headerValue } from '../../../tests/fixtures/sse-fixture-server.ts';
import { Workspace } from '../workspace/workspace.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { runCaptureCommand } from './capture-command.ts';
import { cliTestPlace, jsonLines, runWithIo } from './cli-test-kit.ts';

const place = cliTestPlace('sse-capture-');
let dbCount = 0;

type Line = Record<string, unknown> & { kind: string };

async function capture(
  args: string[],
): Promise<{ code: number; lines: Line[]; stderr: string; db: string }> {
  const db = join(place.dir, `w${dbCount++}.db`);
  const { code, stdout, stderr } = await runWithIo(runCaptureCommand, [...args, '--db', db]);
  return { code, lines: jsonLines<Line>(stdout), stderr, db };
}

function sessions(db: string) {
  const workspace = Workspace.open(db);
  try {
    return workspace.listSessions({ limit: 10 });
  } finally {
    workspace.close();
  }
}

describe('cli capture', () => {
  it('prints lifecycle and parse lines as NDJSON, records the session, exits 0', async () => {
    const { code, lines, db } = await capture([
      `${place.server.url}/drip?count=3&interval=0`,
      '--max-attempts',
      '1',
    ]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.kind)).toEqual([
      'attempt',
      'response',
      'event',
      'event',
      'event',
      'closed',
      'warning',
      'end',
    ]);
    expect(lines[0]).toMatchObject({ kind: 'attempt', n: 1, lastEventId: null });
    expect(lines[1]).toMatchObject({ kind: 'response', status: 200, httpVersion: '1.1' });
    expect(lines[1]!.headers).toContainEqual(['Content-Type', 'text/event-stream']);
    expect(lines[2]).toMatchObject({
      type: 'message',
      data: 'tick 1',
      lastEventId: '1',
      start: 0,
      attempt: 1,
    });
    expect(typeof lines[2]!.t).toBe('number');
    expect(lines[5]).toMatchObject({ kind: 'closed', reason: 'server-closed' });
    const end = lines.at(-1)!;
    expect(end).toMatchObject({ kind: 'end', events: 3, attempts: 1, outcome: 'closed' });
    const [session] = sessions(db);
    expect(session).toMatchObject({ id: end.session, events: 3, attempts: 1, outcome: 'closed' });
  });

  it('prints only lifecycle lines and the end with --summary', async () => {
    const { lines } = await capture([
      `${place.server.url}/drip?count=3&interval=0`,
      '--max-attempts',
      '1',
      '--summary',
    ]);
    expect(lines.map((l) => l.kind)).toEqual(['attempt', 'response', 'closed', 'end']);
    expect(lines.at(-1)).toMatchObject({ events: 3, recordedEvents: 3 });
  });

  it('stops after --max-events', async () => {
    const { code, lines } = await capture([
      `${place.server.url}/resume?count=100&interval=5&hold=1`,
      '--max-events',
      '2',
    ]);
    expect(code).toBe(0);
    expect(lines.filter((l) => l.kind === 'event')).toHaveLength(2);
    expect(lines.at(-2)).toMatchObject({ kind: 'closed', reason: 'user-closed' });
    expect(lines.at(-1)).toMatchObject({ kind: 'end', events: 2, outcome: 'closed' });
  });

  it('stops after --duration, even on a silent stream', async () => {
    const { code, lines } = await capture([`${place.server.url}/silent`, '--duration', '0.1']);
    expect(code).toBe(0);
    // The response line is there unless a busy machine took over 0.1 s to get the headers.
    expect(lines.map((l) => l.kind).filter((kind) => kind !== 'response')).toEqual([
      'attempt',
      'control',
      'closed',
      'end',
    ]);
    expect(lines.at(-1)).toMatchObject({ kind: 'end', outcome: 'closed', events: 0 });
  });

  it('sends method, headers and body the curl way, and reconnects with --retry-ms', async () => {
    place.server.clearRequests();
    const { lines } = await capture([
      `${place.server.url}/echo`,
      '-d',
      '{"q":1}',
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Token:  abc',
      '--last-event-id',
      '9',
      '--retry-ms',
      '10',
      '--max-attempts',
      '2',
    ]);
    expect(lines.filter((l) => l.kind === 'event').map((l) => l.data)).toContain('POST');
    expect(lines.find((l) => l.kind === 'reconnect')).toMatchObject({ delayMs: 10, attempt: 2 });
    // By path: a request of an earlier test can still reach the server after clearRequests().
    const [first] = place.server.requests().filter((r) => r.url.startsWith('/echo'));
    expect(first!.body).toBe('{"q":1}');
    expect(headerValue(first!, 'x-token')).toBe('abc');
    expect(headerValue(first!, 'last-event-id')).toBe('9');
  });

  it('exits 1 when the connection fails for good, still printing the end line', async () => {
    const { code, lines } = await capture([`${place.server.url}/status/404`]);
    expect(code).toBe(1);
    expect(lines.find((l) => l.kind === 'error')).toMatchObject({ category: 'http-status' });
    expect(lines.at(-1)).toMatchObject({ kind: 'end', outcome: 'failed', attempts: 1 });
    const refused = await capture(['http://127.0.0.1:9/', '--max-attempts', '1']);
    expect(refused.code).toBe(1);
    expect(refused.lines.find((l) => l.kind === 'error')).toMatchObject({ category: 'refused' });
  });

  it.each([
    [['ftp://example.com/'], /http and https/],
    [['not a url'], /url/i],
    [[], /URL is required/],
    [['http://a.test/', '--max-events', 'x'], /--max-events/],
    [['http://a.test/', '--bogus'], /unknown option/],
    [['http://a.test/', '-H', 'no colon'], /Name: value/],
    [['http://a.test/', '-H', 'Bad Name: x'], /Header names may only use token characters\./],
    [['http://a.test/', '--last-event-id', 'a\nb'], /Last-Event-ID may not contain CR, LF or NUL/],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const { code, lines, stderr } = await capture(args);
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('ends cleanly on SIGINT with the session saved', async () => {
    const db = join(place.dir, 'sigint.db');
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        main,
        'capture',
        `${place.server.url}/resume?count=1000&interval=10&hold=1`,
        '--db',
        db,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"kind":"event"') && !child.killed) {
          child.kill('SIGINT');
          resolve();
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Line);
    expect(lines.at(-1)).toMatchObject({ kind: 'end', outcome: 'closed' });
    const [session] = sessions(db);
    expect(session).toMatchObject({ outcome: 'closed' });
    expect(session!.events).toBeGreaterThanOrEqual(1);
  });
});

describe('the default workspace path', () => {
  it("is the desktop app's userData folder on each platform", () => {
    expect(defaultWorkspacePath('linux', {}, '/home/ada')).toBe(
      '/home/ada/.config/SSE Inspector/workspace.db',
    );
    expect(defaultWorkspacePath('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ada')).toBe(
      '/cfg/SSE Inspector/workspace.db',
    );
    expect(defaultWorkspacePath('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/SSE Inspector/workspace.db',
    );
    expect(
      defaultWorkspacePath(
        'win32',
        { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        'C:\\Users\\ada',
      ),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\SSE Inspector\\workspace.db');
  });
});
