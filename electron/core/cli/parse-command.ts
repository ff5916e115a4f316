import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { SseParser } from '../../../shared/sse/index.ts';
import type { SseEndSummary, SseOutput } from '../../../shared/sse/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliUsageError, parseOptions } from './options.ts';

const USAGE = 'usage: parse [FILE|-] [--chunk-size N] [--summary]';

interface ParseCommandOptions {
  /** undefined reads stdin. */
  file: string | undefined;
  /** Bytes per push; undefined pushes each read chunk as it comes. */
  chunkSize: number | undefined;
  summaryOnly: boolean;
}

function readOptions(args: string[]): ParseCommandOptions {
  const options = parseOptions(args, { '--chunk-size': 'value', '--summary': 'flag' });
  if (options.positional.length > 1) {
    throw new CliUsageError(`unexpected argument "${options.positional[1]}"`);
  }
  const file = options.positional[0];
  const chunkText = options.values.get('--chunk-size');
  if (chunkText !== undefined && !/^[1-9][0-9]*$/.test(chunkText)) {
    throw new CliUsageError(`--chunk-size must be a positive integer, got "${chunkText}"`);
  }
  return {
    file: file === '-' ? undefined : file,
    chunkSize: chunkText === undefined ? undefined : Number(chunkText),
    summaryOnly: options.flags.has('--summary'),
  };
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

/** The `end` line: the stream summary (extra fields beyond kind/events/bytes/incomplete). */
function endRecord(summary: SseEndSummary): Record<string, unknown> {
  const record: Record<string, unknown> = {
    kind: 'end',
    events: summary.events,
    bytes: summary.bytes,
    incomplete: summary.incomplete,
    lastEventId: summary.lastEventId,
    reconnectionTimeMs: summary.reconnectionTimeMs,
    warnings: summary.warningCounts,
  };
  if (summary.pending !== undefined) record.pending = summary.pending;
  return record;
}

/** Writes `text`, waiting for 'drain' when the destination buffer is full (backpressure). */
async function writeWithBackpressure(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * `parse [FILE|-] [--chunk-size N] [--summary]`: runs a byte stream through SseParser and writes
 * one JSON object per line, in stream order (events, retry, comments, warnings, then `end`).
 * Streams both ways: reads chunk by chunk and honours stdout backpressure. Exit codes: 0 parsed
 * (warnings or an incomplete last event do not fail it), 2 bad options or unreadable input.
 */
export async function runParseCommand(args: string[], io: CliIo): Promise<number> {
  let options: ParseCommandOptions;
  try {
    options = readOptions(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr.write(`sse-inspector parse: ${error.message} (${USAGE})\n`);
    return 2;
  }

  const { file, chunkSize, summaryOnly } = options;
  let input: AsyncIterable<unknown> = io.stdin;
  let close = async (): Promise<void> => {};
  if (file !== undefined) {
    try {
      const handle = await open(file, 'r');
      close = () => handle.close();
      if ((await handle.stat()).isDirectory()) {
        await close();
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      }
      input = handle.createReadStream({ autoClose: false });
    } catch (error) {
      io.stderr.write(`sse-inspector parse: cannot read '${file}': ${describeReadError(error)}\n`);
      return 2;
    }
  }

  // Outputs of one push are collected and written as one string: fewer writes, same order.
  let pendingLines: string[] = [];
  const parser = new SseParser({
    onOutput: summaryOnly
      ? undefined
      : (output: SseOutput) => {
          pendingLines.push(JSON.stringify(output));
        },
  });
  const flush = async (): Promise<void> => {
    if (pendingLines.length === 0) return;
    const text = `${pendingLines.join('\n')}\n`;
    pendingLines = [];
    await writeWithBackpressure(io.stdout, text);
  };

  try {
    for await (const chunk of input) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Uint8Array);
      if (chunkSize === undefined) {
        parser.push(bytes);
      } else {
        for (let at = 0; at < bytes.length; at += chunkSize) {
          parser.push(bytes.subarray(at, at + chunkSize));
        }
      }
      await flush();
    }
  } catch (error) {
    await close();
    const source = file === undefined ? 'stdin' : `'${file}'`;
    io.stderr.write(`sse-inspector parse: cannot read ${source}: ${describeReadError(error)}\n`);
    return 2;
  }
  await close();
  const summary = parser.end();
  pendingLines.push(JSON.stringify(endRecord(summary)));
  await flush();
  return 0;
}
