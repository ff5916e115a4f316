// Helpers for the CLI tests (not a test file itself).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import type { CliIo } from './cli-io.ts';

/** What a CLI test file captures from and writes to: set before its tests run. */
export interface CliTestPlace {
  server: FixtureServer;
  /** A scratch folder of its own (workspaces, request and spec files). */
  dir: string;
}

/**
 * A fixture server and a scratch folder for one test file: started before its tests, closed and
 * removed after them. Call it at the file's top level.
 */
export function cliTestPlace(prefix: string): CliTestPlace {
  const place = {} as CliTestPlace;
  beforeAll(async () => {
    place.server = await startFixtureServer();
    place.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await place.server.close();
    rmSync(place.dir, { recursive: true, force: true });
  });
  return place;
}

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
