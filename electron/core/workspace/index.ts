export { Workspace, type WorkspaceOpenOptions } from './workspace.ts';
export { SessionRecorder, type SessionRecorderOptions } from './recorder.ts';
export { WorkspaceError, SearchQueryError, type WorkspaceErrorCode } from './workspace-error.ts';
export { SNIPPET_CLOSE, SNIPPET_OPEN, plainTextQuery } from './event-search.ts';
export { latestSchemaVersion } from './migrations.ts';
export * from './types.ts';
