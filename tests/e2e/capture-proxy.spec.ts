import { EventSource } from 'eventsource';
import { headerValue } from '../fixtures/sse-fixture-server.ts';
import { fixtureServerForFile, row } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

test.describe('capture proxy (web host)', () => {
  test('a stream an app receives through the proxy fills the UI live, and Drop cuts that app', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await page.getByRole('tab', { name: 'Proxy' }).click();
    const panel = page.getByTestId('proxy-panel');
    await panel.getByRole('textbox', { name: 'Target base URL' }).fill(fixture().url);
    await panel.getByRole('button', { name: 'Start proxy' }).click();
    const running = page.getByTestId('proxy-running');
    await expect(running).toContainText('Listening on http://127.0.0.1:');
    const proxyUrl = (await running.locator('code').first().textContent()) ?? '';
    expect(proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(running).toContainText('No stream yet');
    await page.screenshot({ path: 'test-results/screenshots/proxy-panel.png' });

    // The user's own app: the eventsource package, pointed at the proxy as its base URL. The
    // origin sends three events, then waits at a gate until the test has seen them.
    const received: string[] = [];
    const app = new EventSource(
      `${proxyUrl}/resume?count=5&interval=0&gate=proxied&gateAt=4&hold=1&retry=50`,
    );
    app.onmessage = (event) => received.push(event.data);
    try {
      await expect(running.getByTestId('proxy-streams')).toContainText('1 stream proxied, 1 open');
      await page.getByRole('tab', { name: 'Connections' }).click();
      const item = page.getByTestId('connection-item').first();
      await expect(item).toContainText('proxied');
      // Live: the first events show while the origin still holds the stream open.
      await expect(row(page, 'event 3')).toBeVisible();
      await expect(row(page, 'event 4')).toHaveCount(0);
      expect(received).toEqual(['event 1', 'event 2', 'event 3']);
      fixture().release('proxied');
      await expect(row(page, 'event 5')).toBeVisible();
      await expect(page.getByTestId('status-events')).toHaveText('5');

      // Only Drop makes sense for a stream the app opened.
      const controls = page.getByTestId('proxied-controls');
      await expect(page.getByTestId('reconnect-controls')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Reconnect now' })).toHaveCount(0);
      await page.screenshot({ path: 'test-results/screenshots/proxy-live-stream.png' });
      await controls.getByRole('button', { name: 'Drop client connection' }).click();

      // The app reconnects by itself, with the last id it got: a second proxied stream, which
      // the origin resumes after that id.
      await expect(page.getByTestId('connection-item')).toHaveCount(2);
      await expect(page.getByTestId('connection-item').first()).toContainText('closed');
      await expect.poll(() => received.at(-1)).toBe('event 10');
      const resumed = fixture()
        .requests()
        .filter((request) => request.url.startsWith('/resume?count=5&interval=0&gate=proxied'));
      expect(resumed).toHaveLength(2);
      expect(headerValue(resumed[1]!, 'last-event-id')).toBe('5');
    } finally {
      app.close();
    }
    await page.getByRole('tab', { name: 'Proxy' }).click();
    await page.getByRole('button', { name: 'Stop proxy' }).click();
    await expect(panel.getByRole('button', { name: 'Start proxy' })).toBeVisible();
  });

  test('forward mode shows the CA and a copyable environment line; a bad target says why', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await page.getByRole('tab', { name: 'Proxy' }).click();
    const panel = page.getByTestId('proxy-panel');
    await panel.getByRole('textbox', { name: 'Target base URL' }).fill('ftp://example.com');
    await panel.getByRole('button', { name: 'Start proxy' }).click();
    await expect(panel.getByRole('alert')).toContainText(
      'The target URL must be an http or https URL',
    );

    await panel.getByRole('radio', { name: /HTTP proxy/ }).check();
    await panel.getByRole('button', { name: 'Start proxy' }).click();
    const running = page.getByTestId('proxy-running');
    await expect(running).toContainText('Trust the CA');
    await expect(running).toContainText('proxy-ca/ca.pem');
    await expect(running).toContainText(
      /HTTPS_PROXY=http:\/\/127\.0\.0\.1:\d+ .*NODE_EXTRA_CA_CERTS=/,
    );
    await expect(running.getByText('curl -N -x')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/proxy-forward.png', fullPage: true });
    await running.getByRole('button', { name: 'Stop proxy' }).click();
  });
});
