import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appCommands } from '../shared/desktop/app-commands.ts';
import { applicationMenuTemplate, type MenuActions } from './menu-template.ts';

const actions = (): MenuActions => ({
  openFile: vi.fn(),
  openRecent: vi.fn(),
  clearRecent: vi.fn(),
  command: vi.fn(),
  checkForUpdates: vi.fn(),
  setAutoUpdate: vi.fn(),
});

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

const options = { isMac: false, appName: 'SSE Inspector', devTools: false, autoUpdate: true };

describe('application menu', () => {
  it('shows every app command with the accelerator the window binds, and runs it', () => {
    const run = actions();
    const all = items(applicationMenuTemplate({ ...options, recentFiles: [] }, run));
    for (const command of appCommands) {
      const item = all.find((entry) => entry.label === command.label);
      expect(item?.accelerator).toBe(command.keys);
      (item?.click as () => void)();
      expect(run.command).toHaveBeenLastCalledWith(command.id);
    }
  });

  it('lists recent files and opens the one picked', () => {
    const run = actions();
    const all = items(applicationMenuTemplate({ ...options, recentFiles: ['/a.har'] }, run));
    (all.find((item) => item.label === '/a.har')?.click as () => void)();
    expect(run.openRecent).toHaveBeenCalledWith('/a.har');
    const empty = items(applicationMenuTemplate({ ...options, recentFiles: [] }, run));
    expect(empty.find((item) => item.label === 'No recent files')?.enabled).toBe(false);
  });

  it('offers "Toggle Developer Tools" in development builds only', () => {
    const roles = (devTools: boolean) =>
      items(applicationMenuTemplate({ ...options, devTools, recentFiles: [] }, actions())).map(
        (item) => item.role,
      );
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('reload');
  });
});
