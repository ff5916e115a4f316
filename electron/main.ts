import { app, dialog, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleAppProtocol, registerAppSchemePrivileges } from './app-protocol.ts';
import { InspectorCore } from './core/inspector-core.ts';
import { keyStoreFromSafeStorage } from './core/secrets/key-store.ts';
import { WORKSPACE_FILE } from './core/workspace-path.ts';
import { registerIpc } from './ipc.ts';
import { launchMode, refusedSwitches } from './launch-mode.ts';
import { installMenu } from './menu.ts';
import { blockDevTools, denyAllPermissions, lockDownContents } from './security.ts';
import { createMainWindow } from './window.ts';

// Development switches (dev server, DevTools) count only when the app is not packaged.
const { devServerUrl, devTools } = launchMode(app.isPackaged, process.env);
const refused = refusedSwitches(app.isPackaged, (name) => app.commandLine.hasSwitch(name));
const rendererDir = fileURLToPath(new URL(/* @vite-ignore */ '../dist/renderer/', import.meta.url));

app.setName('SSE Inspector');
registerAppSchemePrivileges();

if (refused.length > 0) {
  console.error(
    `SSE Inspector does not run with ${refused.map((name) => `--${name}`).join(', ')}: ` +
      'debugging is off in the packaged app.',
  );
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let core: InspectorCore | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents, (url) => void shell.openExternal(url));
    if (!devTools) blockDevTools(contents);
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    handleAppProtocol(rendererDir);
    installMenu(devTools);
    core = new InspectorCore({
      host: 'desktop',
      version: app.getVersion(),
      workspacePath: join(app.getPath('userData'), WORKSPACE_FILE),
      // Secrets of saved requests are sealed with the OS key store when it protects anything.
      keyStore: keyStoreFromSafeStorage(safeStorage, process.platform),
    });
    mainWindow = createMainWindow(devServerUrl, devTools);
    registerIpc(core, mainWindow, devServerUrl);
    const window = mainWindow;
    core.sessions.setExportHost({
      chooseExportPath: async (suggestedName) => {
        const choice = await dialog.showSaveDialog(window, {
          title: 'Export session',
          defaultPath: join(app.getPath('downloads'), suggestedName),
        });
        return choice.canceled || !choice.filePath ? null : choice.filePath;
      },
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });

  // Close connections and flush the recorder before the process goes away, so a normal quit
  // loses nothing (a crash loses at most the recorder's last batch).
  let coreClosed = false;
  app.on('before-quit', (event) => {
    if (coreClosed || !core) return;
    event.preventDefault();
    coreClosed = true;
    void core.close().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
}
