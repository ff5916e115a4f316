import { app, dialog, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepLinkScheme } from '../shared/desktop/deep-link.ts';
import { handleAppProtocol, registerAppSchemePrivileges } from './app-protocol.ts';
import { AppStateStore } from './core/desktop/app-state.ts';
import { readLaunchArgs } from './core/desktop/launch-args.ts';
import { InspectorCore } from './core/inspector-core.ts';
import { keyStoreFromSafeStorage } from './core/secrets/key-store.ts';
import { WORKSPACE_FILE } from './core/workspace-path.ts';
import { registerIpc } from './ipc.ts';
import { launchMode, refusedSwitches } from './launch-mode.ts';
import { installMenu } from './menu.ts';
import { blockDevTools, denyAllPermissions, lockDownContents } from './security.ts';
import { checkNow, checkOnStart } from './updater.ts';
import { createMainWindow, windowBounds } from './window.ts';

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
  // The running instance gets this launch's files and links (second-instance) and comes forward.
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let core: InspectorCore | null = null;
  const state = new AppStateStore(join(app.getPath('userData'), 'app-state.json'));
  // Files and links that arrive before the window exists (macOS sends open-file that early).
  const pendingFiles: string[] = [];
  const pendingLinks: string[] = [];

  const focusWindow = (): void => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const menu = (): void =>
    installMenu(
      { devTools, recentFiles: state.state.recentFiles, autoUpdate: state.state.autoUpdate },
      {
        openFile: () => void chooseFile(),
        openRecent: (path) => openFile(path),
        clearRecent: () => {
          state.update({ recentFiles: [] });
          app.clearRecentDocuments();
          menu();
        },
        command: (id) => core?.runCommand(id),
        checkForUpdates: () => void checkNow(mainWindow),
        setAutoUpdate: (enabled) => {
          state.update({ autoUpdate: enabled });
          menu();
        },
      },
    );
  const openFile = (path: string): void => {
    if (!core) {
      pendingFiles.push(path);
      return;
    }
    focusWindow();
    void core.openFile(path).then((opened) => {
      if (!opened) return;
      state.addRecentFile(path);
      app.addRecentDocument(path);
      menu();
    });
  };
  const openLink = (link: string): void => {
    if (!core) {
      pendingLinks.push(link);
      return;
    }
    focusWindow();
    core.openLink(link);
  };
  const chooseFile = async (): Promise<void> => {
    const options: Electron.OpenDialogOptions = {
      title: 'Open a session or HAR',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Sessions and HAR files', extensions: ['json', 'har'] },
        { name: 'Raw captures', extensions: ['sse', 'txt'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const choice = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options);
    if (!choice.canceled) choice.filePaths.forEach(openFile);
  };
  const handOver = (argv: readonly string[]): void => {
    const request = readLaunchArgs(argv, app.isPackaged);
    request.files.forEach(openFile);
    request.links.forEach(openLink);
  };

  app.on('second-instance', (_event, argv) => {
    focusWindow();
    handOver(argv);
  });
  // macOS hands files and links over as events (also for the first launch).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents, (url) => void shell.openExternal(url));
    if (!devTools) blockDevTools(contents);
  });
  // A development build would register the bare Electron binary; only an installed app claims links.
  if (app.isPackaged) app.setAsDefaultProtocolClient(deepLinkScheme);

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    handleAppProtocol(rendererDir);
    menu();
    core = new InspectorCore({
      host: 'desktop',
      version: app.getVersion(),
      workspacePath: join(app.getPath('userData'), WORKSPACE_FILE),
      // Secrets of saved requests are sealed with the OS key store when it protects anything.
      keyStore: keyStoreFromSafeStorage(safeStorage, process.platform),
    });
    mainWindow = createMainWindow(devServerUrl, devTools, state.state.window);
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
    window.on('close', () => state.update({ window: windowBounds(window) }));
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    // What this launch was asked to open; the window receives it once it is ready.
    handOver(process.argv);
    pendingFiles.splice(0).forEach(openFile);
    pendingLinks.splice(0).forEach(openLink);
    checkOnStart(state.state.autoUpdate);
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
