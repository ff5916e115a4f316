import { BrowserWindow, nativeTheme, screen } from 'electron';
import { placeWindow, type WindowBounds } from './core/desktop/app-state.ts';
import { fileURLToPath } from 'node:url';
import { appHost, appScheme } from './app-protocol.ts';
import { lockedWebPreferences, pinToPage } from './security.ts';

const preloadPath = fileURLToPath(new URL(/* @vite-ignore */ './preload.cjs', import.meta.url));

export function rendererUrl(devServerUrl: string | undefined): string {
  return devServerUrl ?? `${appScheme}://${appHost}/index.html`;
}

/**
 * The one inspector window, locked down: isolated, sandboxed, no Node, no navigation. It opens
 * where it was last closed (moved onto a display if that one is gone), maximized if it was.
 */
export function createMainWindow(
  devServerUrl: string | undefined,
  devTools: boolean,
  saved: WindowBounds | null,
): BrowserWindow {
  const bounds =
    saved === null
      ? null
      : placeWindow(
          saved,
          screen.getAllDisplays().map((display) => display.workArea),
        );
  const window = new BrowserWindow({
    width: bounds?.width ?? 1360,
    height: bounds?.height ?? 860,
    ...(bounds === null ? {} : { x: bounds.x, y: bounds.y }),
    minWidth: 900,
    minHeight: 560,
    title: 'SSE Inspector',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#ffffff',
    webPreferences: lockedWebPreferences(preloadPath, devTools),
  });
  const url = rendererUrl(devServerUrl);
  pinToPage(window.webContents, url);
  window.once('ready-to-show', () => {
    if (bounds?.maximized === true) window.maximize();
    window.show();
  });
  void window.loadURL(url);
  return window;
}

/** The window's bounds to remember: its normal (unmaximized) size and place, and whether maximized. */
export function windowBounds(window: BrowserWindow): WindowBounds {
  const normal = window.getNormalBounds();
  return { ...normal, maximized: window.isMaximized() };
}
