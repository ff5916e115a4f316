import { once } from 'node:events';
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { SseEndSummary } from '../../../shared/sse/index.ts';
import { createStreamParser } from '../../../shared/streams/framing.ts';
import {
  framings,
  type Framing,
  type StreamEndSummary,
  type StreamOutput,
} from '../../../shared/streams/types.ts';
import { CliUsageError, choiceOption, parseOptions } from './options.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { describeReadError, type CliIo } from './cli-io.ts';

const USAGE = `usage: parse [FILE|-] [--framing ${framings.join('|')}] [--chunk-size N] [--summary]`;

const parseHelp = `Usage: npm run --silent cli -- parse [FILE|-] [options]

Parses an event stream from FILE (or standard input when FILE is - or absent) and prints one JSON
object per line in stream order: events, retry, comments, warnings, then an \`end\` summary.
Offsets are byte positions in the input.
  --framing F      ${framings.join('|')} (default sse)
  --chunk-size N   Feed the parser N bytes at a time (the result does not depend on it)
  --summary        Print only the \`end\` line
Exit codes: 0 parsed (warnings do not fail it), 1 writing the output failed, 2 bad options or
unreadable input.
`;

interface ParseCommandOptions {
  /** undefined reads stdin. */
  file: string | undefined;
  /** Bytes per push; undefined pushes what each read gives, in pieces of PUSH_BYTES at most. */
  chunkSize: number | undefined;
  summaryOnly: boolean;
  framing: Framing;
}

function readOptions(args: string[]): ParseCommandOptions {
  const options = parseOptions(args, {
    '--chunk-size': 'value',
    '--summary': 'flag',
    '--framing': 'value',
  });
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
    framing: choiceOption(options.values.get('--framing'), '--framing', framings) ?? 'sse',
  };
}

/**
 * Bytes per read of a FILE. Fewer reads cost less CPU, but a buffer larger than the CPU's cache
 * is copied out to memory and read back from it by the parser: on a 2-core EPYC, reading a
 * 137 MB file took 21 ms in 256 KiB reads, 25 ms in 64 KiB, 40 ms in 16 KiB and 70 ms in 1 MiB.
 */
export const FILE_READ_BYTES = 256 * 1024;
/**
 * Bytes per push, as a network read delivers them: a parser decodes a push's complete lines
 * into one string, and one over 128 KiB lands in V8's large-object space (a fresh mapping each
 * time, page faults and all), which made decoding several times slower.
 */
const PUSH_BYTES = 64 * 1024;

/**
 * A regular file's bytes in order, read into one reused buffer: each chunk is valid only until
 * the next one is asked for (the parser copies what it keeps). Reads are synchronous: a regular
 * file never blocks for long, and nothing else runs meanwhile but stdout's drain, awaited
 * between chunks. A read stream (a new 64 KiB buffer per chunk, each read a thread-pool round
 * trip) cost more CPU than the parsing itself.
 */
