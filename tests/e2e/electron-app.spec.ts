import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

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

async function launchApp(): Promise<{ app: ElectronApplication; userData: string }> {
  const userData = mkdtempSync(join(tmpdir(), 'sse-inspector-e2e-'));
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [
      ...(process.platform === 'linux' ? ['--no-sandbox'] : []),
      `--user-data-dir=${userData}`,
      '.',
    ],
  });
  return { app, userData };
}

test.describe('desktop app (Electron)', () => {
  test.skip(binary === null, skipReason);

  test('opens one secure window with the app shell', async () => {
    const { app, userData } = await launchApp();
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

  test('refuses new windows, navigation, permissions and malformed API calls', async () => {
    const { app, userData } = await launchApp();
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('textbox', { name: 'URL' })).toBeVisible();
      const pageUrl = page.url();
      // Not an http(s) link, so it is neither opened here nor handed to the system browser.
      expect(await page.evaluate(() => window.open('file:///etc/passwd') === null)).toBe(true);
      await page.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(pageUrl);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
        1,
      );
      expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
      const malformed = await page.evaluate(() =>
        (
          globalThis as unknown as { inspector: { connect(spec: unknown): Promise<unknown> } }
        ).inspector
          .connect({ url: 42 })
          .then(
            () => 'accepted',
            (error: Error) => error.message,
          ),
      );
      expect(malformed).toMatch(/Invalid arguments for connect/);
      // The window still works after all of that.
      await expect(page.getByRole('textbox', { name: 'URL' })).toBeVisible();
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
