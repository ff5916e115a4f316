import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppStateStore, placeWindow, shouldCheckForUpdates } from './app-state.ts';
import { readLaunchArgs } from './launch-args.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desktop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('launch arguments', () => {
  it('finds files and links after the executable (and the app folder in development)', () => {
    expect(
      readLaunchArgs(['/opt/SSE Inspector/sse-inspector', '--no-sandbox', '/h/a.har'], true),
    ).toEqual({ files: ['/h/a.har'], links: [] });
    expect(
      readLaunchArgs(
        ['electron', '.', '--inspect=0', 'sse-inspector://connect?url=http://h/e', 'C:\\x.json'],
        false,
      ),
    ).toEqual({ files: ['C:\\x.json'], links: ['sse-inspector://connect?url=http://h/e'] });
  });
});

describe('remembered app state', () => {
  it('starts from defaults without a file, and keeps what it is told', () => {
    const path = join(dir, 'state', 'app-state.json');
    const store = new AppStateStore(path);
    expect(store.state).toEqual({ window: null, recentFiles: [], autoUpdate: true });
    store.update({ autoUpdate: false });
    store.addRecentFile('/a.har');
    store.addRecentFile('/b.har');
    store.addRecentFile('/a.har');
    expect(new AppStateStore(path).state).toMatchObject({
      autoUpdate: false,
      recentFiles: ['/a.har', '/b.har'],
    });
  });

  it('keeps only the newest ten recent files', () => {
    const store = new AppStateStore(join(dir, 's.json'));
    for (let i = 0; i < 15; i++) store.addRecentFile(`/f${i}.har`);
    expect(store.state.recentFiles).toHaveLength(10);
    expect(store.state.recentFiles[0]).toBe('/f14.har');
  });

  it('survives a damaged file and keeps the fields that are fine', () => {
    const path = join(dir, 's.json');
    writeFileSync(path, '{ not json');
    expect(new AppStateStore(path).state.autoUpdate).toBe(true);
    writeFileSync(path, JSON.stringify({ window: 'big', recentFiles: ['/x.har'], autoUpdate: 3 }));
    expect(new AppStateStore(path).state).toEqual({
      window: null,
      recentFiles: ['/x.har'],
      autoUpdate: true,
    });
    new AppStateStore(path).update({ autoUpdate: false });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ autoUpdate: false });
  });
});

describe('window placement', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };
  const saved = { x: 100, y: 80, width: 1200, height: 800, maximized: false };

  it('keeps bounds that are on a display', () => {
    expect(placeWindow(saved, [display])).toEqual(saved);
  });

  it('centres a window whose monitor is gone, shrunk to fit', () => {
    const offscreen = { ...saved, x: 2500, width: 2400, height: 1400 };
    expect(placeWindow(offscreen, [display])).toEqual({
      ...offscreen,
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
    });
  });
});

describe('update checks', () => {
  it('happen only in an installed app with the preference on, never in CI', () => {
    const env = {};
    expect(shouldCheckForUpdates({ isPackaged: true, preference: true, env })).toBe(true);
    expect(shouldCheckForUpdates({ isPackaged: false, preference: true, env })).toBe(false);
    expect(shouldCheckForUpdates({ isPackaged: true, preference: false, env })).toBe(false);
    expect(shouldCheckForUpdates({ isPackaged: true, preference: true, env: { CI: 'true' } })).toBe(
      false,
    );
  });
});
