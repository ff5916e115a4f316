import type { MenuItemConstructorOptions } from 'electron';
import { appCommands, type AppCommandId } from '../shared/desktop/app-commands.ts';

export interface MenuOptions {
  isMac: boolean;
  appName: string;
  /** Development builds get "Toggle Developer Tools"; a packaged app has no such item. */
  devTools: boolean;
  /** Files opened before, newest first (File ▸ Open Recent). */
  recentFiles: readonly string[];
  autoUpdate: boolean;
}

export interface MenuActions {
  openFile(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** A command the window runs (the same ids its keyboard shortcuts run). */
  command(id: AppCommandId): void;
  checkForUpdates(): void;
  setAutoUpdate(enabled: boolean): void;
}

function commandItems(
  menu: (typeof appCommands)[number]['menu'],
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  return appCommands
    .filter((command) => command.menu === menu)
    .map((command) => ({
      label: command.label,
      accelerator: command.keys,
      click: () => actions.command(command.id),
    }));
}

/**
 * The application menu: standard roles for what the platform provides, and the app's commands
 * with the accelerators the renderer binds (shared/desktop/app-commands.ts), so the menu shows
 * every shortcut the window knows.
 */
export function applicationMenuTemplate(
  options: MenuOptions,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const { isMac, appName, devTools } = options;
  const recent: MenuItemConstructorOptions[] =
    options.recentFiles.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...options.recentFiles.map((path) => ({
            label: path,
            click: () => actions.openRecent(path),
          })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];
  const file: MenuItemConstructorOptions[] = [
    { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
    { label: 'Open Recent', submenu: recent },
    { type: 'separator' },
    ...commandItems('File', actions),
    { type: 'separator' },
    isMac ? { role: 'close' } : { role: 'quit' },
  ];
  const view: MenuItemConstructorOptions[] = [
    ...commandItems('View', actions),
    { type: 'separator' },
    { role: 'reload' },
    ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const help: MenuItemConstructorOptions[] = [
    ...commandItems('Help', actions),
    { type: 'separator' },
    { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
    {
      label: 'Check for Updates Automatically',
      type: 'checkbox',
      checked: options.autoUpdate,
      click: (item) => actions.setAutoUpdate(item.checked),
    },
    { type: 'separator' },
    { label: `About ${appName}`, role: 'about' },
  ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: file },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Connection', submenu: commandItems('Connection', actions) },
    { role: 'windowMenu' },
    { role: 'help', submenu: help },
  ];
}
