import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../workspace/workspace.ts';
import { gate, startOrigin } from '../proxy/proxy-test-kit.ts';

const SECRET = 'sk-cli-proxy-secret-42';
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-proxy-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Line = Record<string, unknown> & { kind: string };

interface Cli {
  child: ChildProcessWithoutNullStreams;
  /** The next stdout line, parsed. */
  line(): Promise<Line>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

function cli(args: string[]): Cli {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', main, 'proxy', ...args],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    line: async () => {
      const next = await lines.next();
      if (next.done === true) throw new Error(`no more output; stderr: ${stderr}`);
      return JSON.parse(next.value) as Line;
    },
    exit: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))),
  };
}

// Each case starts a Node process; a busy machine makes that slow, so the cap is generous.
describe('cli proxy', { timeout: 120_000 }, () => {
  it('prints the listening line, one recorded line per stream, and saves open streams on SIGINT', async () => {
    const origin = await startOrigin((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: hello\n\n');
      if (req.url?.startsWith('/short') === true) res.end('data: bye\n\n');
      // /open stays open until the proxy stops.
    });
    const db = join(dir, 'signal.db');
    const run = cli(['--target', origin.url, '--db', db]);
    const listening = await run.line();
    expect(listening).toEqual({
      kind: 'listening',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      mode: 'reverse',
    });
    const proxyUrl = listening['url'] as string;

    const short = await fetch(`${proxyUrl}/short?api_key=${SECRET}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET, cookie: `sid=${SECRET}` },
      body: '{"q":1}',
    });
    expect(await short.text()).toBe('data: hello\n\ndata: bye\n\n');
    expect(await run.line()).toMatchObject({
      kind: 'recorded',
      method: 'POST',
      url: `${origin.url}/short?api_key=[REDACTED]`,
      status: 200,
      events: 2,
      bytes: 24,
    });

    const opened = gate();
    const client = request(`${proxyUrl}/open`, (res) => res.once('data', () => opened.open()));
    client.on('error', () => {});
    client.end();
    await opened.promise;
    run.child.kill('SIGINT');
    expect(await run.line()).toMatchObject({ kind: 'recorded', events: 1, outcome: 'closed' });
    expect((await run.exit).code).toBe(0);
    await origin.close();

    const workspace = Workspace.open(db);
    try {
      const sessions = workspace.listSessions({ limit: 10 });
      expect(sessions.map((s) => [s.origin, s.url, s.events, s.outcome])).toEqual(
        expect.arrayContaining([
          ['proxy', `${origin.url}/short?api_key=[REDACTED]`, 2, 'completed'],
          ['proxy', `${origin.url}/open`, 1, 'closed'],
        ]),
      );
    } finally {
      workspace.close();
    }
    // The client's secrets went upstream; none reached the workspace files.
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(SECRET)).toBe(false);
    }
  });

  it('prints the CA path in forward mode', async () => {
    const run = cli(['--ca-dir', join(dir, 'ca'), '--db', join(dir, 'forward.db')]);
    expect(await run.line()).toEqual({
      kind: 'listening',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      mode: 'forward',
      ca: join(dir, 'ca', 'ca.pem'),
    });
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
  });

  it('exits 2 with one line on stderr for a port in use, a bad target or an unusable CA folder', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    const cases: Array<[string[], RegExp]> = [
      [
        ['--port', String(port), '--target', 'http://127.0.0.1:1'],
        /port \d+ on 127\.0\.0\.1 is in use/,
      ],
      [['--target', 'ftp://example.com'], /--target must be an http or https URL/],
      [['--target', 'not a url'], /--target must be an http or https URL/],
      [['--ca-dir', join(notAFolder, 'ca')], /cannot write the CA to .*ENOTDIR/],
      [['--port', 'x'], /--port must be a number/],
    ];
    try {
      const runs = cases.map(
        ([args], i) => cli([...args, '--db', join(dir, `errors${i}.db`)]).exit,
      );
      const results = await Promise.all(runs);
      for (const [i, { code, stderr }] of results.entries()) {
        expect({ code, lines: stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
        expect(stderr).toMatch(cases[i]![1]);
      }
    } finally {
      busy.close();
    }
  });
});
