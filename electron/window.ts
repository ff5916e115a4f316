import { BrowserWindow, nativeTheme } from 'electron';
import { fileURLToPath } from 'node:url';
import { appHost, appScheme } from './app-protocol.ts';
import { lockedWebPreferences, pinToPage } from './security.ts';

const preloadPath = fileURLToPath(new URL(/* @vite-ignore */ './preload.cjs', import.meta.url));

export function rendererUrl(devServerUrl: string | undefined): string {
  return devServerUrl ?? `${appScheme}://${appHost}/index.html`;
}

/** The one inspector window, locked down: isolated, sandboxed, no Node, no navigation. */
export function createMainWindow(
  devServerUrl: string | undefined,
  devTools: boolean,
): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 560,
    title: 'SSE Inspector',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#ffffff',
    webPreferences: lockedWebPreferences(preloadPath, devTools),
  });
  const url = rendererUrl(devServerUrl);
  pinToPage(window.webContents, url);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
