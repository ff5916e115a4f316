import { InspectorError, type SessionFileErrorCode } from '../../../shared/errors.ts';

export type { SessionFileErrorCode };

/**
 * Why a session could not be exported or a file imported. The UI and the CLI show `message` as
 * is (one sentence, no stack); `code` lets callers branch (the CLI exits 2 for malformed input).
 */
export class SessionFileError extends InspectorError<SessionFileErrorCode> {
  override readonly name = 'SessionFileError';
}

/** Malformed input (as opposed to a missing file or session): the CLI's exit code 2. */
export function isMalformedInput(error: unknown): boolean {
  return (
    error instanceof SessionFileError && error.code !== 'unreadable' && error.code !== 'not-found'
  );
}
