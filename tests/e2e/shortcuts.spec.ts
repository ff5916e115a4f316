import { fixtureServerForFile } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

test.describe('keyboard shortcuts in the web host', () => {
  test('focus the URL, connect from the URL box, search, disconnect', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await expect(page.getByTestId('status-footer')).toContainText('Web host');
    const url = page.getByRole('textbox', { name: 'URL' });

    // Nothing is selected: the command says why it does nothing.
    await page.keyboard.press('Control+Shift+KeyX');
    await expect(page.getByTestId('command-message')).toHaveText('No connection is selected.');

    await page.keyboard.press('Control+KeyL');
    await expect(url).toBeFocused();
    await page.keyboard.type(`${fixture().url}/drip?count=3&interval=5&hold=1`);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('status-events')).toHaveText('3');
    // Ctrl+Enter connected once (the field's own submit on Enter did not add a second one).
    await expect(page.getByTestId('connection-item')).toHaveCount(1);

    await page.keyboard.press('Control+KeyF');
    await expect(page.getByRole('searchbox', { name: 'Search timeline' })).toBeFocused();

    await page.keyboard.press('Control+Shift+KeyD');
    await expect(page.getByTestId('connection-state')).toHaveText('closed');
    await page.keyboard.press('Control+Shift+Enter');
    await expect(page.getByTestId('command-message')).toHaveText(
      'This connection has ended; press Connect to start a new one.',
    );
  });

  test('the shortcuts sheet lists every command; Escape closes it and focus returns', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    const url = page.getByRole('textbox', { name: 'URL' });
    await url.focus();
    await page.keyboard.press('Control+Slash');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('row', { name: /Connect Ctrl\+Enter/ })).toBeVisible();
    await expect(dialog.getByRole('row', { name: /Next connection Ctrl\+Alt\+↓/ })).toBeVisible();
    await expect(dialog.getByRole('row')).toHaveCount(11);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(url).toBeFocused();
  });
});
