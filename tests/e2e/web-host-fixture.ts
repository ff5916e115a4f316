import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningWebHost {
  /** The URL the web host printed, including its access token. */
  url: string;
  origin: string;
  /** Everything the web host wrote to stderr so far (refused requests are logged there). */
  stderr(): string;
}

/** Starts `npm run cli -- web` exactly as a user would, on a free port, and reads its URL. */
export async function startWebHostProcess(
  workspaceDir: string,
): Promise<{ host: RunningWebHost; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      'electron/core/cli/main.ts',
      'web',
      '--port',
      '0',
      '--db',
      join(workspaceDir, 'workspace.db'),
      '--ca-dir',
      join(workspaceDir, 'proxy-ca'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${stderr}`));
    });
  });
  return { host: { url, origin: new URL(url).origin, stderr: () => stderr }, child };
}

export const test = base.extend<{ webHost: RunningWebHost }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    // Each test gets its own workspace, so tests never see each other's sessions.
    const workspaceDir = mkdtempSync(join(tmpdir(), 'sse-inspector-e2e-'));
    const { host, child } = await startWebHostProcess(workspaceDir);
    await use(host);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    rmSync(workspaceDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
