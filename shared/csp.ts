/**
 * The renderer's Content Security Policy, declared once for the build's meta tag, the desktop
 * protocol handler and the web host. Stream data is never rendered as HTML, and nothing remote
 * is loaded: scripts and styles come only from the app itself.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
