import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { headerValue } from '../../../tests/fixtures/sse-fixture-server.ts';
import { runCheckCommand } from './check-command.ts';
import { cliTestPlace, runWithIo } from './cli-test-kit.ts';

const place = cliTestPlace('sse-check-');
let files = 0;

beforeAll(() => {
  writeFileSync(
    join(place.dir, 'delta.schema.json'),
    JSON.stringify({ type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }),
  );
  writeFileSync(
    join(place.dir, 'text.schema.json'),
    JSON.stringify({ type: 'object', required: ['text'] }),
  );
});

/** Writes a spec next to the schemas and returns its path. */
function specFile(spec: unknown): string {
  const path = join(place.dir, `spec${files++}.json`);
  writeFileSync(path, typeof spec === 'string' ? spec : JSON.stringify(spec));
  return path;
}

const db = (): string => join(place.dir, `w${files++}.db`);

async function check(args: string[]) {
  return runWithIo(runCheckCommand, [...args, '--db', db()]);
}

interface JsonReport {
  ok: boolean;
  session: number | null;
  checks: Array<{ name: string; ok: boolean; skipped?: true; detail: string }>;
  error?: string;
}

async function checkJson(args: string[]): Promise<{ code: number; report: JsonReport }> {
  const { code, stdout, stderr } = await check([...args, '--json']);
  expect(stderr).toBe('');
  return { code, report: JSON.parse(stdout) as JsonReport };
}

const detailOf = (report: JsonReport, name: string): string =>
  report.checks.find((c) => c.name === name)!.detail;

const wholeContract = {
  status: 200,
  contentType: 'text/event-stream',
  events: { min: 4, max: 4 },
  types: ['start', 'delta', 'done'],
  sequence: ['start', 'delta+', 'done'],
  ids: 'increasing',
  maxGapMs: 600_000,
  firstEventWithinMs: 600_000,
  noWarnings: true,
  endsWith: { type: 'done' },
  schemas: { delta: './delta.schema.json' },
};

describe('cli check against a live stream', () => {
  it('passes a stream that keeps its contract: a ✓ per check, exit 0', async () => {
    const spec = specFile({
      request: { url: `${place.server.url}/typed?types=start,delta,delta,done` },
      expect: wholeContract,
    });
    const { code, stdout, stderr } = await check(['--spec', spec]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, -1).every((line) => line.startsWith('✓ '))).toBe(true);
    expect(lines).toContain('✓ sequence: 4 events match start delta+ done');
    expect(lines.at(-1)).toMatch(/^All 11 checks passed \(session \d+\)\.$/);
  });

  it('fails a wrong order, naming the event, exit 1', async () => {
    const spec = specFile({ expect: { sequence: ['start', 'delta+', 'done'] } });
    const { code, report } = await checkJson([
      `${place.server.url}/typed?types=start,done,delta`,
      '--spec',
      spec,
    ]);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(typeof report.session).toBe('number');
    expect(report.checks).toEqual([
      {
        name: 'sequence',
        ok: false,
        detail: 'event 1 has type "done" where delta was expected (start delta+ done)',
      },
    ]);
  });

  it('fails a schema violation with the event index and the schema error', async () => {
    const spec = specFile({ expect: { schemas: { delta: './text.schema.json' } } });
    const { code, report } = await checkJson([
      `${place.server.url}/typed?types=start,delta`,
      '--spec',
      spec,
    ]);
    expect(code).toBe(1);
    expect(detailOf(report, 'schemas')).toBe(
      "event 1 (delta): (root) must have required property 'text'",
    );
  });

  it('takes the common checks as flags without a spec', async () => {
    const schema = join(place.dir, 'delta.schema.json');
    const pass = await checkJson([
      `${place.server.url}/typed?types=delta,delta`,
      '--expect-status',
      '200',
      '--min-events',
      '2',
      '--no-warnings',
      '--schema',
      `delta=${schema}`,
    ]);
    expect(pass.code).toBe(0);
    expect(pass.report.checks.map((c) => c.name)).toEqual([
      'status',
      'events',
      'noWarnings',
      'schemas',
    ]);
    const fail = await checkJson([`${place.server.url}/status/500`, '--expect-status', '200']);
    expect(fail.code).toBe(1);
    expect(detailOf(fail.report, 'status')).toBe('500 (expected 200)');
    expect(fail.report.error).toMatch(/500/);
  });

  it('exits 1 when the connection fails', async () => {
    const { code, report } = await checkJson(['http://127.0.0.1:9/', '--min-events', '1']);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.error).toBeDefined();
  });
});

