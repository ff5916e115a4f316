import { existsSync } from 'node:fs';
import { errorMessage } from '../../../shared/errors.ts';
import { redactText } from '../../../shared/secrets/index.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { CliIo } from './cli-io.ts';
import { CliUsageError } from './options.ts';

/**
 * Writes `sse-inspector NAME: message` on stderr, secrets in the message redacted (an argument
 * quoted back may hold a header value or a URL with a key), and returns the exit code.
 */
export type Fail = (message: string, code: number) => number;

export interface CommandSpec<Settings> {
  /** The command as typed after `cli`; prefixes its error lines. */
  name: string;
  /** Printed for -h or --help. */
  usage: string;
  /** Said after a usage mistake, in parentheses (e.g. where the help is). */
  usageNote?: string;
  /** Reads the arguments; a CliUsageError is the user's mistake. */
  parse(args: string[]): Settings;
  run(settings: Settings, io: CliIo, fail: Fail): Promise<number>;
}

/**
 * What every command does around its own work: -h or --help prints its usage (exit 0), and a
 * usage mistake is one line on stderr (exit 2), as are the errors `run` reports through `fail`.
 */
export async function runCommand<Settings>(
  args: string[],
  io: CliIo,
  command: CommandSpec<Settings>,
): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(command.usage);
    return 0;
  }
  const fail: Fail = (message, code) => {
    io.stderr.write(`sse-inspector ${command.name}: ${redactText(message)}\n`);
    return code;
  };
  let settings: Settings;
  try {
    settings = command.parse(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    const note = command.usageNote === undefined ? '' : ` (${command.usageNote})`;
    return fail(`${error.message}${note}`, 2);
  }
  return command.run(settings, io, fail);
}

/** The command as main.ts and the tests call it. */
export function defineCommand<Settings>(
  command: CommandSpec<Settings>,
): (args: string[], io: CliIo) => Promise<number> {
  return (args, io) => runCommand(args, io, command);
}

/**
 * Opens the workspace a command works on, or returns the exit code after saying why not: 1 when
 * it cannot be opened; 2 when `missing` is given and there is no file (commands that only read
 * say so with that message instead of creating an empty workspace).
 *
 * The workspace module (node:sqlite, the store's queries, zod for stored requests) is loaded
 * here, not imported by the commands: a command that finds no workspace, or exits on a usage
 * error or --help, never loads it, which is most of its start-up time.
 */
export async function openWorkspace(
  dbPath: string,
  fail: Fail,
  missing?: string,
): Promise<Workspace | number> {
  if (missing !== undefined && !existsSync(dbPath)) return fail(missing, 2);
  const { Workspace } = await import('../workspace/workspace.ts');
  try {
    return Workspace.open(dbPath);
  } catch (error) {
    return fail(errorMessage(error), 1);
  }
}

/**
 * Resolves on the first SIGINT or SIGTERM (or when `signal` aborts). Call it before printing
 * the line that tells a caller the command is ready (a URL, `listening`): a caller that signals
 * as soon as it reads that line must find the handler installed, not the default that kills.
 */
export function untilInterrupted(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted === true) stop();
  });
}
