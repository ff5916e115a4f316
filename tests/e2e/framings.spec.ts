import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, fixtureServerForFile, row, rows } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();
const logLines = readFileSync(
  new URL('../fixtures/samples/ndjson-log.ndjson', import.meta.url),
  'utf8',
)
  .trimEnd()
  .split('\n');

test.describe('other framings (web host)', () => {
  test('shows an NDJSON stream live: one row per line while the server is still sending', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    // The server sends three lines, then waits at the gate until the test releases it: the
    // rows below are seen while the response is open, not after it ended.
    const gate = `ndjson-${randomUUID()}`;
    await connect(page, `${fixture().url}/ndjson-log?gate=${gate}&gateAt=3`);
    await expect(page.getByTestId('status-events')).toHaveText('3');
    await expect(row(page, logLines[2]!)).toBeVisible();
    await expect(row(page, logLines[3]!)).toHaveCount(0);
    await expect(page.getByTestId('status-state')).toContainText(/open/i);
    await expect(page.locator('.timeline-row[data-kind="response"]').first()).toContainText(
      'application/x-ndjson · HTTP/1.1 · read as ndjson',
    );
    await expect(rows(page).filter({ hasText: 'json' }).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/ndjson-live.png' });

    fixture().release(gate);
    await expect(page.getByTestId('status-events')).toHaveText('6');
    await expect(row(page, logLines[5]!)).toBeVisible();
    // The body ended: a complete NDJSON reply, no reconnect.
    await expect(page.getByTestId('status-state')).toContainText(/closed/i);
    await expect(page.locator('.timeline-row[data-kind="reconnect"]')).toHaveCount(0);

    // A record's detail and its bytes in the raw view, as for an SSE event.
    await row(page, logLines[4]!).click();
    const detail = page.getByTestId('event-detail');
    await expect(detail).toContainText('Event “json”');
    await expect(detail).toContainText('upstream timeout');
    const highlighted = page.getByTestId('raw-view').locator('.raw-line.highlighted');
    await expect(highlighted.first()).toContainText('upstream timeout');
    await page.screenshot({ path: 'test-results/screenshots/ndjson-detail.png' });
  });

  test('assembles an Ollama chat stream in the LLM tab', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    const gate = `ollama-${randomUUID()}`;
    await connect(page, `${fixture().url}/ollama/chat?gap=5&gate=${gate}&gateAt=4`);
    await page.getByRole('tab', { name: 'LLM' }).click();
    await expect(page.getByTestId('llm-format')).toHaveText('Ollama (/api/chat, /api/generate)');
    await expect(page.getByTestId('llm-text')).toHaveText('The sky is blue');
    await expect(page.getByTestId('llm-finish')).toHaveText('—');
    fixture().release(gate);
    await expect(page.getByTestId('llm-finish')).toHaveText('stop');
    await expect(page.getByTestId('llm-text')).toHaveText(
      'The sky is blue because of Rayleigh scattering.',
    );
    await page.screenshot({ path: 'test-results/screenshots/ollama-lens.png' });
  });

  test('assembles a Gemini JSON array in the LLM tab', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/gemini/stream?gap=5`);
    await page.getByRole('tab', { name: 'LLM' }).click();
    await expect(page.getByTestId('llm-format')).toHaveText('Gemini streamGenerateContent');
    await expect(page.getByTestId('llm-finish')).toHaveText('STOP');
    await expect(page.getByTestId('llm-text')).toHaveText(/^The sky looks blue because air/);
  });
});
