import { enableCompileCache } from 'node:module';
import { stderr, stdin, stdout } from 'node:process';
import { redactText } from '../../../shared/secrets/index.ts';
import type { CliIo } from './cli-io.ts';
import { errorMessage } from '../../../shared/errors.ts';

const usage = `Usage: npm run --silent cli -- <command> [options]

Commands:
  parse [FILE] [--chunk-size N] [--summary]   Parse an event stream file (or stdin) to NDJSON
  capture URL [-X M] [-H H] [-d BODY] [...]   Connect, record into the workspace, print NDJSON
  from-curl [FILE|-]                          A curl command or fetch snippet as request JSON
  search QUERY [--session ID] [--fts] [...]   Full-text search over recorded events, as NDJSON
  sessions [--limit N] [--json]               List recorded sessions (a table, or NDJSON)
  export ID --format json|har|ndjson|raw      Export a session (secrets redacted) [--out F]
  import FILE [--name N]                      Import a session file, HAR or raw capture
  replay FILE|ID [--cors ORIGIN] [...]        Serve a session as an SSE endpoint
  lens FILE|SESSION_ID [--format F] [...]     Decode an LLM stream (text, tool calls, TTFT) as JSON
  check [TARGET] --spec FILE [...]            Run stream contract checks (CI: exit 1 on failure)
  web [--port N]                              Serve the inspector UI to a browser on 127.0.0.1
  proxy [--target URL] [--port N] [...]       Capture proxy: record the streams your own app gets
  collection import FILE | list [--db F]      Import Postman/Insomnia/HAR collections; list requests
  run NAME|ID [--env N] [--var N=V] [...]     Run a stored request with its {{variables}}, as NDJSON
  help                                        Show this help
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

// V8 keeps the compiled code of the modules each command loads (in the OS temp folder, or
// NODE_COMPILE_CACHE): a second run of a command skips most of its compile time. A read-only
// or full temp folder only costs the cache, never the command.
enableCompileCache?.();

// Each command loads only its own modules, so `parse` starts fast and `web` needs no parser code.
const commands: Record<string, () => Promise<Command>> = {
  parse: async () => (await import('./parse-command.ts')).runParseCommand,
  capture: async () => (await import('./capture-command.ts')).runCaptureCommand,
  'from-curl': async () => (await import('./from-curl-command.ts')).runFromCurlCommand,
  search: async () => (await import('./search-command.ts')).runSearchCommand,
  sessions: async () => (await import('./sessions-command.ts')).runSessionsCommand,
  export: async () => (await import('./export-command.ts')).runExportCommand,
  import: async () => (await import('./import-command.ts')).runImportCommand,
  replay: async () => (await import('./replay-command.ts')).runReplayCommand,
  lens: async () => (await import('./lens-command.ts')).runLensCommand,
  check: async () => (await import('./check-command.ts')).runCheckCommand,
  web: async () => (await import('./web-command.ts')).runWebCommand,
  proxy: async () => (await import('./proxy-command.ts')).runProxyCommand,
  collection: async () => (await import('./collection-command.ts')).runCollectionCommand,
  run: async () => (await import('./run-command.ts')).runRunCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const io: CliIo = { stdin, stdout, stderr };
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? stderr : stdout).write(usage);
    return name === undefined ? 2 : 0;
  }
  const loadCommand = commands[name];
  if (!loadCommand) {
    stderr.write(`sse-inspector: unknown command "${name}"\n${usage}`);
    return 2;
  }
  const command = await loadCommand();
  return command(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An unexpected error may quote a URL or a header: stderr never shows a secret.
    stderr.write(`sse-inspector: ${redactText(errorMessage(error))}\n`);
    process.exitCode = 1;
  },
);
