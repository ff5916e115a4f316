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

/**
 * The policy as the hosts send it in a header: also no page may frame ours (clickjacking).
 * `frame-ancestors` is ignored in a meta tag, so the build's tag leaves it out.
 */
export const contentSecurityPolicyHeader = `${contentSecurityPolicy}; frame-ancestors 'none'`;

/** Headers every response of the desktop protocol and the web host carries. */
export const pageSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicyHeader,
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
};
