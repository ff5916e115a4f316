import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptureCommand } from './capture-command.ts';
import { cliTestPlace, jsonLines, runWithIo } from './cli-test-kit.ts';
import { runExportCommand } from './export-command.ts';
import { runImportCommand } from './import-command.ts';
import { runLensCommand } from './lens-command.ts';
import { runParseCommand } from './parse-command.ts';

// The other framings end to end through the CLI: a 127.0.0.1 server serves each content type,
// `cli capture` records it, `cli lens` reads the session, and export/import keep it whole.

const place = cliTestPlace('sse-framings-');
let dbCount = 0;
const samples = join(import.meta.dirname, '../../../tests/fixtures/samples');

type Line = Record<string, unknown> & { kind: string };

async function capture(path: string, ...args: string[]) {
  const db = join(place.dir, `w${dbCount++}.db`);
  const { code, stdout, stderr } = await runWithIo(runCaptureCommand, [
    `${place.server.url}${path}`,
    '--db',
    db,
    ...args,
  ]);
  const lines = jsonLines<Line>(stdout);
  const end = lines.at(-1)!;
  return { code, stderr, db, lines, end, events: lines.filter((l) => l.kind === 'event') };
}

async function lens(db: string, session: unknown): Promise<Record<string, unknown>> {
  const { code, stdout } = await runWithIo(runLensCommand, [String(session), '--db', db]);
  expect(code).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const sampleLines = (file: string): string[] =>
  readFileSync(join(samples, file), 'utf8').trimEnd().split('\n');

describe('cli capture of the other framings', () => {
  it('records Ollama NDJSON line by line, ends without reconnecting, and the lens assembles it', async () => {
    const { code, lines, events, end, db } = await capture('/ollama/chat');
    expect(code).toBe(0);
    expect(lines.find((l) => l.kind === 'response')).toMatchObject({
      contentType: 'application/x-ndjson',
      framing: 'ndjson',
    });
    expect(events.map((e) => e.data)).toEqual(sampleLines('ollama-chat.ndjson'));
    expect(events[0]).toMatchObject({ type: 'json', start: 0, lastEventId: '' });
    expect(events[1]!.start).toBe(events[0]!.end);
    expect(lines.filter((l) => l.kind === 'warning')).toEqual([]);
    expect(lines.some((l) => l.kind === 'reconnect')).toBe(false);
    expect(end).toMatchObject({ kind: 'end', events: 10, attempts: 1, outcome: 'completed' });
    expect(await lens(db, end.session)).toMatchObject({
      format: 'ollama',
      text: 'The sky is blue because of Rayleigh scattering.',
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 9, totalTokens: 35 },
      problems: [],
    });
  });

  it('records Ollama /api/generate the same way', async () => {
    const { end, db } = await capture('/ollama/generate');
    expect(await lens(db, end.session)).toMatchObject({
      format: 'ollama',
      text: 'Blue light scatters most.',
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 5 },
    });
  });

  const gemini = {
    format: 'gemini',
    text: 'The sky looks blue because air scatters short (blue) wavelengths of sunlight more than long ones.',
    finishReason: 'STOP',
    usage: { inputTokens: 8, outputTokens: 24, totalTokens: 32 },
    problems: [],
  };

  it('records a Gemini JSON array element by element, with exact ranges', async () => {
    const { lines, events, end, db } = await capture('/gemini/stream');
    expect(lines.find((l) => l.kind === 'response')).toMatchObject({ framing: 'json-array' });
    const body = readFileSync(join(samples, 'gemini-stream.json'));
    const elements = JSON.parse(body.toString('utf8')) as unknown[];
    expect(events.map((e) => JSON.parse(e.data as string))).toEqual(elements);
    for (const e of events) {
      expect(body.subarray(e.start as number, e.end as number).toString('utf8')).toBe(e.data);
    }
    expect(lines.filter((l) => l.kind === 'warning')).toEqual([]);
    expect(end).toMatchObject({ events: 3, outcome: 'completed' });
    expect(await lens(db, end.session)).toMatchObject(gemini);
  });

  it('records Gemini alt=sse as an event stream, and the lens gives the same answer', async () => {
    const { lines, events, end, db } = await capture('/gemini/sse', '--max-attempts', '1');
    expect(lines.find((l) => l.kind === 'response')).toMatchObject({ framing: 'sse' });
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'message']);
    expect(await lens(db, end.session)).toMatchObject(gemini);
  });

  it('records an NDJSON log stream and a JSON text sequence of it', async () => {
    const log = sampleLines('ndjson-log.ndjson');
    const ndjson = await capture('/ndjson-log');
    expect(ndjson.events.map((e) => e.data)).toEqual(log);
    const seq = await capture('/json-seq');
    expect(seq.lines.find((l) => l.kind === 'response')).toMatchObject({ framing: 'json-seq' });
    expect(seq.events.map((e) => e.data)).toEqual(log);
    expect(seq.events[0]).toMatchObject({ start: 0, end: log[0]!.length + 2 });
    expect(await lens(ndjson.db, ndjson.end.session)).toMatchObject({ format: null });
  });

  it('parses a body in the framing --framing forces, whatever its content type', async () => {
    const refused = await capture('/ndjson-log?type=text/plain', '--max-attempts', '1');
    expect(refused.code).toBe(1);
    const forced = await capture('/ndjson-log?type=text/plain', '--framing', 'ndjson');
    expect(forced.code).toBe(0);
    expect(forced.lines.find((l) => l.kind === 'response')).toMatchObject({ framing: 'ndjson' });
    expect(forced.lines.find((l) => l.kind === 'warning')).toMatchObject({
      code: 'content-type-ignored',
      message: 'Content-Type "text/plain" read as ndjson (framing forced)',
    });
    expect(forced.events).toHaveLength(6);
    const bad = await runWithIo(runCaptureCommand, [`${place.server.url}/x`, '--framing', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--framing must be one of sse, ndjson, json-seq, json-array');
  });

  it('keeps framing, events and ranges through native and HAR export and import', async () => {
    const { db, end, events } = await capture('/gemini/stream');
    const imported: Array<Record<string, unknown>> = [];
    for (const format of ['json', 'har']) {
      const file = join(place.dir, `gemini-${dbCount}.${format}`);
      const exported = await runWithIo(runExportCommand, [
        String(end.session),
        '--db',
        db,
        '--out',
        file,
      ]);
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      const target = join(place.dir, `import-${dbCount++}.db`);
      const result = await runWithIo(runImportCommand, [file, '--db', target, '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const { sessionId: session } = JSON.parse(result.stdout) as { sessionId: number };
      const again = await runWithIo(runExportCommand, [
        String(session),
        '--db',
        target,
        '--format',
        'ndjson',
      ]);
      const lines = jsonLines<Record<string, unknown>>(again.stdout);
      imported.push({
        format,
        events: lines.map((l) => [l.type, l.data, l.start, l.end]),
        lens: await lens(target, session),
      });
    }
    for (const copy of imported) {
      expect(copy.events).toEqual(events.map((e) => [e.type, e.data, e.start, e.end]));
      expect(copy.lens).toMatchObject(gemini);
    }
  });
});

describe('cli parse --framing', () => {
  it('parses a file in the framing given, and as SSE by default', async () => {
    const file = join(samples, 'ollama-chat.ndjson');
    const ndjson = await runWithIo(runParseCommand, [file, '--framing', 'ndjson']);
    expect(ndjson.code).toBe(0);
    const lines = jsonLines<Line>(ndjson.stdout);
    expect(lines.filter((l) => l.kind === 'event')).toHaveLength(10);
    expect(lines.at(-1)).toMatchObject({
      kind: 'end',
      events: 10,
      incomplete: false,
      warnings: {},
    });
    const sse = jsonLines<Line>((await runWithIo(runParseCommand, [file])).stdout);
    expect(sse.at(-1)).toMatchObject({ kind: 'end', events: 0 });
    const array = await runWithIo(runParseCommand, [
      join(samples, 'gemini-stream.json'),
      '--framing',
      'json-array',
      '--chunk-size',
      '7',
    ]);
    expect(jsonLines<Line>(array.stdout).at(-1)).toMatchObject({ events: 3, warnings: {} });
  });
});

describe('cli lens on a file', () => {
  it('reads NDJSON and JSON files in the framing their extension names', async () => {
    const ollama = await runWithIo(runLensCommand, [join(samples, 'ollama-chat.ndjson')]);
    expect(JSON.parse(ollama.stdout)).toMatchObject({ format: 'ollama', finishReason: 'stop' });
    const gemini = await runWithIo(runLensCommand, [join(samples, 'gemini-stream.json')]);
    expect(JSON.parse(gemini.stdout)).toMatchObject({ format: 'gemini', finishReason: 'STOP' });
  });
});
