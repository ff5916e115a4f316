import { protocol } from 'electron';
import { pageSecurityHeaders } from '../shared/csp.ts';
import { readStaticFile } from './core/web-host/static-files.ts';

export const appScheme = 'app';
export const appHost = 'inspector';

/** Must run before the app is ready: `app:` behaves like https (standard, secure origin). */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `app://inspector/` with the CSP (and no framing) as headers. A custom scheme
 * instead of file:// gives the page a real origin for the CSP's 'self' and for IPC sender checks.
 */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? await readStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: pageSecurityHeaders });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.contentType, ...pageSecurityHeaders },
    });
  });
}
