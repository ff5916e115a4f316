import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connect, fixtureServerForFile } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

/** Runs axe over the page as it is; serious and critical violations fail, listed by rule. */
async function expectNoSeriousViolations(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => ({
        target: node.target.join(' '),
        summary: node.failureSummary,
      })),
    }));
  expect(serious, `axe on ${view}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility (axe) in the ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      // The default theme choice follows the system: this is the system.
      await page.emulateMedia({ colorScheme: theme });
    });

    test('empty window, timeline with a row selected, every view tab, shortcuts, history, collections, proxy', async ({
      page,
      webHost,
    }) => {
      await page.goto(webHost.url);
      await expect(page.getByTestId('status-footer')).toContainText('Web host');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectNoSeriousViolations(page, 'the empty window');

      // 18 of the sample's 19 events, then the stream holds (a gate nobody opens): it neither
      // ends nor reconnects, so the rows stay where they are until Disconnect.
      await connect(page, `${fixture().url}/llm/openai?gap=0&gate=a11y-${theme}&gateAt=18`);
      await expect(page.getByTestId('llm-format')).toHaveCount(0);
      await expect(page.getByTestId('status-events')).toHaveText('18');
      // Stop it, so the page holds still for axe.
      await page.getByRole('button', { name: 'Disconnect' }).click();
      await expect(page.getByTestId('connection-state')).toHaveText('closed');
      const grid = page.getByRole('grid', { name: 'Events' });
      // The fourth event row (the header row is the grid's row 1, owned from outside the scroller).
      await grid.locator('[role="row"][aria-rowindex="5"]').click();
      await expect(grid.locator('[aria-selected="true"]')).toHaveCount(1);
      await expect(page.getByTestId('selection-announcement')).toHaveText(
        /^Row 4 of \d+ selected$/,
      );
      await expectNoSeriousViolations(page, 'the timeline with a row selected');
      await page.screenshot({ path: `test-results/screenshots/a11y-timeline-${theme}.png` });

      await page.getByRole('tab', { name: 'LLM' }).click();
      await expect(page.getByTestId('llm-format')).toHaveText('OpenAI chat completions');
      await expectNoSeriousViolations(page, 'the LLM tab');

      await page.getByRole('tab', { name: 'Statistics' }).click();
      await expect(page.getByRole('tab', { name: 'Statistics' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expectNoSeriousViolations(page, 'the Statistics tab');

      await page.getByRole('tab', { name: 'Compare' }).click();
      await expect(page.getByTestId('compare-view')).toBeVisible();
      await expectNoSeriousViolations(page, 'the Compare tab');

      await page.getByRole('tab', { name: 'Checks' }).click();
      await expect(page.getByRole('tab', { name: 'Checks' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expectNoSeriousViolations(page, 'the Checks tab');
      await page.screenshot({ path: `test-results/screenshots/a11y-checks-${theme}.png` });

      await page.getByRole('tab', { name: /^Warnings/ }).click();
      await expectNoSeriousViolations(page, 'the warnings list');

      await page.keyboard.press('Control+/');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectNoSeriousViolations(page, 'the keyboard shortcuts sheet');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);

      await page.getByRole('tab', { name: 'History' }).click();
      await expect(page.getByTestId('history-item')).toHaveCount(1);
      await expectNoSeriousViolations(page, 'history');

      await page.getByRole('tab', { name: 'Collections' }).click();
      await expect(page.getByTestId('collections-panel')).toBeVisible();
      await expectNoSeriousViolations(page, 'collections');

      await page.getByRole('tab', { name: 'Proxy' }).click();
      await expect(page.getByTestId('proxy-panel')).toBeVisible();
      await expectNoSeriousViolations(page, 'the proxy panel');
      await page.screenshot({ path: `test-results/screenshots/a11y-proxy-${theme}.png` });
    });
  });
}
