import { enableCompileCache } from 'node:module';
import type { CliIo } from './cli-io.ts';

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

// Node makes each standard stream when it is first touched, and making one costs (stdin as a
// pipe or a TTY especially): a command that never reads stdin does not pay for it.
const io: CliIo = {
  get stdin() {
    return process.stdin;
  },
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(usage);
    return name === undefined ? 2 : 0;
  }
  const loadCommand = commands[name];
  if (!loadCommand) {
    io.stderr.write(`sse-inspector: unknown command "${name}"\n${usage}`);
    return 2;
  }
  const command = await loadCommand();
  return command(args, io);
}

/**
 * An error no command handled: one line on stderr, secrets redacted (it may quote a URL or a
 * header). The redaction rules are loaded only now: a run that goes well never needs them.
 */
async function reportUnexpected(error: unknown): Promise<void> {
  const [{ redactText }, { errorMessage }] = await Promise.all([
    import('../../../shared/secrets/index.ts'),
    import('../../../shared/errors.ts'),
  ]);
  io.stderr.write(`sse-inspector: ${redactText(errorMessage(error))}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    process.exitCode = 1;
    await reportUnexpected(error);
  },
);
