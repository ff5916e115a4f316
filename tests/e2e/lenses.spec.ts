import { randomUUID } from 'node:crypto';
import { connect, fixtureServerForFile } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

test.describe('stream lenses', () => {
  test('assembles an OpenAI chat stream live, with timing and finish reason', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await page.getByRole('tab', { name: 'LLM' }).waitFor({ state: 'detached' });
    // The stream stops before its fourth event until the test releases it: "still arriving"
    // below is a state, not a race with the stream.
    const gate = `openai-lens-${randomUUID()}`;
    await connect(page, `${fixture().url}/llm/openai?gap=20&gate=${gate}&gateAt=3`);
    await page.getByRole('tab', { name: 'LLM' }).click();
    await expect(page.getByTestId('llm-format')).toHaveText('OpenAI chat completions');
    const text = page.getByTestId('llm-text');
    // The text grows while the stream is still arriving…
    await expect(text).toHaveText(/^Server/);
    await expect(page.getByTestId('llm-finish')).toHaveText('—');
    const partial = await text.textContent();
    fixture().release(gate);
    await expect(page.getByTestId('llm-finish')).toHaveText('stop');
    const full = await text.textContent();
    expect(full?.length).toBeGreaterThan(partial?.length ?? 0);
    expect(full?.startsWith(partial ?? '')).toBe(true);
    await expect(page.getByTestId('llm-ttft')).not.toHaveText('—');
    await page.screenshot({ path: 'test-results/screenshots/llm-lens.png' });
  });

  test('shows statistics and compares two connections', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    // interval=0: each stream arrives in one chunk, so every event of a side has the same
    // arrival time and the comparison below can have no timing difference on any machine.
    await connect(page, `${fixture().url}/drip?count=20&interval=0&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('20');
    await page.getByRole('tab', { name: 'Statistics' }).click();
    await expect(page.getByTestId('stats-p50')).not.toHaveText('—');
    await expect(page.getByTestId('stats-attempts')).toContainText('200');
    await page.screenshot({ path: 'test-results/screenshots/stats.png' });
    await connect(page, `${fixture().url}/drip?count=18&interval=0&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('18');
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ index: 1 });
    await expect(page.getByTestId('compare-summary')).toContainText('18 same');
    await expect(page.getByTestId('compare-summary')).toContainText('0 timing differences');
    await expect(page.getByTestId('compare-summary')).toContainText('2 only right');
  });

  test('loads a request template and asks for its API key', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await page
      .getByRole('combobox', { name: 'Request templates' })
      .selectOption('anthropic-messages');
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('POST');
    await expect(page.getByRole('textbox', { name: 'Body' })).toContainText('"stream": true');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('alert')).toContainText('Replace {{ANTHROPIC_API_KEY}}');
  });
});
