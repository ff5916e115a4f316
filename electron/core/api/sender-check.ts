/** The origin the desktop renderer is served from (see `electron/app-protocol.ts`). */
export const appOrigin = 'app://inspector';

/**
 * Whether an IPC message comes from our own renderer: the top-level frame of a page served from
 * the app's protocol (or, in development, from Vite's dev server). Anything else — a subframe, a
 * navigated-away page, a foreign origin — is refused (VS Code's and HTTP Toolkit's rule).
 */
export function isTrustedSender(
  frameUrl: string | undefined,
  isMainFrame: boolean,
  devServerUrl?: string,
): boolean {
  if (!frameUrl || !isMainFrame) return false;
  let origin: string;
  try {
    origin = new URL(frameUrl).origin;
  } catch {
    return false;
  }
  // Non-special schemes such as app: have an opaque origin in the URL standard, so compare the
  // scheme and host ourselves.
  if (origin === 'null') {
    const url = new URL(frameUrl);
    origin = `${url.protocol}//${url.host}`;
  }
  if (origin === appOrigin) return true;
  if (devServerUrl) {
    try {
      return origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
