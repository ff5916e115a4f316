// The session file API the shell (IPC), the web host and the CLI use.
export {
  exportExtensions,
  exportFormats,
  exportSessionToFile,
  exportSessionToStream,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
} from './export-session.ts';
export {
  importFormats,
  importSessionFile,
  type ImportFormat,
  type ImportOptions,
  type ImportResult,
} from './import-session.ts';
export type { ImportedSession } from './import-target.ts';
export {
  isMalformedInput,
  SessionFileError,
  type SessionFileErrorCode,
} from './session-file-error.ts';
