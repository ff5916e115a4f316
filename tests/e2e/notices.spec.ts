import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startWebHostProcess, test } from './web-host-fixture.ts';

test.describe('notices from main', () => {
  test('a damaged workspace is reported in the window until dismissed', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'sse-inspector-notices-'));
    writeFileSync(join(dir, 'workspace.db'), 'this is not a SQLite database, just text');
    const { host, child } = await startWebHostProcess(dir);
    try {
      await page.goto(host.url);
      const notices = page.getByTestId('notices');
      const alert = notices.getByRole('alert');
      await expect(alert).toContainText('could not be read');
      await expect(alert).toContainText('a fresh workspace was started');
      // The damaged file was kept beside the fresh one, as the notice says.
      expect(readdirSync(dir).some((name) => name.startsWith('workspace.db.corrupt-'))).toBe(true);
      await page.screenshot({ path: 'test-results/screenshots/notice-corrupt-workspace.png' });
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notices).toHaveCount(0);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
