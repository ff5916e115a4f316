import type { Session, WebContents, WebPreferences } from 'electron';
import { isSafeExternalUrl } from './core/api/external-links.ts';

// Electron's security checklist as code. Only types come from 'electron', so these run under
// Node in the unit tests against stand-ins for the web contents and the session.

type Log = (message: string) => void;
const warn: Log = (message) => console.warn(message);

/** The renderer's sandbox: isolated from the preload, no Node, no webviews, web security on. */
export function lockedWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * Every web contents (including ones we never meant to create) gets the same locks: no new
 * windows (a checked http(s) link goes to the system browser instead), no webviews.
 */
export function lockDownContents(
  contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'>,
  openExternal: (url: string) => void,
  log: Log = warn,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    else log(`Refused to open ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Refused to attach a webview');
  });
}

/** The window shows our page only: any navigation elsewhere is refused and logged. */
export function pinToPage(
  contents: Pick<WebContents, 'on'>,
  pageUrl: string,
  log: Log = warn,
): void {
  contents.on('will-navigate', (event, target) => {
    if (target === pageUrl) return;
    event.preventDefault();
    log(`Refused to navigate to ${target}`);
  });
  contents.on('will-redirect', (event, target) => {
    if (target === pageUrl) return;
    event.preventDefault();
    log(`Refused to redirect to ${target}`);
  });
}

/** The app uses no camera, microphone, notifications, geolocation…: deny every request. */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  log: Log = warn,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`Denied the permission "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
