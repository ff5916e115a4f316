import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../workspace/workspace.ts';

// The CLI's entry point, run as a user runs it: a process of its own, stdin empty.

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const workspaceModule = pathToFileURL(join(repoRoot, 'electron/core/workspace/workspace.ts')).href;

// Preloaded into the CLI's process: every module it resolves, written out at exit.
const recorder = `
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const resolved = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    resolved.add(result.url);
    return result;
  },
});
process.on('exit', () => writeFileSync(process.env.RESOLVED_FILE, JSON.stringify([...resolved])));
`;

// Preloaded by some tests: the first write to stdout fails with a message quoting a secret;
// stdin cannot be touched at all.
const preloads = {
  failingStdout: `
process.stdout.write = () => {
  throw new Error('cannot write (Authorization: Bearer sk-test-123, https://x.test/?api_key=k-456)');
};
`,
  untouchableStdin: `
Object.defineProperty(process, 'stdin', {
  get() {
    throw new Error('stdin was touched');
  },
});
`,
};

let dir: string;
let recorderPath: string;
const preloadPath = (name: keyof typeof preloads): string => join(dir, `${name}.mjs`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-cli-main-'));
  recorderPath = join(dir, 'record-resolved.mjs');
  writeFileSync(recorderPath, recorder);
  for (const [name, source] of Object.entries(preloads)) {
    writeFileSync(preloadPath(name as keyof typeof preloads), source);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** URLs of every module the process resolved (node:… for built-ins). */
  resolved: string[];
}

/** `cli ARGS` from the sources, stdin empty, `preload` loaded first: run to its end. */
function runCli(args: string[], preload: string[] = []): Run {
  const resolvedFile = join(dir, `resolved-${Math.random().toString(36).slice(2)}.json`);
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      ...[recorderPath, ...preload].flatMap((path) => ['--import', pathToFileURL(path).href]),
      'electron/core/cli/main.ts',
      ...args,
    ],
    { cwd: repoRoot, env: { ...process.env, RESOLVED_FILE: resolvedFile }, input: '' },
  );
  return {
    code: run.status,
    stdout: run.stdout.toString(),
    stderr: run.stderr.toString(),
    resolved: JSON.parse(readFileSync(resolvedFile, 'utf8')) as string[],
  };
}

const projectModules = (run: Run): string[] =>
  run.resolved
    .filter((url) => url.startsWith('file:') && !url.includes('/node_modules/'))
    .map((url) => fileURLToPath(url).slice(repoRoot.length));

// What a command loads before it does anything decides how fast it starts (README: any command
// on an empty input in under 150 ms): the workspace (node:sqlite, the store, zod for stored
// requests) loads only when there is a workspace to open, and `help` loads nothing but main.ts.
describe('what a CLI command loads before it does anything', () => {
  it('help prints the usage from main.ts alone', () => {
    const run = runCli(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: /);
    expect(projectModules(run)).toEqual(['electron/core/cli/main.ts']);
  });

  it.each([
    ['parse on an empty stdin', ['parse'], 0],
    ['lens on an empty stdin', ['lens', '-'], 0],
  ])('%s loads neither the workspace nor node:fs/promises', (_, args, exitCode) => {
    const run = runCli(args);
    expect(run.code).toBe(exitCode);
    expect(run.resolved).not.toContain(workspaceModule);
    expect(run.resolved).not.toContain('node:sqlite');
    // It loads a dozen more of Node's modules (readline, fs watchers): only a FILE needs it.
    expect(run.resolved).not.toContain('node:fs/promises');
  });

  it.each([
    ['parse FILE', ['parse'], /"kind":"end","events":1,/],
    ['lens FILE', ['lens'], /"format":"openai-chat","text":"hi"/],
  ])('%s never touches stdin (Node makes the stream when first asked)', (_, args, output) => {
    const file = join(dir, 'one-chunk.sse');
    writeFileSync(file, 'data: {"choices":[{"delta":{"content":"hi"}}]}\n\n');
    const run = runCli([...args, file], [preloadPath('untouchableStdin')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(output);
  });

  it.each([
    ['sessions', ['sessions']],
    ['search', ['search', 'fox']],
    ['lens SESSION_ID', ['lens', '7']],
  ])(
    '%s without a workspace file says so, creates none and never loads the workspace',
    (_, args) => {
      const missing = join(dir, 'absent', 'workspace.db');
      const run = runCli([...args, '--db', missing]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/no workspace at .*workspace\.db/);
      expect(existsSync(join(dir, 'absent'))).toBe(false);
      expect(run.resolved).not.toContain(workspaceModule);
      expect(run.resolved).not.toContain('node:sqlite');
    },
  );

  it('sessions with a workspace file loads the workspace to read it', () => {
    const db = join(dir, 'empty.db');
    Workspace.open(db).close();
    const run = runCli(['sessions', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No sessions recorded yet.\n');
    expect(run.resolved).toContain(workspaceModule);
    expect(run.resolved).toContain('node:sqlite');
  });
});

describe('an error no command handled', () => {
  it('is one line on stderr with its secrets redacted, and exit code 1', () => {
    const run = runCli(['help'], [preloadPath('failingStdout')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'sse-inspector: cannot write (Authorization: Bearer [REDACTED], ' +
        'https://x.test/?api_key=[REDACTED])\n',
    );
  });
});
