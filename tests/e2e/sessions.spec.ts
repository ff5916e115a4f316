import { readFileSync } from 'node:fs';
import { connect, fixtureServerForFile, row, rows } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

test.describe('sessions: history, export, import, replay, saved requests', () => {
  test('a capture is in history; export, import and search round-trip it', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=4&interval=5&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('4');
    await page.getByRole('button', { name: /Close connection/ }).click();
    await expect(page.getByTestId('connections-list')).toContainText('No connections yet');
    await page.getByRole('tab', { name: 'History' }).click();
    const item = page.getByTestId('history-item').first();
    await expect(item).toContainText('4 ev');
    await item.click();
    await expect(page.getByTestId('recorded-note')).toBeVisible();
    await expect(row(page, 'tick 4')).toBeVisible();

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.ssesession\.json$/);
    const path = await download.path();
    const file = readFileSync(path, 'utf8');
    expect(file.startsWith('{"format":"sse-inspector-session","version":1,')).toBe(true);

    await page.getByLabel('Import session file').setInputFiles({
      name: 'copy.ssesession.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    await expect(page.getByTestId('history-panel')).toContainText('Imported 1 session');
    await expect(page.getByTestId('history-item')).toHaveCount(2);
    await expect(page.getByTestId('history-origin')).toHaveText(['imported']);
    await expect(row(page, 'tick 3')).toBeVisible();

    await page.getByRole('searchbox', { name: 'Search history' }).fill('tick');
    await page.getByRole('combobox', { name: 'Search in' }).selectOption('events');
    await expect(page.getByTestId('search-hits').locator('li')).toHaveCount(8);
    await page.screenshot({ path: 'test-results/screenshots/history-search.png' });
  });

  test('serves a recorded session as a mock endpoint that replays the same events', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/llm/anthropic`);
    await expect(rows(page).filter({ hasText: 'message_stop' }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history-item').first().click();
    await page.getByRole('textbox', { name: 'Replay speed' }).fill('0');
    await page.getByRole('button', { name: 'Serve as mock endpoint' }).click();
    const url = (await page.getByTestId('replay-url').textContent()) ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await page.getByRole('tab', { name: 'Connections' }).click();
    await connect(page, url);
    await expect(page.getByTestId('status-events')).toHaveText('10');
    await expect(rows(page).filter({ hasText: 'message_stop' }).first()).toBeVisible();
    // History tells the capture of the mock endpoint from the original.
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByTestId('history-origin')).toHaveText(['replay capture']);
    await page.screenshot({ path: 'test-results/screenshots/history-origins.png' });
  });

  test('a mock endpoint sends CORS headers only for the origin the user allows', async ({
    page,
    request,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=2&interval=0&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('2');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history-item').first().click();
    const origin = page.getByRole('textbox', { name: 'CORS origin' });
    await expect(origin).toBeDisabled();
    await page.getByRole('checkbox', { name: 'allow CORS from' }).check();
    await origin.fill('localhost:5173');
    await page.getByRole('button', { name: 'Serve as mock endpoint' }).click();
    await expect(page.getByTestId('session-actions').getByRole('alert')).toContainText(
      'is not an http(s) origin',
    );
    await page.screenshot({ path: 'test-results/screenshots/replay-cors-switch.png' });
    await origin.fill('http://localhost:5173');
    await page.getByRole('button', { name: 'Serve as mock endpoint' }).click();
    await expect(page.getByTestId('replay-cors')).toHaveText('CORS: http://localhost:5173');
    const url = (await page.getByTestId('replay-url').textContent()) ?? '';
    const response = await request.get(url, { headers: { Origin: 'http://localhost:5173' } });
    expect(response.headers()['access-control-allow-origin']).toBe('http://localhost:5173');
    // A page that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
    const port = new URL(url).port;
    const rebound = await request.get(url, { headers: { Host: `evil.example:${port}` } });
    expect(rebound.status()).toBe(403);
    await page.screenshot({ path: 'test-results/screenshots/replay-cors-running.png' });
  });

  test('saves a request and runs it again', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await page
      .getByRole('textbox', { name: 'URL' })
      .fill(`${fixture().url}/drip?count=2&interval=5`);
    await page.getByRole('button', { name: 'Save…' }).click();
    await page.getByRole('textbox', { name: 'Saved request name' }).fill('Two ticks');
    await page.getByRole('button', { name: 'Save request' }).click();
    await page.getByRole('tab', { name: 'Saved' }).click();
    await expect(page.getByTestId('saved-requests')).toContainText('Two ticks');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('status-events')).toHaveText('2');
  });

  test('keeps no secret: a saved request and Run again ask for the values', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await page
      .getByRole('textbox', { name: 'URL' })
      .fill(`${fixture().url}/drip?count=2&interval=5&hold=1&api_key=sk-e2e-key`);
    await page.getByRole('button', { name: /^Options/ }).click();
    await page.getByRole('textbox', { name: 'Headers' }).fill('Authorization: Bearer sk-e2e-auth');
    // The web host has no key store: the save row says what will not be kept.
    await page.getByRole('button', { name: 'Save…' }).click();
    await expect(page.getByTestId('secrets-not-saved')).toHaveText(
      'Authorization, api_key: not saved (no key store); you are asked again next time',
    );
    await page.getByRole('textbox', { name: 'Saved request name' }).fill('With a key');
    await page.getByRole('button', { name: 'Save request' }).click();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('status-events')).toHaveText('2');
    await page.getByRole('button', { name: 'Disconnect' }).click();

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history-item').first().click();
    await page.getByRole('button', { name: 'Run again' }).click();
    await expect(page.getByTestId('session-actions')).toContainText(
      'Needs a value in the request bar: Authorization, api_key',
    );
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(/api_key=\[REDACTED\]/);
    await expect(page.getByRole('textbox', { name: 'Headers' })).toHaveValue(
      'Authorization: Bearer [REDACTED]',
    );
    await expect(page.getByTestId('request-bar').getByRole('alert')).toHaveText(
      'Enter Authorization, api_key where it says [REDACTED]: secrets are not kept.',
    );
    await page.screenshot({ path: 'test-results/screenshots/run-again-secrets.png' });

    await page.getByRole('tab', { name: 'Saved' }).click();
    await expect(page.getByTestId('saved-missing-secrets')).toHaveText(
      'Authorization, api_key: not saved: no key store; you are asked for them when it runs.',
    );
    await page.screenshot({ path: 'test-results/screenshots/saved-secrets-not-kept.png' });

    // Filled in, it runs.
    await page.getByRole('textbox', { name: 'Headers' }).fill('Authorization: Bearer sk-e2e-auth');
    const url = await page.getByRole('textbox', { name: 'URL' }).inputValue();
    await page
      .getByRole('textbox', { name: 'URL' })
      .fill(url.replace('api_key=[REDACTED]', 'api_key=sk-e2e-key'));
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('status-events')).toHaveText('2');
  });
});
