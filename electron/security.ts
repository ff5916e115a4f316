import type { Input, Session, WebContents, WebPreferences } from 'electron';
import { redactText } from '../shared/secrets/index.ts';
import { isSafeExternalUrl } from './core/api/external-links.ts';

// Electron's security checklist as code. Only types come from 'electron', so these run under
// Node in the unit tests against stand-ins for the web contents and the session.

type Log = (message: string) => void;
// Refused URLs may carry tokens: logged through the secret classifier.
const warn: Log = (message) => console.warn(redactText(message));

/**
 * The renderer's sandbox: isolated from the preload, no Node, no webviews, web security on.
 * DevTools only when the launch allows them (development builds, see launch-mode.ts).
 */
export function lockedWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    devTools,
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

/**
 * The window shows our page only: any navigation elsewhere is refused and logged. The page has
 * no frames, so a subframe navigating anywhere (an injected iframe, a frame steering its
 * parent's child) is refused too; main-frame navigations are will-navigate's.
 */
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
  contents.on('will-frame-navigate', (details) => {
    if (details.isMainFrame) return;
    details.preventDefault();
    log(`Refused to navigate a subframe to ${details.url}`);
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

type ShortcutInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>;

/** F12, and Ctrl+Shift+I/J/C (Cmd+Alt+I/J/C on macOS): the keys that open DevTools. */
export function isDevToolsShortcut(input: ShortcutInput): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.key === 'F12') return true;
  const letter = input.key.toLowerCase();
  if (!['i', 'j', 'c'].includes(letter)) return false;
  return (input.control && input.shift) || (input.meta && input.alt);
}

/**
 * A packaged window has `devTools: false`; this is the second lock: the DevTools shortcuts never
 * reach Chromium, and DevTools opened any other way are closed at once (and logged).
 */
export function blockDevTools(
  contents: Pick<WebContents, 'on' | 'closeDevTools'>,
  log: Log = warn,
): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => {
    contents.closeDevTools();
    log('Closed DevTools: they are off in the packaged app');
  });
}
