import type { Workspace } from '../workspace/workspace.ts';
import type { SessionDetail } from '../workspace/types.ts';
import type { ExportContext } from './export-context.ts';
import { writeHar } from './export-har.ts';
import { writeNativeSession } from './export-native.ts';
import { writeEventsNdjson, writeRawStream } from './export-streams.ts';
import { OutputSink, writeFileAtomically } from './output-sink.ts';
import { SessionFileError } from './session-file-error.ts';

export const exportFormats = ['json', 'har', 'ndjson', 'raw'] as const;
/** `json`: the native session file; `har`: HAR 1.2; `ndjson`: events; `raw`: the body bytes. */
export type ExportFormat = (typeof exportFormats)[number];

/** The usual file name ending of each format. */
export const exportExtensions: Record<ExportFormat, string> = {
  json: '.ssesession.json',
  har: '.har',
  ndjson: '.ndjson',
  raw: '.sse',
};

export interface ExportOptions {
  format: ExportFormat;
  /** raw and ndjson: only this attempt (default: every attempt). */
  attempt?: number | null;
  /** Called every few thousand records (or MiB for raw) and once at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Written into the file as the generator (default "SSE Inspector", version "unknown"). */
  appVersion?: string;
  /** Time of the export (default now); tests pass a fixed one. */
  exportedAt?: number;
}

export interface ExportResult {
  sessionId: number;
  format: ExportFormat;
  bytesWritten: number;
}

function sessionOrThrow(
  workspace: Workspace,
  sessionId: number,
  attempt: number | null,
): SessionDetail {
  const session = workspace.getSession(sessionId);
  if (session === null) {
    throw new SessionFileError('not-found', `There is no session ${sessionId} in the workspace.`);
  }
  if (attempt !== null && !session.attemptDetails.some((a) => a.attempt === attempt)) {
    throw new SessionFileError(
      'not-found',
      `Session ${sessionId} has no attempt ${attempt} (it has ${session.attempts}).`,
    );
  }
  return session;
}

/**
 * Exports one session to a writable stream (a file, stdout), paging through the workspace and
 * waiting on the stream's backpressure: memory stays flat whatever the session's size. The stream
 * is not ended (the caller owns it).
 */
export async function exportSessionToStream(
  workspace: Workspace,
  sessionId: number,
  out: NodeJS.WritableStream,
  options: ExportOptions,
): Promise<ExportResult> {
  const attempt = options.attempt ?? null;
  if (attempt !== null && (options.format === 'json' || options.format === 'har')) {
    throw new SessionFileError(
      'usage',
      `A ${options.format === 'json' ? 'session file' : 'HAR file'} holds every attempt; ` +
        'choose one attempt only for raw or NDJSON exports.',
    );
  }
  const session = sessionOrThrow(workspace, sessionId, attempt);
  const sink = new OutputSink(out);
  const context: ExportContext = {
    workspace,
    sink,
    generator: { name: 'SSE Inspector', version: options.appVersion ?? 'unknown' },
    exportedAt: options.exportedAt ?? Date.now(),
    attempt,
    progress: options.onProgress ?? (() => {}),
  };
  switch (options.format) {
    case 'json':
      await writeNativeSession(context, session);
      break;
    case 'har':
      await writeHar(context, session);
      break;
    case 'ndjson':
      await writeEventsNdjson(context, session);
      break;
    case 'raw':
      await writeRawStream(context, session);
      break;
  }
  await sink.flush();
  return { sessionId, format: options.format, bytesWritten: sink.bytesWritten };
}

/**
 * Exports one session to a file. The file appears complete or not at all (written beside it
 * under a temporary name, then renamed).
 */
export async function exportSessionToFile(
  workspace: Workspace,
  sessionId: number,
  path: string,
  options: ExportOptions,
): Promise<ExportResult> {
  // Checked first so a wrong id does not even create the temporary file.
  sessionOrThrow(workspace, sessionId, options.attempt ?? null);
  let result: ExportResult | undefined;
  await writeFileAtomically(path, async (out) => {
    result = await exportSessionToStream(workspace, sessionId, out, options);
  });
  return result!;
}
