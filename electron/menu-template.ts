import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isMac: boolean;
  appName: string;
  /** Development builds get "Toggle Developer Tools"; a packaged app has no such item. */
  devTools: boolean;
}

/** The application menu: standard roles, so shortcuts and platform conventions come for free. */
export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, appName, devTools } = options;
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `About ${appName}`, role: 'about' }] },
  ];
}
