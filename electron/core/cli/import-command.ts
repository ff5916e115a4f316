import { importFormats, importSessionFile, type ImportFormat } from '../files/import-session.ts';
import { isMalformedInput, SessionFileError } from '../files/session-file-error.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import { choiceOption, parseOptions, singleArgument } from './options.ts';
import { formatBytes } from './sessions-command.ts';

const importUsage = `Usage: npm run --silent cli -- import FILE [options]

Imports a session file (.ssesession.json), a HAR (Chrome, Firefox, SSE Inspector) or a raw
capture (the bytes of a stream, e.g. \`curl -N URL > file\`, with or without the headers of
\`curl -i\`) into the workspace, and prints the new session's id and counts.
  --db FILE        Workspace file (default: the app's workspace; created if needed)
  --name NAME      Name of the new session
  --as FORMAT      native, har or raw (default: detected from the content)
  --url URL        Raw captures: the URL they came from
  --json           Print one JSON object per new session instead of a sentence
Exit code: 0 when imported, 1 when the file or workspace cannot be read or written, 2 for
usage or a malformed file (nothing is written then).
`;

interface ImportSettings {
  path: string;
  dbPath: string;
  name: string | undefined;
  format: ImportFormat | undefined;
  url: string | undefined;
  json: boolean;
}

function parseImportArgs(args: string[]): ImportSettings {
  const options = parseOptions(args, {
    '--db': 'value',
    '--name': 'value',
    '--as': 'value',
    '--url': 'value',
    '--json': 'flag',
  });
  const path = singleArgument(options, 'a FILE to import is required');
  return {
    path,
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
    name: options.values.get('--name'),
    format: choiceOption(options.values.get('--as'), '--as', importFormats),
    url: options.values.get('--url'),
    json: options.flags.has('--json'),
  };
}

/**
 * `import FILE [--db F] [--name N] [--as F] [--url U] [--json]`: validates while it writes and
 * removes the partial session on any error, so a malformed file leaves the workspace unchanged.
 */
export const runImportCommand = defineCommand({
  name: 'import',
  usage: importUsage,
  parse: parseImportArgs,
  run: importFile,
});

async function importFile(settings: ImportSettings, io: CliIo, fail: Fail): Promise<number> {
  const { path, dbPath, name, format, url, json } = settings;
  const workspace = await openWorkspace(dbPath, fail);
  if (typeof workspace === 'number') return workspace;
  try {
    const result = await importSessionFile(workspace, path, {
      ...(name === undefined ? {} : { name }),
      ...(format === undefined ? {} : { format }),
      ...(url === undefined ? {} : { url }),
    });
    for (const session of result.sessions) {
      if (json) {
        io.stdout.write(`${JSON.stringify({ ...session, format: result.format, db: dbPath })}\n`);
      } else {
        io.stdout.write(
          `Imported session ${session.sessionId} "${session.name}" (${result.format}): ` +
            `${session.attempts} attempt${session.attempts === 1 ? '' : 's'}, ` +
            `${session.events} event${session.events === 1 ? '' : 's'}, ` +
            `${formatBytes(session.bytes)}, ${session.warnings} warning${session.warnings === 1 ? '' : 's'}\n`,
        );
      }
    }
    for (const note of result.notes) io.stderr.write(`sse-inspector import: note: ${note}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SessionFileError) {
      return fail(`${path}: ${error.message}`, isMalformedInput(error) ? 2 : 1);
    }
    return fail((error as Error).message, 1);
  } finally {
    workspace.close();
  }
}
