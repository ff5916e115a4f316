import { connect, fixtureServerForFile } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

test.describe('the window remembers its layout, tab, theme and filters', () => {
  test('pane sizes move by keyboard and survive a reload with the theme and the tab', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await expect(page.getByTestId('status-footer')).toContainText('Web host');
    const sidebar = page.getByRole('separator', { name: 'Resize the sidebar' });
    await expect(sidebar).toHaveAttribute('aria-valuenow', '250');
    await expect(sidebar).toHaveAttribute('aria-valuemin', '180');
    await sidebar.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(sidebar).toHaveAttribute('aria-valuenow', '282');
    await expect(page.getByRole('complementary', { name: 'Connections and history' })).toHaveCSS(
      'width',
      '282px',
    );
    await page.keyboard.press('End');
    await expect(sidebar).toHaveAttribute('aria-valuenow', '520');

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    await connect(page, `${fixture().url}/drip?count=2&interval=5&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('2');
    // The mouse drags a divider: the detail column grows as its left edge moves left.
    const side = page.getByRole('separator', { name: 'Resize the timeline and the event detail' });
    const box = await side.boundingBox();
    if (!box) throw new Error('The divider is not on screen.');
    await page.mouse.move(box.x + 1, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x - 99, box.y + 200, { steps: 4 });
    await page.mouse.up();
    await expect(side).toHaveAttribute('aria-valuenow', '540');
    await page.screenshot({ path: 'test-results/screenshots/resized-dark.png' });
    const raw = page.getByRole('separator', { name: 'Resize the raw bytes and warnings' });
    await raw.focus();
    await page.keyboard.press('ArrowUp');
    await expect(raw).toHaveAttribute('aria-valuenow', '296');
    await page.getByRole('tab', { name: 'Statistics' }).click();

    await page.reload();
    await expect(page.getByTestId('status-footer')).toContainText('Web host');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
    await expect(page.getByRole('separator', { name: 'Resize the sidebar' })).toHaveAttribute(
      'aria-valuenow',
      '520',
    );
    await page.getByTestId('connection-item').first().click();
    await expect(page.getByRole('tab', { name: 'Statistics' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(
      page.getByRole('separator', { name: 'Resize the raw bytes and warnings' }),
    ).toHaveAttribute('aria-valuenow', '296');
  });

  test('each connection URL keeps its own timeline search', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    const first = `${fixture().url}/drip?count=2&interval=5&hold=1`;
    const second = `${fixture().url}/typed?count=2&hold=1`;
    await connect(page, first);
    await expect(page.getByTestId('status-events')).toHaveText('2');
    const search = page.getByRole('searchbox', { name: 'Search timeline' });
    await search.fill('tick 2');
    await connect(page, second);
    await expect(page.getByTestId('connection-item')).toHaveCount(2);
    await expect(search).toHaveValue('');
    await page.getByTestId('connection-item').first().click();
    await expect(search).toHaveValue('tick 2');

    await page.reload();
    await page.getByTestId('connection-item').first().click();
    await expect(page.getByRole('searchbox', { name: 'Search timeline' })).toHaveValue('tick 2');
  });
});
