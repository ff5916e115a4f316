import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * Where npm's electron package keeps its binary. Read directly rather than through
 * `require('electron')`, which would try to download a missing binary.
 */
function installedElectronBinary(): string | null {
  const pathFile = join('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = installedElectronBinary();
const skipReason =
  'No Electron binary is installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline); ' +
  'the same renderer is covered through the web host. Run `npx install-electron` to enable.';
if (binary === null) console.log(`Skipping the Electron smoke test: ${skipReason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(binary === null, skipReason);

  test('opens one secure window with the app shell', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'sse-inspector-e2e-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [
        ...(process.platform === 'linux' ? ['--no-sandbox'] : []),
        `--user-data-dir=${userData}`,
        '.',
      ],
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('textbox', { name: 'URL' })).toBeVisible();
      await expect(window.getByTestId('status-footer')).toContainText('Desktop app');
      // Sandboxed, isolated, no Node: the page sees only the API the preload exposed.
      const pageGlobals = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        api: Object.keys((globalThis as { inspector?: object }).inspector ?? {}).sort(),
      }));
      expect(pageGlobals.require).toBe('undefined');
      expect(pageGlobals.process).toBe('undefined');
      expect(pageGlobals.api).toContain('getAppInfo');
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
        1,
      );
      await window.screenshot({ path: 'test-results/screenshots/electron-app-shell.png' });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
