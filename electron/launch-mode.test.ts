import { describe, expect, it } from 'vitest';
import { launchMode, refusedSwitches } from './launch-mode.ts';

const devServer = { VITE_DEV_SERVER_URL: 'http://localhost:5173/' };

describe('launchMode', () => {
  it('ignores VITE_DEV_SERVER_URL in a packaged app, and says so', () => {
    const logged: string[] = [];
    expect(launchMode(true, devServer, (m) => logged.push(m))).toEqual({
      devServerUrl: undefined,
      devTools: false,
    });
    expect(logged).toEqual([
      'Ignored VITE_DEV_SERVER_URL: development switches are off in the packaged app.',
    ]);
  });

  it('has no DevTools in a packaged app even without any switch', () => {
    const logged: string[] = [];
    expect(launchMode(true, {}, (m) => logged.push(m))).toEqual({
      devServerUrl: undefined,
      devTools: false,
    });
    expect(logged).toEqual([]);
  });

  it('uses a loopback dev server and DevTools when not packaged', () => {
    expect(launchMode(false, devServer, () => {})).toEqual({
      devServerUrl: 'http://localhost:5173/',
      devTools: true,
    });
    expect(launchMode(false, { VITE_DEV_SERVER_URL: 'http://127.0.0.1:5173/' }).devServerUrl).toBe(
      'http://127.0.0.1:5173/',
    );
    expect(launchMode(false, {}, () => {})).toEqual({ devServerUrl: undefined, devTools: true });
  });

  it('refuses a dev server that is not on this machine, or not http', () => {
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'not a url']) {
      const logged: string[] = [];
      expect(launchMode(false, { VITE_DEV_SERVER_URL: url }, (m) => logged.push(m))).toEqual({
        devServerUrl: undefined,
        devTools: true,
      });
      expect(logged).toHaveLength(1);
    }
  });
});

describe('refusedSwitches', () => {
  const switches = new Set(['remote-debugging-port', 'no-sandbox']);
  const hasSwitch = (name: string) => switches.has(name);

  it('names the debugging switches a packaged app was started with', () => {
    expect(refusedSwitches(true, hasSwitch)).toEqual(['remote-debugging-port']);
    expect(refusedSwitches(true, () => false)).toEqual([]);
  });

  it('lets a development build be debugged', () => {
    expect(refusedSwitches(false, hasSwitch)).toEqual([]);
  });
});