describe('cli check: resume', () => {
  const resume = (path: string) =>
    checkJson([
      `${place.server.url}${path}`,
      '--spec',
      specFile({ stop: { events: 6 }, expect: { resume: { dropAfter: 3 } } }),
    ]);

  it('passes a server that resumes after Last-Event-ID', async () => {
    place.server.clearRequests();
    const { code, report } = await resume('/resume?count=10&hold=1');
    expect(report.checks[0]).toMatchObject({ name: 'resume', ok: true });
    expect(code).toBe(0);
    // The reconnect sent the last id received before the drop.
    const [, again] = place.server.requests().filter((r) => r.url.startsWith('/resume'));
    expect(Number(headerValue(again!, 'last-event-id'))).toBeGreaterThanOrEqual(3);
  });

  it('fails a server that replays from the start', async () => {
    const { code, report } = await resume('/drip?count=10&hold=1');
    expect(code).toBe(1);
    expect(detailOf(report, 'resume')).toMatch(
      /^replayed from the start: event \d+ after the reconnect has id "1"/,
    );
  });

  it('fails a server that answers 204', async () => {
    const { code, report } = await resume('/resume-204?count=10&hold=1');
    expect(code).toBe(1);
    expect(detailOf(report, 'resume')).toMatch(
      /^the server answered 204 No Content to Last-Event-ID "\d+"$/,
    );
  });
});

