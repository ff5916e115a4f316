import { randomUUID } from 'node:crypto';
import { connect, fixtureServerForFile } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

const contract = {
  expect: {
    status: 200,
    events: { min: 4 },
    types: ['start', 'delta'],
    sequence: ['start', 'delta+', 'done'],
    ids: 'increasing',
  },
};

test.describe('checks tab', () => {
  test('judges a live connection as events arrive', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    // The stream stops before its third event until the test releases it: "pending" below is
    // a state, not a race with the stream.
    const gate = `checks-${randomUUID()}`;
    await connect(
      page,
      `${fixture().url}/typed?types=start,delta,delta,done&gate=${gate}&gateAt=3&hold=1`,
    );
    await expect(page.getByTestId('status-events')).toHaveText('2');
    await page.getByRole('tab', { name: 'Checks' }).click();
    await page
      .getByRole('textbox', { name: 'Check spec (JSON)' })
      .fill(JSON.stringify(contract, null, 2));
    await expect(page.getByTestId('check-status')).toHaveAttribute('data-state', 'pass');
    await expect(page.getByTestId('check-events')).toHaveAttribute('data-state', 'pending');
    await expect(page.getByTestId('check-sequence')).toHaveAttribute('data-state', 'pending');
    fixture().release(gate);
    await expect(page.getByTestId('check-events')).toHaveAttribute('data-state', 'pass');
    await expect(page.getByTestId('check-sequence')).toHaveAttribute('data-state', 'pass');
    await expect(page.getByTestId('check-types')).toHaveAttribute('data-state', 'fail');
    await expect(page.getByTestId('check-types')).toContainText(
      'event 3 has type "done" (allowed: start, delta)',
    );
    await page.screenshot({ path: 'test-results/screenshots/checks.png' });
  });

  test('names a spec error in one line', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=1&interval=0&hold=1`);
    await page.getByRole('tab', { name: 'Checks' }).click();
    await page
      .getByRole('textbox', { name: 'Check spec (JSON)' })
      .fill('{"expect":{"sequence":["a++"]}}');
    await expect(page.getByTestId('checks-spec-error')).toHaveText(
      'expect.sequence.0: bad pattern "a++": a step is an event type, optionally followed by ?, * or +',
    );
  });

  test('drives the resume check: drop, reconnect with Last-Event-ID, next id', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    // Events 1–4 arrive, then the stream (and its resumption) waits at the gate.
    const gate = `resume-${randomUUID()}`;
    await connect(page, `${fixture().url}/resume?count=10&interval=0&hold=1&gate=${gate}&gateAt=5`);
    await expect(page.getByTestId('status-events')).toHaveText('4');
    await page.getByRole('tab', { name: 'Checks' }).click();
    await page
      .getByRole('textbox', { name: 'Check spec (JSON)' })
      .fill('{"expect":{"resume":{"dropAfter":3}}}');
    await expect(page.getByTestId('check-resume')).toContainText('reconnected');
    fixture().release(gate);
    await expect(page.getByTestId('check-resume')).toHaveAttribute('data-state', 'pass');
    await expect(page.getByTestId('check-resume')).toContainText('resumed after id "4"');
  });
});

test.describe('checks kept with a saved request', () => {
  test('a spec kept with a collection request opens again for its next run', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await page
      .getByRole('textbox', { name: 'URL' })
      .fill(`${fixture().url}/typed?types=start,delta,done&interval=0`);
    await page.getByRole('tab', { name: 'Collections' }).click();
    await page.getByRole('button', { name: 'Add request bar…' }).click();
    await page.getByRole('textbox', { name: 'Request name' }).fill('Typed');
    await page.getByRole('button', { name: 'Add to My requests' }).click();
    const request = page.getByTestId('collection-request');
    await expect(request).toContainText('Typed');

    await request.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('status-events')).toHaveText('3');
    await page.getByRole('tab', { name: 'Checks' }).click();
    const spec = { expect: { sequence: ['start', 'delta+', 'done'], events: { min: 3 } } };
    await page
      .getByRole('textbox', { name: 'Check spec (JSON)' })
      .fill(JSON.stringify(spec, null, 2));
    const saved = page.getByTestId('checks-saved');
    // This connection is the request's last run: it is already the chosen request.
    await expect(saved.getByRole('combobox', { name: 'Saved request' })).toHaveValue(/\d+/);
    await saved.getByRole('button', { name: 'Keep spec with it' }).click();
    await expect(saved.getByRole('status')).toContainText('Spec kept with My requests › Typed');

    // The next run of the request opens with its spec, judged at once.
    await request.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('status-strip')).toBeVisible();
    await expect(page.getByTestId('check-sequence')).toHaveAttribute('data-state', 'pass');
    await expect(page.getByRole('textbox', { name: 'Check spec (JSON)' })).toHaveValue(/"delta\+"/);
    await page.screenshot({ path: 'test-results/screenshots/checks-saved-spec.png' });
  });
});
