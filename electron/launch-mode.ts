// What a launch may take from its environment and command line. A packaged app ignores every
// development switch: an environment variable or a flag must not hand a foreign page (or a
// debugger) the inspector API. Only types come from 'electron', so this runs under Node in tests.

type Log = (message: string) => void;
const warn: Log = (message) => console.warn(message);

export interface LaunchMode {
  /** Vite's dev server, loaded (and trusted by the IPC gate) instead of the built page. */
  devServerUrl: string | undefined;
  /** Whether DevTools may open in the window. */
  devTools: boolean;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A dev server URL we accept: http(s) on this machine only. */
function loopbackHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && loopbackHosts.has(url.hostname)
    );
  } catch {
    return false;
  }
}

/**
 * The development switches this launch honours: `VITE_DEV_SERVER_URL` (a loopback http URL) and
 * DevTools in an unpackaged app (`npm start`, `npm run dev`); neither in a packaged one. An
 * ignored switch is logged, so a developer running a packaged build sees why.
 */
export function launchMode(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
  log: Log = warn,
): LaunchMode {
  const requested = env['VITE_DEV_SERVER_URL'] || undefined;
  if (isPackaged) {
    if (requested !== undefined) {
      log('Ignored VITE_DEV_SERVER_URL: development switches are off in the packaged app.');
    }
    return { devServerUrl: undefined, devTools: false };
  }
  if (requested !== undefined && !loopbackHttpUrl(requested)) {
    log(`Ignored VITE_DEV_SERVER_URL=${requested}: the dev server must be on localhost.`);
    return { devServerUrl: undefined, devTools: true };
  }
  return { devServerUrl: requested, devTools: true };
}

/**
 * Chromium switches that open the app to a debugger (the DevTools protocol gives the page's
 * full API to whoever connects). Node's `--inspect` flags are already off by fuse.
 */
export const debuggingSwitches = ['remote-debugging-port', 'remote-debugging-pipe'] as const;

/** The debugging switches a packaged app was started with (it refuses to run with any). */
export function refusedSwitches(
  isPackaged: boolean,
  hasSwitch: (name: string) => boolean,
): string[] {
  return isPackaged ? debuggingSwitches.filter((name) => hasSwitch(name)) : [];
}
