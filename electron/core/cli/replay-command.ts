import { existsSync } from 'node:fs';
import { checkCorsOrigin } from '../../../shared/cors-origin.ts';
import { InspectorError } from '../../../shared/errors.ts';
import { SessionFileError } from '../files/session-file-error.ts';
import { startReplayServer, type ReplayServer } from '../replay/replay-server.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { runCommand, untilInterrupted, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import {
  CliUsageError,
  parseOptions,
  portOption,
  singleArgument,
  wholeNumberOption,
} from './options.ts';

const replayUsage = `Usage: npm run --silent cli -- replay FILE|ID [options]

Serves a recorded session (a session ID in the workspace, or a session file, HAR or raw
capture) as an SSE endpoint on http://127.0.0.1:PORT/ with its original chunking and timing,
and prints the URL. Runs until Ctrl-C.
  --port N        Port (default: any free port)
  --speed X       Time factor: 2 = twice as fast, 0 = as fast as possible (default 1)
  --loop          Start the body again when it ends
  --attempt N     The attempt served to a new client (default: the first with a response);
                  a client sending Last-Event-ID resumes after that event
  --cors ORIGIN   Let pages on ORIGIN (e.g. http://localhost:3000, or * for any) read the
                  replay; without it no CORS header is sent
  --db FILE       Workspace file for a session ID (default: the app's workspace)

Only requests addressed to 127.0.0.1:PORT or localhost:PORT are answered (403 otherwise).
`;

interface ReplaySettings {
  source: string;
  port: number;
  speed: number;
  loop: boolean;
  attempt: number | null;
  cors: string | null;
  dbPath: string;
}

function parseReplayArgs(args: string[]): ReplaySettings {
  const options = parseOptions(args, {
    '--port': 'value',
    '--speed': 'value',
    '--loop': 'flag',
    '--attempt': 'value',
    '--cors': 'value',
    '--db': 'value',
  });
  const source = singleArgument(options, 'a FILE or session ID is required');
  const port = portOption(options.values.get('--port'));
  const speedText = options.values.get('--speed') ?? '1';
  const speed = /^infinity$/i.test(speedText) ? Infinity : Number(speedText);
  if (speedText.trim() === '' || Number.isNaN(speed) || speed < 0) {
    throw new CliUsageError(`--speed must be 0 or a positive number, not "${speedText}"`);
  }
  const corsText = options.values.get('--cors');
  let cors: string | null = null;
  if (corsText !== undefined) {
    const check = checkCorsOrigin(corsText);
    if (!check.ok) throw new CliUsageError(`--cors: ${check.message}`);
    cors = check.origin;
  }
  return {
    source,
    port,
    speed,
    loop: options.flags.has('--loop'),
    attempt: wholeNumberOption(options.values.get('--attempt'), '--attempt', 1),
    cors,
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
  };
}

/**
 * `replay FILE|ID [--port N] [--speed X] [--loop] [--attempt N] [--cors O] [--db F]`: an argument that is
 * an existing file is served from the file; a number otherwise names a session in the workspace.
 * Stops on SIGINT/SIGTERM, or when `stop` is aborted (tests).
 */
export function runReplayCommand(args: string[], io: CliIo, stop?: AbortSignal): Promise<number> {
  return runCommand(args, io, {
    name: 'replay',
    usage: replayUsage,
    parse: parseReplayArgs,
    run: (settings, _io, fail) => replay(settings, io, fail, stop),
  });
}

async function replay(
  settings: ReplaySettings,
  io: CliIo,
  fail: Fail,
  stop: AbortSignal | undefined,
): Promise<number> {
  const fromFile = existsSync(settings.source) || !/^\d+$/.test(settings.source);
  let workspace: Workspace | null = null;
  let server: ReplayServer;
  try {
    const common = {
      port: settings.port,
      speed: settings.speed,
      loop: settings.loop,
      attempt: settings.attempt,
      cors: settings.cors,
      log: (message: string) => io.stderr.write(`${message}\n`),
    };
    if (fromFile) {
      server = await startReplayServer({ ...common, file: settings.source });
    } else {
      if (!existsSync(settings.dbPath)) return fail(`no workspace at ${settings.dbPath}`, 2);
      const { Workspace } = await import('../workspace/workspace.ts');
      workspace = Workspace.open(settings.dbPath);
      server = await startReplayServer({
        ...common,
        workspace,
        sessionId: Number(settings.source),
      });
    }
  } catch (error) {
    workspace?.close();
    const message = (error as Error).message;
    if (error instanceof SessionFileError) return fail(`${settings.source}: ${message}`, 2);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      return fail(`port ${settings.port} is already in use`, 1);
    }
    return fail(message, error instanceof InspectorError && error.code === 'not-found' ? 2 : 1);
  }
  const interrupted = untilInterrupted(stop);
  io.stdout.write(`${server.url}\n`);
  io.stderr.write(
    `Replaying session ${fromFile ? settings.source : server.sessionId} at ${server.url} ` +
      `(speed ${settings.speed}${settings.loop ? ', looping' : ''}` +
      `${settings.cors === null ? '' : `, CORS for ${settings.cors}`}). Ctrl-C stops.\n`,
  );
  await interrupted;
  await server.close();
  workspace?.close();
  return 0;
}
