/**
 * The rules for what a user types into a request, each written once with its one message: the
 * request bar checks them as the user types, the request spec schema (IPC boundary, CLI, saved
 * and imported specs) enforces them with the same words. Zod-free, so the renderer can use them
 * without bundling zod. A check returns the message for a broken rule, or null.
 */
export type Check<T> = (value: T) => string | null;

// Header field values may not hold CR, LF or NUL (RFC 9110 §5.5): they would end the line.
const lineBreakOrNul = /[\r\n\0]/;
// A header name is an RFC 9110 token.
const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A Last-Event-ID is sent as a header value, so the same characters are refused. */
export const checkLastEventId: Check<string> = (value) =>
  lineBreakOrNul.test(value) ? 'A Last-Event-ID may not contain CR, LF or NUL.' : null;

export const checkHeaderName: Check<string> = (name) => {
  if (name === '') return 'A header needs a name.';
  return token.test(name) ? null : 'Header names may only use token characters.';
};

export const checkHeaderValue: Check<string> = (value) =>
  lineBreakOrNul.test(value) ? 'Header values may not contain CR, LF or NUL.' : null;

/**
 * One `Name: value` line (the request bar's header box, curl's `-H`), split at its first colon
 * with both sides trimmed; null when there is no colon. The parts still need the checks above.
 */
export function splitHeaderLine(line: string): [name: string, value: string] | null {
  const colon = line.indexOf(':');
  if (colon === -1) return null;
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}
