/**
 * Why a session could not be exported or a file imported. The UI and the CLI show `message` as
 * is (one sentence, no stack); `code` lets callers branch (the CLI exits 2 for malformed input).
 */
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

export class SessionFileError extends Error {
  override readonly name = 'SessionFileError';
  readonly code: SessionFileErrorCode;

  constructor(code: SessionFileErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Malformed input (as opposed to a missing file or session): the CLI's exit code 2. */
export function isMalformedInput(error: unknown): boolean {
  return (
    error instanceof SessionFileError && error.code !== 'unreadable' && error.code !== 'not-found'
  );
}
