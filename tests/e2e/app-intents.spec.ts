// What the desktop shell hands to the core (files the OS opens with the app, sse-inspector://
// links, menu commands) reaches the real renderer as pushed intents. The Electron shell only
// forwards them (electron/main.ts calls core.openFile / openLink / runCommand); here the same
// core methods are called on a core served by an in-process web host, so the renderer's
// handling is driven end to end without an Electron binary.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InspectorCore } from '../../electron/core/inspector-core.ts';
import { startWebHost, type WebHost } from '../../electron/core/web-host/web-host.ts';
import { expect, test } from './web-host-fixture.ts';

const samples = join(import.meta.dirname, '../fixtures/samples');

let dir: string;
let core: InspectorCore;
let host: WebHost;

test.beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sse-inspector-intents-'));
  core = new InspectorCore({
    host: 'web',
    version: '0.0.0-test',
    workspacePath: join(dir, 'workspace.db'),
    proxyCaDir: join(dir, 'proxy-ca'),
  });
  host = await startWebHost({ core, rendererDir: 'dist/renderer', port: 0, log: () => {} });
});

test.afterEach(async () => {
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

test.describe('intents from the desktop shell', () => {
  test('a link fills the request bar and never connects; a bad link says why', async ({ page }) => {
    await page.goto(host.url);
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeVisible();
    const target = 'https://api.example.test/v1/stream?topic=prices';
    core.openLink(`sse-inspector://connect?url=${encodeURIComponent(target)}&method=POST`);
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(target);
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('POST');
    await expect(page.getByTestId('command-message')).toContainText('Request filled from a link');
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeFocused();
    await expect(page.getByTestId('connections-list')).toContainText('No connections yet');

    core.openLink('sse-inspector://delete-everything');
    await expect(page.getByTestId('notices').getByRole('alert')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(target);
  });

  test('menu commands run as their keys do', async ({ page }) => {
    await page.goto(host.url);
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeVisible();
    core.runCommand('shortcuts');
    const sheet = page.getByTestId('shortcuts-dialog');
    await expect(sheet).toBeVisible();
    await expect(sheet).toContainText('Keyboard shortcuts');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    core.runCommand('focus-url');
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeFocused();
    // Nothing to disconnect: the command says so instead of failing silently.
    core.runCommand('disconnect');
    await expect(page.getByTestId('command-message')).not.toBeEmpty();
  });

  test('a file the OS opens with the app is imported and shown; a broken one is reported', async ({
    page,
  }) => {
    await page.goto(host.url);
    await expect(page.getByRole('textbox', { name: 'URL' })).toBeVisible();
    expect(await core.openFile(join(samples, 'openai-chat-completions.sse'))).toBe(true);
    await expect(page.getByTestId('command-message')).toContainText('Opened');
    await expect(page.getByTestId('recorded-note')).toBeVisible();
    await expect(page.getByTestId('timeline').locator('.timeline-row').first()).toBeVisible();

    const broken = join(dir, 'broken.ssesession.json');
    writeFileSync(broken, '{"format":"sse-inspector-session","version":1,"sessions":[{');
    expect(await core.openFile(broken)).toBe(false);
    const alert = page.getByTestId('notices').getByRole('alert');
    await expect(alert).toContainText('Could not open broken.ssesession.json');
  });
});
