import { app, dialog, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import { shouldCheckForUpdates } from './core/desktop/app-state.ts';

// electron-updater is CommonJS: its named exports come through the default import.
const { autoUpdater } = electronUpdater;

/**
 * Updates from the GitHub releases in electron-builder.yml's `publish`: downloaded in the
 * background, installed when the app quits. Only an installed app checks, and only when its
 * user has not turned "Check for Updates Automatically" off; never in development or CI.
 */
export function checkOnStart(preference: boolean): void {
  if (!shouldCheckForUpdates({ isPackaged: app.isPackaged, preference, env: process.env })) return;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    // Offline, or no release yet: the next start tries again; nothing for the user to do.
    console.error(`Update check failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** Help ▸ Check for Updates…: asks now and says what it found. */
export async function checkNow(window: BrowserWindow | null): Promise<void> {
  const show = (message: string, detail?: string) =>
    window === null
      ? dialog.showMessageBox({ message, ...(detail === undefined ? {} : { detail }) })
      : dialog.showMessageBox(window, { message, ...(detail === undefined ? {} : { detail }) });
  if (!app.isPackaged) {
    await show('Updates are checked by the installed app only.', 'This is a development build.');
    return;
  }
  try {
    const result = await autoUpdater.checkForUpdates();
    if (result === null) {
      // The updater is inactive (no update feed in this build): nothing was checked.
      await show('Could not check for updates.', 'This build has no update feed.');
      return;
    }
    const latest = result.updateInfo.version;
    if (result.isUpdateAvailable && latest !== undefined) {
      await show(
        `SSE Inspector ${latest} is available.`,
        'It is downloading now and will be installed when you quit the app.',
      );
    } else {
      await show(`SSE Inspector ${app.getVersion()} is up to date.`);
    }
  } catch (error) {
    await show(
      'Could not check for updates.',
      error instanceof Error ? error.message : String(error),
    );
  }
}
