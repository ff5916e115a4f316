// Child processes the benchmarks talk to: the fixture SSE server (its own process, so generating
// the stream does not compete with the code measured for the same core) and the web host.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The command line as a user runs it: the built JavaScript (see ensureCli in bench/index.ts). */
export const builtCli = 'dist-cli/main.js';
export const nodeTypeStripping = [
  '--experimental-strip-types',
  '--disable-warning=ExperimentalWarning',
];

export interface ChildServer {
  /** The URL the process printed (the fixture's base URL, the web host's URL with its token). */
  url: string;
  pid: number;
  stderr(): string;
  /** null while running; else how it ended (exit code or signal) and the end of its stderr. */
  exited(): string | null;
  close(): Promise<void>;
}

/** Spawns a Node process and waits for the first stdout match of `pattern` (group 1: the URL). */
export async function startChildServer(
  args: string[],
  pattern: RegExp,
  label: string,
): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...nodeTypeStripping, ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 1e6) stderr = stderr.slice(-1e5);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = pattern.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}:\n${stderr}`));
    });
  });
  let closing = false;
  let exitInfo: string | null = null;
  child.once('exit', (code, signal) => {
    exitInfo = `${label} exited (${signal ?? `code ${code}`}): ${stderr.slice(-2000).trim()}`;
    if (!closing) process.stderr.write(`[bench] unexpectedly: ${exitInfo}\n`);
  });
  return {
    url,
    pid: child.pid as number,
    stderr: () => stderr,
    exited: () => exitInfo,
    close: async () => {
      closing = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}

/** tests/fixtures/sse-fixture-server.ts in its own process, on a free port. */
export function startFixtureProcess(): Promise<ChildServer> {
  return startChildServer(
    ['tests/fixtures/sse-fixture-server.ts'],
    /^(http:\/\/127\.0\.0\.1:\d+)$/m,
    'fixture server',
  );
}

/** `cli web --port 0 --db FILE`, as a user starts it. */
export function startWebHostProcess(db: string): Promise<ChildServer> {
  return startChildServer(
    [builtCli, 'web', '--port', '0', '--db', db],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/,
    'web host',
  );
}

/** A field of /proc/PID/status in KiB (VmRSS, VmHWM, …), or null once the process is gone. */
export function procStatusKiB(pid: number, field: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
