import { NdjsonWriter } from '../connections/ndjson-lines.ts';
import type { SessionSummary } from '../workspace/types.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import { noArguments, parseOptions, wholeNumberOption } from './options.ts';

const sessionsUsage = `Usage: npm run --silent cli -- sessions [options]

Lists recorded sessions, newest first: id, start time, duration, attempts, events, bytes,
warnings, outcome, method, URL and name.
  --db FILE     Workspace file (default: the app's workspace)
  --limit N     Most sessions listed (default 50)
  --json        One JSON object per session (NDJSON) instead of a table
`;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local time "2024-05-01 12:00:05": what a person compares with their clock. */
export function formatStart(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

const columns: Array<{ title: string; cell: (s: SessionSummary) => string; right?: boolean }> = [
  { title: 'ID', cell: (s) => String(s.id), right: true },
  { title: 'STARTED', cell: (s) => formatStart(s.startedAt) },
  { title: 'DURATION', cell: (s) => formatDuration(s.durationMs), right: true },
  { title: 'ATT', cell: (s) => String(s.attempts), right: true },
  { title: 'EVENTS', cell: (s) => String(s.events), right: true },
  { title: 'BYTES', cell: (s) => formatBytes(s.bytes), right: true },
  { title: 'WARN', cell: (s) => String(s.warnings), right: true },
  { title: 'OUTCOME', cell: (s) => s.outcome ?? 'recording' },
  { title: 'METHOD', cell: (s) => s.method },
  { title: 'URL', cell: (s) => s.url },
  { title: 'NAME', cell: (s) => s.name },
];

/** A plain-text table: columns padded to their widest cell, the last one left ragged. */
export function sessionTable(sessions: SessionSummary[]): string {
  const rows = [columns.map((c) => c.title), ...sessions.map((s) => columns.map((c) => c.cell(s)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          if (i === row.length - 1) return cell;
          return columns[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
        })
        .join('  '),
    )
    .join('\n')
    .concat('\n');
}

interface SessionsSettings {
  dbPath: string;
  limit: number;
  json: boolean;
}

function parseSessionsArgs(args: string[]): SessionsSettings {
  const options = parseOptions(args, { '--db': 'value', '--limit': 'value', '--json': 'flag' });
  noArguments(options);
  return {
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
    limit: wholeNumberOption(options.values.get('--limit'), '--limit', 1) ?? 50,
    json: options.flags.has('--json'),
  };
}

/**
 * `sessions [--db F] [--limit N] [--json]`: the history, newest first, as a table or NDJSON.
 * Never creates a workspace: a missing file is a usage error (exit 2).
 */
export const runSessionsCommand = defineCommand({
  name: 'sessions',
  usage: sessionsUsage,
  parse: parseSessionsArgs,
  run: listSessions,
});

async function listSessions(settings: SessionsSettings, io: CliIo, fail: Fail): Promise<number> {
  const { dbPath } = settings;
  const missing = `no workspace at ${dbPath} (record one with "capture" first)`;
  const workspace = await openWorkspace(dbPath, fail, missing);
  if (typeof workspace === 'number') return workspace;
  try {
    const sessions = workspace.listSessions({ limit: settings.limit });
    if (!settings.json) {
      io.stdout.write(
        sessions.length === 0 ? 'No sessions recorded yet.\n' : sessionTable(sessions),
      );
      return 0;
    }
    const out = new NdjsonWriter(io.stdout);
    for (const session of sessions) {
      out.write({ ...session, started: new Date(session.startedAt).toISOString() });
    }
    await out.end();
    return 0;
  } finally {
    workspace.close();
  }
}
