import type { Page } from '@playwright/test';
import { row } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

/** Drags a file over the window (the overlay shows) and drops it, as the OS would. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName));
      return transfer;
    },
    [name, text] as const,
  );
  const target = page.getByTestId('timeline');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await target.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
}

test.describe('drag and drop a file on the window', () => {
  test('a dropped raw capture is imported and opened', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await expect(page.getByTestId('status-footer')).toContainText('Web host');
    // History is showing: the imported session appears in it without a manual refresh.
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByTestId('history-panel')).toBeVisible();
    await dropFile(page, 'capture.sse', 'id: 1\ndata: dropped one\n\nid: 2\ndata: dropped two\n\n');
    await expect(page.getByTestId('recorded-note')).toBeVisible();
    await expect(row(page, 'dropped two')).toBeVisible();
    await expect(page.getByTestId('command-message')).toHaveText('Imported 1 session.');
    await expect(page.getByTestId('history-origin')).toHaveText(['imported']);
  });

  test('a file that is not a session shows the import error and writes nothing', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await expect(page.getByTestId('status-footer')).toContainText('Web host');
    await dropFile(page, 'notes.json', '{"hello":"world"}');
    await expect(page.getByTestId('drop-error')).toContainText(
      'Could not import notes.json: This JSON file is neither an SSE Inspector session file nor a HAR file.',
    );
    await expect(page.getByTestId('recorded-note')).toBeHidden();
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByTestId('history-panel')).toBeVisible();
    await expect(page.getByTestId('history-item')).toHaveCount(0);
  });
});
