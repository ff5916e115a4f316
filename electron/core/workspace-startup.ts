import type { AppNotice } from '../../shared/ipc/api.ts';
import { Workspace, WorkspaceError } from './workspace/index.ts';

export interface OpenedWorkspace {
  workspace: Workspace;
  /** What the user must be told about how the workspace was opened. */
  notices: AppNotice[];
}

/**
 * Opens the app's workspace, never losing data silently: a corrupt file is kept aside under a
 * new name and a fresh workspace started; a file from a newer version or one that cannot be
 * opened is left untouched and this run records into memory, with a notice saying so.
 * Sessions left unfinished by a crash are marked interrupted.
 */
export function openWorkspaceForApp(path: string): OpenedWorkspace {
  const notices: AppNotice[] = [];
  let workspace: Workspace;
  try {
    workspace = Workspace.open(path);
  } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    if (error.code === 'corrupt') {
      const keptAs = Workspace.moveAside(path);
      workspace = Workspace.open(path);
      notices.push({
        level: 'error',
        message: `The workspace ${path} could not be read (${error.message}). It was kept as ${keptAs} and a fresh workspace was started.`,
      });
    } else {
      workspace = Workspace.open(':memory:');
      notices.push({
        level: 'error',
        message: `${error.message} Captures in this run are kept in memory only and are lost when the app closes.`,
      });
    }
  }
  const interrupted = workspace.markInterruptedSessions();
  if (interrupted > 0) {
    notices.push({
      level: 'warning',
      message: `${interrupted} session${interrupted === 1 ? ' was' : 's were'} interrupted when the app last stopped; ${interrupted === 1 ? 'it is' : 'they are'} in history, marked interrupted.`,
    });
  }
  return { workspace, notices };
}
