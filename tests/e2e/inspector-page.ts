import type { Page } from '@playwright/test';
import { startFixtureServer, type FixtureServer } from '../fixtures/sse-fixture-server.ts';
import { test } from './web-host-fixture.ts';

/** Starts one fixture SSE server for the spec file that calls this; returns its getter. */
export function fixtureServerForFile(): () => FixtureServer {
  let server: FixtureServer | undefined;
  test.beforeAll(async () => {
    server = await startFixtureServer();
  });
  test.afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('The fixture server is not running yet.');
    return server;
  };
}

/** Types a URL in the request bar and presses Enter, as a user connects. */
export async function connect(page: Page, url: string): Promise<void> {
  await page.getByRole('textbox', { name: 'URL' }).fill(url);
  await page.getByRole('textbox', { name: 'URL' }).press('Enter');
}

export const rows = (page: Page) => page.getByTestId('timeline').locator('.timeline-row');

/** The first timeline row whose data is exactly `data` (a reconnect may repeat it later). */
export const row = (page: Page, data: string) =>
  rows(page)
    .filter({ has: page.locator('.cell-data').getByText(data, { exact: true }) })
    .first();