async function* readFileChunks(handle: FileHandle): AsyncGenerator<Uint8Array> {
  const buffer = new Uint8Array(FILE_READ_BYTES);
  for (;;) {
    const bytesRead = readSync(handle.fd, buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/** The `end` line: the stream summary (extra fields beyond kind/events/bytes/incomplete). */
function endRecord(
  summary: StreamEndSummary & Pick<SseEndSummary, 'pending'>,
): Record<string, unknown> {
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

/** Thrown by `Output.write` once the destination failed (e.g. EPIPE after `| head` exits). */
class OutputError extends Error {
  readonly reason: unknown;
  constructor(cause: unknown) {
    super(errorMessage(cause));
    this.name = 'OutputError';
    this.reason = cause;
  }
}

/**
 * Stdout with backpressure and error capture. The 'error' listener stays for the life of the
 * stream: a failed write is reported asynchronously, possibly after the command returned, and
 * an unhandled 'error' would crash the process with a stack trace.
 */
class Output {
  private readonly stream: NodeJS.WritableStream;
  private error: unknown = undefined;

  constructor(stream: NodeJS.WritableStream) {
    this.stream = stream;
    stream.on('error', (error: unknown) => {
      this.error ??= error;
    });
  }

  /** Writes `text`, waiting for 'drain' when the destination buffer is full. */
  async write(text: string): Promise<void> {
    if (this.error !== undefined) throw new OutputError(this.error);
    if ((this.stream as { destroyed?: boolean }).destroyed === true) {
      throw new OutputError(Object.assign(new Error('output closed'), { code: 'EPIPE' }));
    }
    if (this.stream.write(text)) return;
    try {
      await once(this.stream, 'drain');
    } catch (error) {
      throw new OutputError(error);
    }
  }
}

/** A reader that went away (`| head`) is not an error: stop quietly. Anything else is. */
function outputFailed(error: OutputError, io: CliIo): number {
  const code = (error.reason as { code?: unknown } | null)?.code;
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') return 0;
  io.stderr.write(`sse-inspector parse: cannot write output: ${error.message}\n`);
  return 1;
}

/**
 * `parse [FILE|-] [--framing F] [--chunk-size N] [--summary]`: runs a byte stream through the
 * parser of its framing (default `sse`: SseParser) and writes one JSON object per line, in
 * stream order (events, retry, comments, warnings, then `end`). Streams both ways: reads chunk by chunk and honours stdout backpressure. Exit codes: 0 parsed
 * (warnings or an incomplete last event do not fail it; nor does a reader that closed stdout
 * early, as `| head` does: parsing just stops), 1 stdout failed otherwise, 2 bad options or
 * unreadable input.
 */
export async function runParseCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(parseHelp);
    return 0;
  }
  let options: ParseCommandOptions;
  try {
    options = readOptions(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr.write(`sse-inspector parse: ${error.message} (${USAGE})\n`);
    return 2;
  }

  const { file, chunkSize, summaryOnly, framing } = options;
  // stdin is touched only when it is the input: Node makes the stream when first asked.
  let input: AsyncIterable<unknown>;
  let close = async (): Promise<void> => {};
  if (file === undefined) {
    input = io.stdin;
  } else {
    try {
      // Only for a FILE: node:fs/promises brings a dozen more of Node's modules (readline,
      // fs watchers) that a command reading stdin would load for nothing.
      const { open } = await import('node:fs/promises');
      const handle = await open(file, 'r');
      close = () => handle.close();
      const stat = await handle.stat();
      if (stat.isDirectory()) {
        await close();
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      }
      // Pipes and devices named as FILE may block: they are read as a stream, like stdin.
      input = stat.isFile()
        ? readFileChunks(handle)
        : handle.createReadStream({ autoClose: false });
    } catch (error) {
      io.stderr.write(`sse-inspector parse: cannot read '${file}': ${describeReadError(error)}\n`);
      return 2;
    }
  }

  // Outputs of one push are collected and written as one string: fewer writes, same order.
  const output = new Output(io.stdout);
  let pendingLines: string[] = [];
  const parser = createStreamParser(framing, {
    ...(summaryOnly
      ? {}
      : {
          onOutput: (output: StreamOutput) => {
            pendingLines.push(JSON.stringify(output));
          },
        }),
  });
  const flush = async (): Promise<void> => {
    if (pendingLines.length === 0) return;
    const text = `${pendingLines.join('\n')}\n`;
    pendingLines = [];
    await output.write(text);
  };

  try {
    for await (const chunk of input) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Uint8Array);
      const step = chunkSize ?? PUSH_BYTES;
      if (bytes.length <= step) {
        parser.push(bytes);
      } else {
        for (let at = 0; at < bytes.length; at += step) parser.push(bytes.subarray(at, at + step));
      }
      await flush();
    }
  } catch (error) {
    await close();
    if (error instanceof OutputError) return outputFailed(error, io);
    const source = file === undefined ? 'stdin' : `'${file}'`;
    io.stderr.write(`sse-inspector parse: cannot read ${source}: ${describeReadError(error)}\n`);
    return 2;
  }
  await close();
  const summary = parser.end();
  pendingLines.push(JSON.stringify(endRecord(summary)));
  try {
    await flush();
  } catch (error) {
    if (error instanceof OutputError) return outputFailed(error, io);
    throw error;
  }
  return 0;
}
