import type { AppNotice } from '../../shared/ipc/api.ts';
import { Workspace, WorkspaceError, type WorkspaceOpenOptions } from './workspace/index.ts';
import { toWorkspaceError } from './workspace/workspace-error.ts';

export interface OpenedWorkspace {
  workspace: Workspace;
  /** What the user must be told about how the workspace was opened. */
  notices: AppNotice[];
}

/**
 * Opens the app's workspace, never losing data silently: a corrupt file is kept aside under a
 * new name and a fresh workspace started; a file from a newer version, one locked by another
 * program for longer than the busy timeout, or one that cannot be opened is left untouched and
 * this run records into memory, with a notice saying so. Sessions left unfinished by a crash
 * are marked interrupted.
 */
export function openWorkspaceForApp(
  path: string,
  options: WorkspaceOpenOptions = {},
): OpenedWorkspace {
  const notices: AppNotice[] = [];
  let workspace: Workspace;
  let interrupted: number;
  try {
    workspace = openOrMoveAside(path, options, notices);
    try {
      // The first write: a file another program holds a write lock on fails here, not at open.
      interrupted = workspace.markInterruptedSessions();
    } catch (error) {
      workspace.close();
      throw toWorkspaceError(error, path) ?? error;
    }
  } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    workspace = Workspace.open(':memory:');
    interrupted = 0;
    notices.push({
      level: 'error',
      message: `${error.message} Captures in this run are kept in memory only and are lost when the app closes; export the ones to keep.`,
    });
  }
  if (interrupted > 0) {
    notices.push({
      level: 'warning',
      message: `${interrupted} session${interrupted === 1 ? ' was' : 's were'} interrupted when the app last stopped; ${interrupted === 1 ? 'it is' : 'they are'} in history, marked interrupted.`,
    });
  }
  return { workspace, notices };
}

function openOrMoveAside(
  path: string,
  options: WorkspaceOpenOptions,
  notices: AppNotice[],
): Workspace {
  try {
    return Workspace.open(path, options);
  } catch (error) {
    if (!(error instanceof WorkspaceError) || error.code !== 'corrupt') throw error;
    const keptAs = Workspace.moveAside(path);
    notices.push({
      level: 'error',
      message: `The workspace ${path} could not be read (${error.message}). It was kept as ${keptAs} and a fresh workspace was started.`,
    });
    return Workspace.open(path, options);
  }
}
