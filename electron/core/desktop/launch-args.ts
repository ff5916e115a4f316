import { deepLinkScheme } from '../../../shared/desktop/deep-link.ts';

/** What a launch (or a second launch handing over its arguments) asks the app to open. */
export interface LaunchRequest {
  files: string[];
  links: string[];
}

/**
 * Reads the files and `sse-inspector://` links from a launch's argv: Windows and Linux pass an
 * opened file or link as an argument (macOS uses `open-file` / `open-url` events instead).
 * `argv[0]` is the executable; in development (`electron .`) the next is the app folder. Switches
 * (`--flag`, `--flag=value`, and Chromium's own) are not files.
 */
export function readLaunchArgs(argv: readonly string[], isPackaged: boolean): LaunchRequest {
  const args = argv.slice(isPackaged ? 1 : 2);
  const request: LaunchRequest = { files: [], links: [] };
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().startsWith(`${deepLinkScheme}:`)) request.links.push(arg);
    else if (arg.trim() !== '') request.files.push(arg);
  }
  return request;
}
