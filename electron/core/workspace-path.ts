import { homedir } from 'node:os';
import { dirname, join, win32, posix } from 'node:path';

/** The app's folder name under the platform's per-user application data folder. */
export const APP_DATA_FOLDER = 'SSE Inspector';
export const WORKSPACE_FILE = 'workspace.db';

/**
 * Where the desktop app keeps its workspace: Electron's `userData` folder for an app named
 * "SSE Inspector" — `~/.config/SSE Inspector/` on Linux (or $XDG_CONFIG_HOME), `~/Library/
 * Application Support/SSE Inspector/` on macOS, `%APPDATA%\SSE Inspector\` on Windows. Computed
 * here without `electron` so the CLI writes to the same file as the app.
 */
export function defaultWorkspacePath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const appData = env['APPDATA'] ?? win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_DATA_FOLDER, WORKSPACE_FILE);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_DATA_FOLDER, WORKSPACE_FILE);
  }
  const config = env['XDG_CONFIG_HOME'] || join(home, '.config');
  return posix.join(config, APP_DATA_FOLDER, WORKSPACE_FILE);
}

/**
 * The capture proxy's CA folder: `proxy-ca` in the app's data folder, beside the default
 * workspace, so the app and the CLI share one CA and the user trusts it once.
 */
export function defaultProxyCaDir(): string {
  return join(dirname(defaultWorkspacePath()), 'proxy-ca');
}
