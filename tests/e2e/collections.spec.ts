import { headerValue } from '../fixtures/sse-fixture-server.ts';
import { fixtureServerForFile } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

/** A Postman v2.1 collection as Postman exports it: a folder, bearer auth, a collection variable. */
function postmanCollection() {
  return {
    info: {
      _postman_id: 'a5e1c0de-0000-4000-8000-000000000001',
      name: 'Fixture streams',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [{ key: 'count', value: '3', type: 'string' }],
    item: [
      {
        name: 'Ticks',
        item: [
          {
            name: 'Drip',
            request: {
              method: 'GET',
              header: [{ key: 'Accept', value: 'text/event-stream', type: 'text' }],
              url: { raw: '{{base}}/drip?count={{count}}&interval=5', host: ['{{base}}'] },
            },
            response: [],
          },
        ],
      },
    ],
  };
}

test.describe('collections and environments', () => {
  test('import a Postman collection, pick an environment, run a request', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await page.getByRole('tab', { name: 'Collections' }).click();
    await page.getByLabel('Import collection file').setInputFiles({
      name: 'streams.postman_collection.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(postmanCollection())),
    });
    await expect(page.getByTestId('collections-message')).toContainText('Imported 1 request');
    const request = page.getByTestId('collection-request');
    await expect(request).toContainText('Drip');

    // Loaded without an environment: the bar lists what is unresolved and sends nothing.
    await request.getByRole('button', { name: 'GET Drip' }).click();
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(
      '{{base}}/drip?count={{count}}&interval=5',
    );
    await expect(page.getByTestId('unresolved-variables')).toContainText('{{base}}, {{token}}');
    fixture().clearRequests();
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('alert')).toContainText('Replace {{base}}, {{token}}');
    expect(fixture().requests()).toEqual([]);

    // An environment with the base URL and a secret token.
    await page.getByRole('button', { name: 'Environments…' }).click();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('textbox', { name: 'Environment name' }).fill('Fixture');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByRole('textbox', { name: 'Variable 1 name' }).fill('base');
    await page.getByRole('textbox', { name: 'Variable 1 value' }).fill(fixture().url);
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByRole('textbox', { name: 'Variable 2 name' }).fill('token');
    await page.getByRole('textbox', { name: 'Variable 2 value' }).fill('tok-e2e');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByRole('textbox', { name: 'Variable 3 name' }).fill('apiKey');
    await page.getByLabel('Variable 3 value').fill('sk-never-stored');
    await page.getByRole('checkbox', { name: 'Variable 3 is secret' }).check();
    await page.getByRole('button', { name: 'Save environment' }).click();
    // The web host has no key store: the secret value is not saved, and the editor says so.
    await expect(page.getByTestId('environments-editor')).toContainText(
      'Not saved (no key store here): apiKey',
    );
    await page.getByRole('combobox', { name: 'Environment', exact: true }).selectOption('Fixture');
    await expect(page.getByTestId('unresolved-variables')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/collections-environment.png' });

    await request.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('status-events')).toHaveText('3');
    const sent = fixture().requests().at(-1)!;
    expect(sent.url).toBe('/drip?count=3&interval=5');
    expect(headerValue(sent, 'authorization')).toBe('Bearer tok-e2e');
    await expect(request.getByRole('button', { name: 'Last run' })).toBeVisible();
    await page.getByRole('button', { name: 'Environments…' }).click();
    await page.getByLabel('More actions for Drip').click();
    await expect(page.getByRole('button', { name: 'Rename Drip' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/collections-run.png' });

    // Edits in the bar go back into the stored request, {{…}} as typed.
    await page.getByRole('textbox', { name: 'URL' }).fill('{{base}}/drip?count=2&interval=5');
    await page.getByRole('button', { name: 'Save request bar here' }).click();
    await expect(page.getByTestId('collections-message')).toHaveText('Saved "Drip".');
    await expect(request.getByRole('button', { name: 'GET Drip' })).toHaveAttribute(
      'title',
      /\{\{base\}\}\/drip\?count=2&interval=5/,
    );
  });
});
