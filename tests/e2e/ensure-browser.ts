/**
 * Makes sure the end-to-end tests have a Chromium to drive, before Playwright starts: Debian's
 * /usr/bin/chromium, the one named by PLAYWRIGHT_CHROMIUM, or Playwright's own build —
 * downloaded here (`npx playwright install chromium`) when none is present. Where that download
 * is impossible it says what to install instead of failing with a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function hasBrowser(): boolean {
  const named = process.env['PLAYWRIGHT_CHROMIUM'];
  if (named) return existsSync(named);
  if (existsSync('/usr/bin/chromium')) return true;
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

if (!hasBrowser()) {
  console.log('No Chromium found for the end-to-end tests; installing Playwright’s Chromium…');
  const result = spawnSync('npx', ['playwright', 'install', 'chromium'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 || !hasBrowser()) {
    console.error(
      'Could not get a Chromium for the end-to-end tests. Install one and run npm test again:\n' +
        '  Debian/Ubuntu: sudo apt-get install chromium   (used from /usr/bin/chromium)\n' +
        '  or point PLAYWRIGHT_CHROMIUM at a Chromium or Chrome executable.',
    );
    process.exit(1);
  }
}
