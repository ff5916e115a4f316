import {
  exportFormats,
  exportSessionToFile,
  exportSessionToStream,
  type ExportFormat,
  type ExportOptions,
} from '../files/export-session.ts';
import { SessionFileError } from '../files/session-file-error.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import {
  choiceOption,
  CliUsageError,
  parseOptions,
  singleArgument,
  wholeNumberOption,
} from './options.ts';
import { formatBytes } from './sessions-command.ts';
import { packageVersion } from './package-root.ts';

const exportUsage = `Usage: npm run --silent cli -- export ID [options]

Writes one recorded session to a file (or standard output).
  --format F       json (the native session file, the default), har (HAR 1.2), ndjson (one
                   line per event) or raw (the body bytes as received); without --format, the
                   --out file's extension chooses (.har, .ndjson, .sse/.txt/.raw, else json)
  --out FILE       Write to FILE (complete or not at all) instead of standard output
Secrets (Authorization, cookies, API keys, secret URL parameters, URL user info) are never
recorded, so every export shows "[REDACTED]" where they were.
  --attempt N      raw and ndjson: only attempt N (default: every attempt, in order)
  --db FILE        Workspace file (default: the app's workspace)
Exit code: 0 when written, 1 when the workspace or the file cannot be used, 2 for usage or an
unknown session.
`;

interface ExportSettings {
  sessionId: number;
  format: ExportFormat;
  out: string | null;
  attempt: number | null;
  dbPath: string;
}

function formatFromPath(path: string): ExportFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.har')) return 'har';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (/\.(sse|txt|raw|bin|stream)$/.test(lower)) return 'raw';
  return 'json';
}

function parseExportArgs(args: string[]): ExportSettings {
  const options = parseOptions(args, {
    '--format': 'value',
    '--out': 'value',
    '-o': 'value',
    '--keep-secrets': 'flag',
    '--attempt': 'value',
    '--db': 'value',
  });
  const id = singleArgument(options, 'a session ID is required (list them with "sessions")');
  if (options.flags.has('--keep-secrets')) {
    throw new CliUsageError(
      '--keep-secrets is no longer available: recorded sessions keep no secret values ' +
        '(they are stored as "[REDACTED]"), so no export can contain them',
    );
  }
  const out = options.values.get('--out') ?? options.values.get('-o') ?? null;
  const format = choiceOption(options.values.get('--format'), '--format', exportFormats);
  return {
    sessionId: wholeNumberOption(id, 'the session ID', 1)!,
    format: format ?? (out === null ? 'json' : formatFromPath(out)),
    out,
    attempt: wholeNumberOption(options.values.get('--attempt'), '--attempt', 1),
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
  };
}

/** `\r`-updated percentage on a terminal, so long exports show they are moving. */
function terminalProgress(io: CliIo): ((done: number, total: number) => void) | undefined {
  if ((io.stderr as { isTTY?: boolean }).isTTY !== true) return undefined;
  let shown = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    io.stderr.write(`\rExporting… ${percent}%${percent === 100 ? '\n' : ''}`);
  };
}

/**
 * `export ID --format json|har|ndjson|raw [--out F] [--attempt N] [--db F]`.
 * Streams the session page by page (bounded memory) to standard output, or to a file that is
 * renamed into place once complete.
 */
export const runExportCommand = defineCommand({
  name: 'export',
  usage: exportUsage,
  parse: parseExportArgs,
  run: exportSession,
});

async function exportSession(settings: ExportSettings, io: CliIo, fail: Fail): Promise<number> {
  const workspace = await openWorkspace(
    settings.dbPath,
    fail,
    `no workspace at ${settings.dbPath}`,
  );
  if (typeof workspace === 'number') return workspace;
  const options: ExportOptions = {
    format: settings.format,
    attempt: settings.attempt,
    appVersion: packageVersion(),
  };
  try {
    if (settings.out === null) {
      await exportSessionToStream(workspace, settings.sessionId, io.stdout, options);
      return 0;
    }
    const progress = terminalProgress(io);
    const result = await exportSessionToFile(workspace, settings.sessionId, settings.out, {
      ...options,
      ...(progress === undefined ? {} : { onProgress: progress }),
    });
    io.stdout.write(
      `Exported session ${settings.sessionId} (${settings.format}, ` +
        `${formatBytes(result.bytesWritten)}) to ${settings.out}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SessionFileError) return fail(error.message, 2);
    // The reader of a pipe went away (`| head`): what it wanted was written.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    return fail((error as Error).message, 1);
  } finally {
    workspace.close();
  }
}
