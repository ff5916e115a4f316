/**
 * The one error type the user sees. Anything thrown as an InspectorError is the user's
 * concern: the UI (and the CLI) show its `message` as is, and code may branch on its `code`.
 * Anything else that escapes an API call is a bug: main logs it with its stack and the UI only
 * says "Internal error" with an id to find it in the log (see electron/core/api/error-reply.ts).
 */

/** Why a workspace could not be used (`corrupt` offers "start a fresh workspace"). */
export type WorkspaceErrorCode =
  | 'corrupt' // the file is not a SQLite database, or is damaged
  | 'locked' // another process holds a lock longer than the busy timeout
  | 'too-new' // created by a newer app version (its schema is left untouched)
  | 'io' // a folder or file could not be created, read or written
  | 'closed'; // the workspace was used after close()

/** Why a session could not be exported or a file imported (the CLI exits 2 for bad input). */
export type SessionFileErrorCode =
  | 'unreadable' // the file could not be read (missing, permissions)
  | 'empty' // nothing to import
  | 'invalid-json' // not JSON where JSON was expected
  | 'wrong-format' // JSON, but neither a session file nor a HAR
  | 'too-new' // a session file of a newer version
  | 'invalid' // the right format, with content that breaks its schema
  | 'no-streams' // a HAR without any event-stream request
  | 'too-large' // too large to read whole (only layouts that cannot be streamed)
  | 'not-found' // no such session or attempt
  | 'usage'; // an option that does not fit the request

export type InspectorErrorCode =
  // At the API boundary.
  | 'unknown-method' // no API method of that name
  | 'invalid-arguments' // arguments that break the method's schema
  | 'refused' // a caller that may not use the API (another frame or window)
  | 'disconnected' // the browser lost its WebSocket to the web host
  | 'internal' // a bug: the message carries the id under which main logged it
  // In the core.
  | 'not-found' // no such connection, session or attempt (any more)
  | 'busy' // the session is still capturing
  | 'unsupported' // this host cannot do that (e.g. save a file)
  | 'invalid-query' // a search the full-text index cannot parse
  | 'proxy-start' // the capture proxy cannot start (port in use, bad target, CA folder)
  | WorkspaceErrorCode
  | SessionFileErrorCode;

export class InspectorError<C extends InspectorErrorCode = InspectorErrorCode> extends Error {
  override name = 'InspectorError';
  readonly code: C;

  constructor(code: C, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** What went wrong, in one line, for anything that was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
