import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  blockDevTools,
  denyAllPermissions,
  isDevToolsShortcut,
  lockDownContents,
  lockedWebPreferences,
  pinToPage,
} from './security.ts';

/** Just enough of a WebContents: its events, and the window-open handler it was given. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsOpen = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  closeDevTools(): void {
    this.devToolsOpen = false;
  }
  /** Emits a details-style event (will-frame-navigate); true when a listener prevented it. */
  attemptDetails(name: string, details: Record<string, unknown>): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  }
  /** Emits `name` as Electron does; true when a listener prevented the default. */
  attempt(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

const asContents = (fake: FakeContents) => fake as unknown as WebContents;

describe('lockDownContents', () => {
  it('denies every new window; only a checked http(s) link goes to the system browser', () => {
    const fake = new FakeContents();
    const opened: string[] = [];
    const logged: string[] = [];
    lockDownContents(
      asContents(fake),
      (url) => opened.push(url),
      (m) => logged.push(m),
    );
    const open = (url: string) => fake.openHandler?.({ url }).action;
    expect(open('https://example.com/docs')).toBe('deny');
    expect(open('file:///etc/passwd')).toBe('deny');
    expect(open('javascript:alert(1)')).toBe('deny');
    expect(open('https://user:secret@example.com/')).toBe('deny');
    expect(open('ms-msdt:/id PCWDiagnostic')).toBe('deny');
    expect(opened).toEqual(['https://example.com/docs']);
    expect(logged).toHaveLength(4);
    expect(logged[0]).toBe('Refused to open file:///etc/passwd');
  });

  it('refuses to attach a webview', () => {
    const fake = new FakeContents();
    const logged: string[] = [];
    lockDownContents(
      asContents(fake),
      () => {},
      (m) => logged.push(m),
    );
    expect(fake.attempt('will-attach-webview', {}, {})).toBe(true);
    expect(logged).toEqual(['Refused to attach a webview']);
  });
});

describe('pinToPage', () => {
  const page = 'app://inspector/index.html';

  it('refuses and logs navigation and redirects anywhere but the page', () => {
    const fake = new FakeContents();
    const logged: string[] = [];
    pinToPage(asContents(fake), page, (m) => logged.push(m));
    expect(fake.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.attempt('will-navigate', 'file:///home/user/')).toBe(true);
    expect(fake.attempt('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(fake.attempt('will-navigate', page)).toBe(false);
    expect(logged).toEqual([
      'Refused to navigate to https://evil.example/',
      'Refused to navigate to file:///home/user/',
      'Refused to redirect to http://127.0.0.1:9/',
    ]);
  });

  it('refuses and logs every subframe navigation, leaving the main frame to will-navigate', () => {
    const fake = new FakeContents();
    const logged: string[] = [];
    pinToPage(asContents(fake), page, (m) => logged.push(m));
    const frameNavigation = (url: string, isMainFrame: boolean) =>
      fake.attemptDetails('will-frame-navigate', { url, isMainFrame, isSameDocument: false });
    expect(frameNavigation('https://evil.example/frame', false)).toBe(true);
    expect(frameNavigation(page, false)).toBe(true);
    expect(frameNavigation('about:blank', false)).toBe(true);
    expect(frameNavigation(page, true)).toBe(false);
    expect(logged).toEqual([
      'Refused to navigate a subframe to https://evil.example/frame',
      'Refused to navigate a subframe to app://inspector/index.html',
      'Refused to navigate a subframe to about:blank',
    ]);
  });
});

describe('DevTools in a packaged app', () => {
  const key = (
    key: string,
    modifiers: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {},
  ) => ({
    type: 'keyDown',
    key,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...modifiers,
  });

  it('knows the DevTools shortcuts of every platform, and nothing else', () => {
    expect(isDevToolsShortcut(key('F12'))).toBe(true);
    expect(isDevToolsShortcut(key('I', { control: true, shift: true }))).toBe(true);
    expect(isDevToolsShortcut(key('j', { control: true, shift: true }))).toBe(true);
    expect(isDevToolsShortcut(key('c', { meta: true, alt: true }))).toBe(true);
    expect(isDevToolsShortcut(key('c', { control: true }))).toBe(false);
    expect(isDevToolsShortcut(key('i', { control: true }))).toBe(false);
    expect(isDevToolsShortcut(key('k', { control: true, shift: true }))).toBe(false);
    expect(isDevToolsShortcut({ ...key('F12'), type: 'keyUp' })).toBe(false);
  });

  it('swallows the shortcuts and closes DevTools opened any other way', () => {
    const fake = new FakeContents();
    const logged: string[] = [];
    blockDevTools(asContents(fake), (m) => logged.push(m));
    expect(fake.attempt('before-input-event', key('F12'))).toBe(true);
    expect(fake.attempt('before-input-event', key('i', { control: true, shift: true }))).toBe(true);
    expect(fake.attempt('before-input-event', key('a', { control: true }))).toBe(false);
    fake.devToolsOpen = true;
    fake.emit('devtools-opened');
    expect(fake.devToolsOpen).toBe(false);
    expect(logged).toEqual(['Closed DevTools: they are off in the packaged app']);
  });
});

describe('denyAllPermissions', () => {
  it('denies every permission request and check, logging the requests', () => {
    let request:
      | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
      | null = null;
    let check: (() => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    } as unknown as Session;
    const logged: string[] = [];
    denyAllPermissions(session, (m) => logged.push(m));
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      request!(null, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(check!()).toBe(false);
    expect(logged[0]).toBe('Denied the permission "media"');
  });
});

describe('lockedWebPreferences', () => {
  it('isolates and sandboxes the renderer, without Node or webviews', () => {
    expect(lockedWebPreferences('/app/preload.cjs', false)).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('allows DevTools only when the launch does (development builds)', () => {
    expect(lockedWebPreferences('/p.cjs', false).devTools).toBe(false);
    expect(lockedWebPreferences('/p.cjs', true).devTools).toBe(true);
  });
});
