import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { chunk, event, sessionStart, tempDir } from '../workspace/test-fixtures.ts';
import { Workspace } from '../workspace/workspace.ts';
import { runWithIo } from './cli-test-kit.ts';
import { runLensCommand } from './lens-command.ts';

const samples = join(import.meta.dirname, '../../../tests/fixtures/samples');

let temp: ReturnType<typeof tempDir>;
let db: string;
let chatSession: number;
let longSession: number;

function lifecycle(attempt: number, t: number): CaptureRecord[] {
  return [
    {
      kind: 'attempt',
      attempt,
      t,
      wall: 1_700_000_000_000 + t,
      reason: attempt === 1 ? 'initial' : 'reconnect',
      lastEventId: null,
      request: {
        method: 'POST',
        url: 'https://api.example.com/v1/chat/completions',
        headers: [],
        bodyBytes: 20,
      },
    },
    {
      kind: 'response',
      attempt,
      t: t + 200,
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['Content-Type', 'text/event-stream']],
      contentType: 'text/event-stream',
      url: 'https://api.example.com/v1/chat/completions',
    },
  ];
}

const chatData = (content: string): string =>
  JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] });

beforeAll(() => {
  temp = tempDir();
  db = join(temp.dir, 'workspace.db');
  const workspace = Workspace.open(db);
  const recorder = workspace.createRecorder();
  chatSession = recorder.createSession(sessionStart());
  const records: CaptureRecord[] = [
    ...lifecycle(1, 0),
    chunk(1, 0, 0, 'x'.repeat(60), 450),
    event(0, chatData('Hel'), { t: 450 }),
    event(1, chatData('lo'), { t: 480 }),
    chunk(1, 1, 60, 'x'.repeat(30), 2000),
    event(2, chatData('!'), { t: 2000 }),
    // The second attempt is a retry that got nothing but a closed stream.
    ...lifecycle(2, 3000),
    event(3, chatData(' again'), { t: 3500, attempt: 2 }),
    event(4, '[DONE]', { t: 3510, attempt: 2 }),
  ];
  for (const record of records) recorder.append(chatSession, record);
  longSession = recorder.createSession(sessionStart());
  for (let i = 0; i < 10_005; i++) {
    recorder.append(longSession, event(i, '{"text":"x"}', { t: i }));
  }
  recorder.close();
  workspace.close();
});
afterAll(() => temp.remove());

async function lens(args: string[], stdin: string[] = []) {
  const { code, stdout, stderr } = await runWithIo(runLensCommand, args, stdin);
  const lines = stdout.split('\n').filter((line) => line !== '');
  const result =
    lines.length === 1 ? (JSON.parse(lines[0] as string) as Record<string, unknown>) : null;
  return { code, result, lines, stderr };
}

describe('cli lens', () => {
  it('prints one JSON object for a stream file, with null timings', async () => {
    const { code, result, lines, stderr } = await lens([
      join(samples, 'openai-chat-completions.sse'),
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(lines).toHaveLength(1);
    expect(Object.keys(result!).slice(0, 6)).toEqual([
      'format',
      'text',
      'finishReason',
      'deltas',
      'ttftMs',
      'problems',
    ]);
    expect(result).toMatchObject({
      format: 'openai-chat',
      text: 'Server-sent events let a server push text to a client over one HTTP response.',
      finishReason: 'stop',
      deltas: 16,
      ttftMs: null,
      problems: [],
      toolCalls: [],
      stats: { events: 19, durationMs: null, interArrivalMs: { p50: null } },
    });
  });

  it.each([
    ['anthropic-messages.sse', 'anthropic', 'end_turn'],
    ['openai-responses.sse', 'openai-responses', 'completed'],
    ['wikimedia-recentchange.sse', null, null],
  ])('decodes %s', async (file, format, finishReason) => {
    const { result } = await lens([join(samples, file)]);
    expect(result).toMatchObject({ format, finishReason });
  });

  it('reads standard input for "-", honours --format and --field, and reports problems', async () => {
    const text = 'data: {"token":{"text":"a"}}\n\ndata: {"token":{"text":"b"}}\n\n';
    const guessed = await lens(['-'], [text]);
    expect(guessed.result).toMatchObject({
      format: 'generic',
      text: 'ab',
      textField: 'token.text',
    });
    const forced = await lens(['-', '--format', 'openai-chat'], [text]);
    expect(forced.result).toMatchObject({ format: 'openai-chat', text: '', formatForced: true });
    expect((forced.result!.problems as Array<{ code: string }>).map((p) => p.code)).toEqual([
      'missing-terminal',
    ]);
    const field = await lens(['-', '--field', 'token'], [text]);
    expect(field.result).toMatchObject({ textField: 'token', text: '' });
  });

  it('reads a recorded session by id, with TTFT from the request and per-attempt timings', async () => {
    const { code, result, stderr } = await lens([
      String(chatSession),
      '--db',
      db,
      '--gap-ms',
      '500',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(result).toMatchObject({
      format: 'openai-chat',
      text: 'Hello! again',
      deltas: 4,
      ttftMs: 450,
      problems: [],
      gaps: [
        { afterDelta: 2, ms: 1520, t: 2000 },
        { afterDelta: 3, ms: 1500, t: 3500 },
      ],
    });
    const stats = result!.stats as Record<string, unknown>;
    expect(stats).toMatchObject({ events: 5, bytes: 90 });
    expect(stats.attempts).toEqual([
      {
        attempt: 1,
        status: 200,
        timeToResponseMs: 200,
        timeToFirstByteMs: 450,
        timeToFirstEventMs: 450,
      },
      {
        attempt: 2,
        status: 200,
        timeToResponseMs: 200,
        timeToFirstByteMs: null,
        timeToFirstEventMs: 500,
      },
    ]);
  });

  it('limits a session to one attempt with --attempt', async () => {
    const { result } = await lens([String(chatSession), '--db', db, '--attempt', '2']);
    expect(result).toMatchObject({ text: ' again', ttftMs: 500, terminated: true });
    const missing = await lens([String(chatSession), '--db', db, '--attempt', '9']);
    expect(missing).toMatchObject({ code: 2, result: null });
    expect(missing.stderr).toMatch(/no attempt 9/);
  });

  it('reads sessions longer than one timeline page', async () => {
    const { result } = await lens([String(longSession), '--db', db]);
    expect(result).toMatchObject({ format: 'generic', deltas: 10_005, events: 10_005 });
    expect((result!.text as string).length).toBe(10_005);
  });

  it.each([
    [['missing.sse'], /cannot read 'missing\.sse': no such file/],
    [['999'], /no session 999/],
    [['1', '--db', '/nonexistent/workspace.db'], /no workspace at/],
    [[], /FILE or SESSION_ID is required/],
    [['x', '--format', 'cohere'], /--format must be one of/],
    [['x', '--framing', 'xml'], /--framing must be one of/],
    [['x', '--field', 'a..b'], /empty segment/],
    [['x', '--bogus'], /unknown option/],
    [[samples], /is a directory/],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const withDb = args.includes('--db') || args[0] !== '999' ? args : [...args, '--db', db];
    const { code, lines, stderr } = await lens(withDb);
    expect(code).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await runWithIo(runLensCommand, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run --silent cli -- lens FILE\|SESSION_ID/);
  });
});
