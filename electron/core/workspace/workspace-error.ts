import { InspectorError, type WorkspaceErrorCode } from '../../../shared/errors.ts';

export type { WorkspaceErrorCode };

/**
 * Why a workspace could not be used. The UI branches on `code` (for example, `corrupt` offers
 * "start a fresh workspace, keep the old file") and shows `message` as is.
 */
export class WorkspaceError extends InspectorError<WorkspaceErrorCode> {
  override readonly name = 'WorkspaceError';
  /** The database file concerned (':memory:' for an in-memory workspace). */
  readonly path: string;

  constructor(code: WorkspaceErrorCode, path: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.path = path;
  }
}

/** A search query the full-text index could not understand; `message` says what to change. */
export class SearchQueryError extends InspectorError<'invalid-query'> {
  override readonly name = 'SearchQueryError';
  readonly query: string;

  constructor(query: string, message: string, options?: ErrorOptions) {
    super('invalid-query', message, options);
    this.query = query;
  }
}

/** SQLite primary result codes we react to (https://sqlite.org/rescode.html). */
export const SQLITE_BUSY = 5;
export const SQLITE_LOCKED = 6;
export const SQLITE_CORRUPT = 11;
export const SQLITE_CANTOPEN = 14;
export const SQLITE_NOTADB = 26;

/** The primary SQLite result code of an error thrown by `node:sqlite`, or null. */
export function sqliteCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('errcode' in error)) return null;
  const code = (error as { errcode: unknown }).errcode;
  // Extended codes carry the primary code in the low byte.
  return typeof code === 'number' ? code & 0xff : null;
}

/** Turns a low-level SQLite error met while opening or using `path` into a WorkspaceError. */
export function toWorkspaceError(error: unknown, path: string): WorkspaceError | null {
  if (error instanceof WorkspaceError) return error;
  const code = sqliteCode(error);
  if (code === SQLITE_NOTADB || code === SQLITE_CORRUPT) {
    return new WorkspaceError(
      'corrupt',
      path,
      `The workspace file ${path} is damaged or is not an SSE Inspector workspace. ` +
        'You can start a fresh workspace; the old file will be kept beside it.',
      { cause: error },
    );
  }
  if (code === SQLITE_BUSY || code === SQLITE_LOCKED) {
    return new WorkspaceError(
      'locked',
      path,
      `The workspace file ${path} is locked by another program (perhaps another SSE Inspector ` +
        'window or a command-line capture). Close it and try again.',
      { cause: error },
    );
  }
  if (code === SQLITE_CANTOPEN) {
    return new WorkspaceError(
      'io',
      path,
      `The workspace file ${path} could not be opened. Check that the folder exists and is writable.`,
      { cause: error },
    );
  }
  return null;
}