describe('cli check: other inputs', () => {
  it('checks a raw stream file offline: timing checks are skipped', async () => {
    const file = join(place.dir, 'stream.sse');
    writeFileSync(file, 'id: 1\nevent: start\ndata: {}\n\nid: 2\nevent: done\ndata: {}\n\n');
    const spec = specFile({ expect: { sequence: ['start', 'done'], maxGapMs: 10, status: 200 } });
    const { code, report } = await checkJson([file, '--spec', spec]);
    expect(code).toBe(0);
    expect(report).toEqual({
      ok: true,
      session: null,
      checks: [
        { name: 'status', ok: true, skipped: true, detail: 'a raw stream file has no response' },
        { name: 'sequence', ok: true, detail: '2 events match start done' },
        {
          name: 'maxGapMs',
          ok: true,
          skipped: true,
          detail: 'a raw stream file has no arrival times',
        },
      ],
    });
  });

  it('checks a file in its framing: by extension, or as --framing says', async () => {
    const ndjson = join(place.dir, 'log.ndjson');
    writeFileSync(ndjson, '{"level":"info"}\n{"level":"warn"}\n');
    const spec = specFile({ expect: { types: ['json'], events: { min: 2 } } });
    const byExtension = await checkJson([ndjson, '--spec', spec]);
    expect(byExtension.code).toBe(0);
    const plain = join(place.dir, 'log.txt');
    writeFileSync(plain, '{"level":"info"}\n{"level":"warn"}\n');
    expect((await checkJson([plain, '--spec', spec])).code).toBe(1);
    expect((await checkJson([plain, '--spec', spec, '--framing', 'ndjson'])).code).toBe(0);
  });

  it('checks a recorded session by id', async () => {
    const workspace = db();
    const live = await runWithIo(runCheckCommand, [
      `${place.server.url}/typed?types=a,b`,
      '--min-events',
      '2',
      '--json',
      '--db',
      workspace,
    ]);
    const session = (JSON.parse(live.stdout) as JsonReport).session!;
    const again = await runWithIo(runCheckCommand, [
      String(session),
      '--spec',
      specFile({ expect: { sequence: ['a', 'b'], ids: 'increasing', maxGapMs: 600_000 } }),
      '--db',
      workspace,
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`(session ${session})`);
  });

  it('writes JUnit XML that parses back, with markup in details escaped', async () => {
    const junit = join(place.dir, 'report.xml');
    const weird = `x<y&"z'`;
    const spec = specFile({ expect: { types: ['start'], maxGapMs: 600_000, status: 200 } });
    const { code } = await check([
      `${place.server.url}/typed?types=start,${encodeURIComponent(weird)}`,
      '--spec',
      spec,
      '--junit',
      junit,
    ]);
    expect(code).toBe(1);
    const errors: string[] = [];
    const doc = new DOMParser({
      errorHandler: {
        warning: () => {},
        error: (e) => errors.push(e),
        fatalError: (e) => errors.push(e),
      },
    }).parseFromString(readFileSync(junit, 'utf8'), 'text/xml');
    expect(errors).toEqual([]);
    const suite = doc.documentElement!;
    expect(suite.tagName).toBe('testsuite');
    expect(suite.getAttribute('tests')).toBe('3');
    expect(suite.getAttribute('failures')).toBe('1');
    const cases = Array.from(suite.getElementsByTagName('testcase'));
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(['status', 'types', 'maxGapMs']);
    const failure = cases[1]!.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe(
      `event 1 has type ${JSON.stringify(weird)} (allowed: start)`,
    );
    expect(cases[0]!.getElementsByTagName('failure').length).toBe(0);
  });

  it('marks skipped checks in JUnit with <skipped/>', async () => {
    const file = join(place.dir, 'skip.sse');
    writeFileSync(file, 'data: x\n\n');
    const junit = join(place.dir, 'skip.xml');
    const spec = specFile({ expect: { maxGapMs: 5 } });
    await check([file, '--spec', spec, '--junit', junit]);
    const doc = new DOMParser().parseFromString(readFileSync(junit, 'utf8'), 'text/xml');
    const testcase = doc.getElementsByTagName('testcase')[0]!;
    expect(testcase.getElementsByTagName('skipped').length).toBe(1);
  });
});

describe('cli check: variables and secrets', () => {
  const secret = 'sk-test-0123456789abcdef';
  const echoSpec = () =>
    specFile({
      request: {
        url: '{{base}}/echo',
        method: 'POST',
        headers: [['Authorization', 'Bearer {{apiKey}}']],
        body: '{"key":"{{apiKey}}"}',
      },
      expect: { endsWith: { type: 'body', data: 'nothing like it' } },
    });

  it('resolves {{variables}} from --var and never prints a secret value', async () => {
    place.server.clearRequests();
    const { code, stdout, stderr } = await check([
      '--spec',
      echoSpec(),
      '--var',
      `base=${place.server.url}`,
      '--var',
      `apiKey=${secret}`,
      '--json',
    ]);
    expect(code).toBe(1);
    const [sent] = place.server.requests().filter((r) => r.url === '/echo');
    expect(headerValue(sent!, 'authorization')).toBe(`Bearer ${secret}`);
    // The failing detail quotes the echoed body, which holds the key: it is redacted.
    expect(stdout).toContain('[REDACTED]');
    expect(stdout + stderr).not.toContain(secret);
  });

  it('never prints a secret header given with -H either', async () => {
    const spec = specFile({ expect: { endsWith: { type: 'body', data: 'nothing like it' } } });
    const { code, stdout } = await check([
      `${place.server.url}/echo`,
      '--spec',
      spec,
      '-H',
      `Authorization: Bearer ${secret}`,
      '-d',
      `{"key":"${secret}"}`,
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('[REDACTED]');
    expect(stdout).not.toContain(secret);
  });

  it('reads variables from an env file (plain JSON or a Postman environment)', async () => {
    const postman = join(place.dir, 'env.postman.json');
    writeFileSync(
      postman,
      JSON.stringify({
        name: 'local',
        values: [
          { key: 'base', value: place.server.url, enabled: true },
          { key: 'apiKey', value: secret, enabled: true },
          { key: 'base', value: 'http://disabled.invalid', enabled: false },
        ],
      }),
    );
    const plain = join(place.dir, 'env.json');
    writeFileSync(plain, JSON.stringify({ base: place.server.url, apiKey: secret }));
    for (const env of [postman, plain]) {
      const { code, stdout } = await check(['--spec', echoSpec(), '--env-file', env]);
      expect(code).toBe(1);
      expect(stdout).toContain('✗ endsWith');
      expect(stdout).not.toContain(secret);
    }
  });

  it('refuses a request with an undefined variable (exit 2)', async () => {
    const { code, stderr } = await check(['--spec', echoSpec(), '--var', 'base=http://x']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'sse-inspector check: undefined variable apiKey (give --var NAME=VALUE or --env-file) (see check --help)\n',
    );
  });
});

describe('cli check: spec errors exit 2 with one line', () => {
  const specError = async (spec: unknown): Promise<string> => {
    const { code, stdout, stderr } = await check(['--spec', specFile(spec), 'http://127.0.0.1:9/']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(2);
    return stderr;
  };

  it('names an unknown key, a bad pattern, an unreadable schema', async () => {
    expect(await specError({ expect: { maxGap: 1 } })).toBe(
      'sse-inspector check: spec: unknown key "maxGap" in expect (see check --help)\n',
    );
    expect(await specError({ expect: { sequence: ['a', '+b'] } })).toContain(
      'spec: expect.sequence.1: bad pattern "+b"',
    );
    expect(await specError({ expect: { schemas: { delta: './missing.json' } } })).toMatch(
      /spec: schemas\.delta: cannot read .*missing\.json \(no such file\)/,
    );
    expect(await specError('{not json')).toContain('spec: not valid JSON');
  });

  it('asks for checks when there are none', async () => {
    const { code, stderr } = await check(['http://127.0.0.1:9/']);
    expect(code).toBe(2);
    expect(stderr).toContain('no checks');
  });
});
