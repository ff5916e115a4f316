// Helpers for the CLI tests (not a test file itself).
import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from './cli-io.ts';

export type Command = (args: string[], io: CliIo) => Promise<number>;

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command on in-memory streams (`stdin`: these chunks) and collects what it wrote. */
export async function runWithIo(
  command: Command,
  args: string[],
  stdin: string[] = [],
): Promise<CommandResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await command(args, { stdin: Readable.from(stdin), stdout, stderr });
  // What was written last reaches the 'data' listeners on a later turn.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out, stderr: err };
}

/** The non-empty lines of an NDJSON output, parsed. */
export function jsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}
