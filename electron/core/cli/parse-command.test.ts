import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FILE_READ_BYTES, runParseCommand } from './parse-command.ts';

const samples = join(import.meta.dirname, '../../../tests/fixtures/samples');
const edgeCases = join(samples, 'spec-edge-cases.sse');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  records: Record<string, unknown>[];
}

/** A writable that accepts `highWaterMark` bytes before asking the writer to wait. */
function collector(highWaterMark = 16 * 1024): { stream: Writable; text: () => string } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      // Complete asynchronously so a small buffer really fills up and 'drain' is needed.
      setImmediate(callback);
    },
  });
  return { stream, text: () => Buffer.concat(parts).toString('utf8') };
}

async function run(args: string[], stdinChunks: (string | Buffer)[] = [], highWaterMark?: number) {
  const stdout = collector(highWaterMark);
  const stderr = collector();
  const code = await runParseCommand(args, {
    stdin: Readable.from(stdinChunks),
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  // The command leaves the streams open (they are the process's); flush what is queued.
  await new Promise<void>((resolve) => stdout.stream.end(resolve));
  await new Promise<void>((resolve) => stderr.stream.end(resolve));
  const text = stdout.text();
  const result: Run = {
    code,
    stdout: text,
    stderr: stderr.text(),
    records: text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
  return result;
}

describe('parse command', () => {
  it('prints its usage for --help and -h without reading any input', async () => {
    for (const flag of ['--help', '-h']) {
      const stdout = collector();
      const stderr = collector();
      const code = await runParseCommand([flag, '/no/such/file'], {
        stdin: Readable.from([]),
        stdout: stdout.stream,
        stderr: stderr.stream,
      });
      await new Promise<void>((resolve) => stdout.stream.end(resolve));
      expect(code).toBe(0);
      expect(stdout.text()).toMatch(/^Usage: .* parse \[FILE\|-\]/);
      expect(stdout.text()).toContain('--summary');
      expect(stderr.text()).toBe('');
    }
  });

  it('writes one JSON object per line in stream order, ending with the summary', async () => {
    const { code, records, stderr } = await run([edgeCases]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(records.map((r) => r.kind)).toEqual([
      'comment',
      'retry',
      'event',
      'warning',
      'event',
      'warning',
      'event',
      'event',
      'warning',
      'event',
      'warning',
      'end',
    ]);
    expect(records[0]).toEqual({ kind: 'comment', text: 'stream opened', offset: 3 });
    expect(records[1]).toMatchObject({ kind: 'retry', ms: 1500 });
    expect(records[2]).toEqual({
      kind: 'event',
      type: 'greeting',
      data: 'hello\nworld',
      lastEventId: '1',
      start: 35,
      end: 87,
    });
    expect(records[8]).toMatchObject({ kind: 'warning', code: 'invalid-retry', offset: 183 });
    expect(records.at(-1)).toMatchObject({ kind: 'end', events: 5, bytes: 280, incomplete: true });
  });

  it('gives the same output whatever --chunk-size is', async () => {
    const natural = await run([edgeCases]);
    for (const size of ['1', '3', '1000']) {
      expect((await run([edgeCases, '--chunk-size', size])).stdout).toBe(natural.stdout);
    }
    expect((await run([edgeCases, `--chunk-size=2`])).stdout).toBe(natural.stdout);
  });

  it('gives identical events and offsets with --chunk-size 1 on every sample', async () => {
    const files = readdirSync(samples).filter((name) => name.endsWith('.sse'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const natural = await run([join(samples, name)]);
      expect(natural.code).toBe(0);
      expect((await run([join(samples, name), '--chunk-size', '1'])).stdout, name).toBe(
        natural.stdout,
      );
    }
  });

  it('prints just the end line for an empty stdin', async () => {
    const { code, stdout, stderr } = await run([], []);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      '{"kind":"end","events":0,"bytes":0,"incomplete":false,"lastEventId":"",' +
        '"reconnectionTimeMs":3000,"warnings":{}}\n',
    );
  });

  it('discards a line over 16 MiB with one warning and keeps parsing', async () => {
    const huge = Buffer.alloc(16 * 1024 * 1024 + 10, 0x61);
    const input = [
      Buffer.from('data: '),
      huge,
      huge.subarray(0, 5),
      Buffer.from('\n\ndata: ok\n\n'),
    ];
    const { code, records } = await run(['--chunk-size', '65536'], input);
    expect(code).toBe(0);
    const bytes = 6 + huge.length + 5 + 2;
    expect(records).toEqual([
      expect.objectContaining({ kind: 'warning', code: 'line-too-long', offset: 0 }),
      expect.objectContaining({ kind: 'event', data: 'ok', start: bytes, end: bytes + 10 }),
      expect.objectContaining({ kind: 'end', events: 1, bytes: bytes + 10, incomplete: false }),
    ]);
  });

  it('stops quietly (exit 0) when the reader closes stdout, as `| head` does', async () => {
    let writes = 0;
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        writes++;
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stderr = collector();
    let reads = 0;
    const stdin = Readable.from(
      (function* () {
        for (; reads < 1000; reads++) yield Buffer.from(`data: ${reads}\n\n`);
      })(),
    );
    const code = await runParseCommand([], { stdin, stdout, stderr: stderr.stream });
    await new Promise<void>((resolve) => stderr.stream.end(resolve));
    expect(code).toBe(0);
    expect(stderr.text()).toBe('');
    expect(writes).toBe(1);
    expect(reads).toBeLessThan(1000);
  });

  it('exits 1 with a one-line error when stdout fails otherwise', async () => {
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
      },
    });
    const stderr = collector();
    const stdin = Readable.from(['data: a\n\n', 'data: b\n\n']);
    const code = await runParseCommand([], { stdin, stdout, stderr: stderr.stream });
    await new Promise<void>((resolve) => stderr.stream.end(resolve));
    expect(code).toBe(1);
    expect(stderr.text()).toBe(
      'sse-inspector parse: cannot write output: no space left on device\n',
    );
  });

  it('reads stdin when FILE is absent or -', async () => {
    const input = ['data: a\n', Buffer.from('\ndata: ', 'utf8'), 'b\n\n'];
    for (const args of [[], ['-']]) {
      const { code, records, stderr } = await run(args, input);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(records.map((r) => r.data ?? r.kind)).toEqual(['a', 'b', 'end']);
    }
  });

  it('prints only the end line with --summary', async () => {
    const { records } = await run([edgeCases, '--summary']);
    expect(records).toEqual([
      expect.objectContaining({ kind: 'end', events: 5, bytes: 280, incomplete: true }),
    ]);
  });

  it('keeps every line and their order when stdout applies backpressure', async () => {
    const body = Array.from({ length: 2000 }, (_, i) => `id: ${i}\ndata: event ${i}\n\n`).join('');
    const { code, records } = await run([], [body], 64);
    expect(code).toBe(0);
    expect(records.length).toBe(2001);
    expect(records[1999]).toMatchObject({ data: 'event 1999', lastEventId: '1999' });
  });

  it('exits 2 with a one-line error for a missing file', async () => {
    const { code, stdout, stderr } = await run(['no-such-dir/x.sse']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("sse-inspector parse: cannot read 'no-such-dir/x.sse': no such file\n");
  });

  it('exits 2 for a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sse-parse-'));
    const { code, stderr } = await run([dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(`sse-inspector parse: cannot read '${dir}': is a directory\n`);
  });

  it('exits 2 with a one-line usage error for bad options', async () => {
    for (const args of [
      ['--nope'],
      ['--chunk-size', '0'],
      ['--chunk-size', '-3'],
      ['--chunk-size', 'abc'],
      ['--chunk-size'],
      ['a.sse', 'b.sse'],
    ]) {
      const { code, stdout, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(stderr).toContain('usage: parse');
    }
  });

  it('parses a file written with invalid UTF-8 and reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sse-parse-'));
    const file = join(dir, 'bad.sse');
    writeFileSync(file, Buffer.from([0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a]));
    const { records } = await run([file]);
    expect(records).toEqual([
      expect.objectContaining({ kind: 'warning', code: 'invalid-utf8', offset: 5 }),
      expect.objectContaining({ kind: 'event', data: '\uFFFD' }),
      expect.objectContaining({ kind: 'end', events: 1, incomplete: false }),
    ]);
  });

  it('reads a file larger than its read buffer as stdin gives it, multi-byte characters split', async () => {
    // Odd-sized events with two- and four-byte characters put read and push boundaries
    // mid-character, mid-line and between the CR and LF of a terminator.
    const count = Math.ceil((2.5 * FILE_READ_BYTES) / 75);
    const body = Array.from(
      { length: count },
      (_, i) => `id: ${i}\r\nevent: ünï${i % 7}\r\ndata: ${'🚀é'.repeat(i % 13)} ${i}\r\n\r\n`,
    ).join('');
    const dir = mkdtempSync(join(tmpdir(), 'sse-parse-'));
    const file = join(dir, 'big.sse');
    writeFileSync(file, body);
    const fromFile = await run([file]);
    const fromStdin = await run([], [Buffer.from(body, 'utf8')]);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * FILE_READ_BYTES);
    expect(fromFile.stdout).toBe(fromStdin.stdout);
    const last = count - 1;
    expect(fromFile.records.at(-2)).toMatchObject({ data: `${'🚀é'.repeat(last % 13)} ${last}` });
    expect(fromFile.records.at(-1)).toMatchObject({ kind: 'end', events: count });
  });

  it('reads a large NDJSON file as stdin gives it (records spanning reads are copied)', async () => {
    const count = Math.ceil((2.5 * FILE_READ_BYTES) / 90);
    const body = Array.from(
      { length: count },
      (_, i) => `${JSON.stringify({ i, text: 'ünï🚀'.repeat(i % 17) })}\n`,
    ).join('');
    const dir = mkdtempSync(join(tmpdir(), 'sse-parse-'));
    const file = join(dir, 'big.ndjson');
    writeFileSync(file, body);
    const fromFile = await run([file, '--framing', 'ndjson']);
    const fromStdin = await run(['--framing', 'ndjson'], [Buffer.from(body, 'utf8')]);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * FILE_READ_BYTES);
    expect(fromFile.stdout).toBe(fromStdin.stdout);
    expect(fromFile.records.at(-1)).toMatchObject({ kind: 'end', events: count });
  });

  it('reads a FILE that is not a regular file (a device) as a stream', async () => {
    const { code, records } = await run(['/dev/null']);
    expect(code).toBe(0);
    expect(records).toEqual([expect.objectContaining({ kind: 'end', events: 0, bytes: 0 })]);
  });

  it('accepts a stdin that yields strings', async () => {
    const stdin = new PassThrough();
    stdin.end('data: x\n\n');
    const out = collector();
    const code = await runParseCommand([], {
      stdin,
      stdout: out.stream,
      stderr: collector().stream,
    });
    await new Promise<void>((resolve) => out.stream.end(resolve));
    expect(code).toBe(0);
    expect(out.text()).toContain('"data":"x"');
  });
});
