import { app, Menu } from 'electron';
import { applicationMenuTemplate, type MenuActions, type MenuOptions } from './menu-template.ts';

/** Installs (or rebuilds, when the recent list or a preference changed) the application menu. */
export function installMenu(
  options: Omit<MenuOptions, 'isMac' | 'appName'>,
  actions: MenuActions,
): void {
  const template = applicationMenuTemplate(
    { ...options, isMac: process.platform === 'darwin', appName: app.getName() },
    actions,
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
