import { contentSecurityPolicy } from '../../shared/csp.ts';
import { expect, test } from './web-host-fixture.ts';

test.describe('app shell in the browser (web host)', () => {
  test('shows the request bar, the empty connections list and the empty timeline', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('GET');
    await expect(page.getByTestId('connections-list')).toContainText('No connections yet');
    await expect(page.getByTestId('timeline')).toContainText('Nothing captured yet');
    // The footer fills in from main over the WebSocket: proves the API round trip works.
    await expect(page.getByTestId('status-footer')).toContainText('Web host (127.0.0.1)');
    // The built page declares the same policy the hosts send as a header.
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      contentSecurityPolicy,
    );
    await page.screenshot({ path: 'test-results/screenshots/app-shell-light.png' });
  });

  test('follows a dark system theme', async ({ page, webHost }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(webHost.url);
    await expect(page.getByTestId('status-footer')).toContainText('Web host');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(21, 23, 28)');
    await page.screenshot({ path: 'test-results/screenshots/app-shell-dark.png' });
  });

  test('shows an inline message for a malformed URL', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await page.getByRole('textbox', { name: 'URL' }).fill('localhost:3000/events');
    await page.getByRole('textbox', { name: 'URL' }).press('Enter');
    await expect(page.getByRole('alert')).toContainText(
      'Did you mean http://localhost:3000/events?',
    );
  });
});

test.describe('web host access control', () => {
  test('takes the token out of the address bar; a reload still works', async ({
    page,
    request,
    webHost,
  }) => {
    const token = new URL(webHost.url).searchParams.get('token') ?? '';
    const response = await page.goto(webHost.url);
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.getByTestId('status-footer')).toContainText('Web host (127.0.0.1)');
    await expect.poll(() => page.url()).toBe(`${webHost.origin}/`);
    // The port-bound cookie authenticates the reloaded page, its assets and the WebSocket.
    await page.reload();
    await expect(page.getByTestId('status-footer')).toContainText('Web host (127.0.0.1)');
    // A refused request that carried a token is logged without it.
    expect((await request.get(`${webHost.origin}/?token=${token}x`)).status()).toBe(401);
    await expect.poll(() => webHost.stderr()).toContain('refused GET /: 401');
    expect(webHost.stderr()).not.toContain(token);
  });

  test('refuses a page request without the token', async ({ request, webHost }) => {
    const response = await request.get(`${webHost.origin}/`);
    expect(response.status()).toBe(401);
    expect(webHost.stderr()).toContain('refused');
  });

  test('refuses a request whose Host header is not loopback (DNS rebinding)', async ({
    request,
    webHost,
  }) => {
    const response = await request.get(webHost.url, { headers: { Host: 'evil.example:80' } });
    expect(response.status()).toBe(403);
  });
});
