import type { Locator } from '@playwright/test';
import { headerValue } from '../fixtures/sse-fixture-server.ts';
import { fixtureServerForFile, row } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

/**
 * Pastes `text` into a field as the clipboard would (a paste event carrying the text); returns
 * whether the page took the paste over (prevented the browser from inserting the text).
 */
async function paste(field: Locator, text: string): Promise<boolean> {
  await field.focus();
  return field.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const event = new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    });
    element.dispatchEvent(event);
    return event.defaultPrevented;
  }, text);
}

test.describe('paste a request (web host)', () => {
  test('a curl command pasted into the URL box fills the bar; Connect sends it', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    const url = `${fixture().url}/echo?from=paste`;
    const command = [
      `curl '${url}' \\`,
      `  -H 'accept: text/event-stream' \\`,
      `  -H 'x-token: abc' \\`,
      `  --data-raw $'{"q":"it\\'s"}' \\`,
      `  -F 'file=@photo.png' \\`,
      `  --max-time 30 \\`,
      `  --compressed`,
    ].join('\n');
    expect(await paste(page.getByRole('textbox', { name: 'URL' }), command)).toBe(true);

    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(url);
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('POST');
    await expect(page.getByRole('textbox', { name: 'Headers' })).toHaveValue(
      'accept: text/event-stream\nx-token: abc',
    );
    await expect(page.getByRole('textbox', { name: 'Body' })).toHaveValue('{"q":"it\'s"}');
    const notice = page.getByTestId('paste-notice');
    await expect(notice).toContainText('Request filled from the pasted command.');
    await expect(notice.getByRole('listitem')).toHaveText([
      '-F (multipart form data)',
      '--max-time (a limit on the whole transfer; there is an idle timeout under Options)',
    ]);
    await page.screenshot({ path: 'test-results/screenshots/paste-request.png' });

    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(row(page, 'POST')).toBeVisible();
    await expect(row(page, JSON.stringify('{"q":"it\'s"}'))).toBeVisible();
    const sent = fixture()
      .requests()
      .find((request) => request.url === '/echo?from=paste');
    expect(sent && headerValue(sent, 'x-token')).toBe('abc');

    await notice.getByRole('button', { name: 'Dismiss notice' }).click();
    await expect(notice).toHaveCount(0);
  });

  test('ordinary text is left to the browser to paste', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    const urlBox = page.getByRole('textbox', { name: 'URL' });
    expect(await paste(urlBox, 'https://example.com/curl -d x')).toBe(false);
    await expect(page.getByTestId('paste-notice')).toHaveCount(0);
  });

  test('Import request… reads a fetch snippet and says what it cannot read', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await page.getByRole('button', { name: 'Import request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import request' });
    const box = dialog.getByRole('textbox', { name: 'Command to import' });
    await box.fill('fetch(url)');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Not a fetch snippet we can read');

    await box.fill(
      `fetch("${fixture().url}/drip?count=2&interval=0", {\n  "headers": {\n    "accept": "text/event-stream"\n  },\n  "body": null,\n  "method": "GET"\n});`,
    );
    await page.screenshot({ path: 'test-results/screenshots/import-request-dialog.png' });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(
      `${fixture().url}/drip?count=2&interval=0`,
    );
    await expect(page.getByTestId('paste-notice')).toContainText('Request filled');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(row(page, 'tick 2')).toBeVisible();
  });
});
