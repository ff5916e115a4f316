import { app, Menu } from 'electron';
import { applicationMenuTemplate } from './menu-template.ts';

/** Installs the application menu (see menu-template.ts); DevTools items in development only. */
export function installMenu(devTools: boolean): void {
  const template = applicationMenuTemplate({
    isMac: process.platform === 'darwin',
    appName: app.getName(),
    devTools,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
