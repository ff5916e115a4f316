import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Chromium for the web-host tests: Debian's (/usr/bin/chromium) when present, the one named by
 * PLAYWRIGHT_CHROMIUM otherwise, else Playwright's own download (`npx playwright install`).
 */
function chromiumPath(): string | undefined {
  if (process.env['PLAYWRIGHT_CHROMIUM']) return process.env['PLAYWRIGHT_CHROMIUM'];
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Deadlines only bound a hang: every wait is for a state (a row, a count, a request the
  // fixture server saw), and a busy 2-core CI machine with the web host, Chromium and the
  // fixture server competing can take several seconds to show one. A wait never ends early
  // because the deadline is long, so these cost nothing on a fast machine.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    headless: true,
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
