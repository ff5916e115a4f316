import { describe, expect, it } from 'vitest';
import { FieldPathError } from '../field-path.ts';
import { parseEventStream } from '../stream-events.ts';
import { createLlmLens } from './llm-lens.ts';
import type { LlmLensEvent, LlmLensOptions, LlmLensSnapshot } from './types.ts';

const stream = (text: string): LlmLensEvent[] => parseEventStream(Buffer.from(text));
const data = (value: unknown, event?: string): string =>
  `${event ? `event: ${event}\n` : ''}data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`;

function run(events: LlmLensEvent[], options?: LlmLensOptions): LlmLensSnapshot {
  const lens = createLlmLens(options);
  for (const event of events) lens.push(event);
  return lens.end();
}

describe('format detection', () => {
  it('does not commit to a format on a ping, and decodes the events it held back', () => {
    const text =
      data({ type: 'ping' }, 'ping') +
      data({ type: 'message_start', message: { id: 'm' } }, 'message_start') +
      data(
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
        'content_block_delta',
      ) +
      data({ type: 'message_stop' }, 'message_stop');
    expect(run(stream(text))).toMatchObject({ format: 'anthropic', text: 'ok', problems: [] });
  });

  it('replays the events seen before the format was recognized', () => {
    // A [DONE]-less stream whose first events carry no text: nothing is lost while undecided.
    const text =
      data({ status: 'starting' }) +
      data({ token: { text: 'Hel' } }) +
      data({ token: { text: 'lo' } });
    const result = run(stream(text));
    expect(result).toMatchObject({
      format: 'generic',
      text: 'Hello',
      textField: 'token.text',
      textFieldGuessed: true,
    });
  });

  it('gives up after the detection window and stays null', () => {
    const events = stream(data({ a: 1 }).repeat(10) + data({ text: 'late' }));
    expect(run(events)).toMatchObject({ format: null, text: '' });
    expect(run(events, { detectWindow: 20 })).toMatchObject({ format: 'generic', text: 'late' });
  });

  it.each([
    ['Ollama /api/generate', { model: 'llama3', response: 'Hi', done: false }, 'response'],
    [
      'Ollama /api/chat',
      { message: { role: 'assistant', content: 'Hi' }, done: false },
      'message.content',
    ],
    ['TGI', { token: { id: 1, text: 'Hi', special: false }, generated_text: null }, 'token.text'],
    ['Cohere v1', { is_finished: false, event_type: 'text-generation', text: 'Hi' }, 'text'],
    [
      'OpenAI legacy completions',
      { object: 'text_completion', choices: [{ text: 'Hi', index: 0 }] },
      'choices.0.text',
    ],
  ])('guesses the text field of %s', (_name, payload, field) => {
    expect(run(stream(data(payload)))).toMatchObject({
      format: 'generic',
      text: 'Hi',
      textField: field,
    });
  });

  it('recognizes Gemini as its own format; forced generic still guesses its text field', () => {
    const payload = { candidates: [{ content: { parts: [{ text: 'Hi' }], role: 'model' } }] };
    expect(run(stream(data(payload)))).toMatchObject({ format: 'gemini', text: 'Hi' });
    expect(run(stream(data(payload)), { format: 'generic' })).toMatchObject({
      format: 'generic',
      text: 'Hi',
      textField: 'candidates.0.content.parts.0.text',
    });
  });

  it('recognizes Ollama by its model, created_at and done fields', () => {
    const payload = {
      model: 'llama3',
      created_at: '2024-01-01T00:00:00Z',
      response: 'Hi',
      done: false,
    };
    expect(run(stream(data(payload)))).toMatchObject({ format: 'ollama', text: 'Hi' });
  });

  it('recognizes generic end markers and usage', () => {
    const text =
      data({ response: 'Hi', done: false }) +
      data({ response: '', done: true, done_reason: 'stop', prompt_eval_count: 5, eval_count: 2 });
    const result = run(stream(text));
    expect(result).toMatchObject({ finishReason: 'stop', terminated: true, problems: [] });
    expect(result.usage).toMatchObject({ inputTokens: 5, outputTokens: 2, totalTokens: 7 });
  });

  it('only notes (info) a generic stream without an end marker', () => {
    const result = run(stream(data({ text: 'Hi' })));
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'missing-terminal', severity: 'info' }),
    ]);
  });
});

describe('user choices', () => {
  const chatChunk = data({
    choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
  });

  it('uses a given field path, which selects the generic format', () => {
    const result = run(stream(chatChunk + data('[DONE]')), {
      textField: 'choices[0].delta.content',
    });
    expect(result).toMatchObject({
      format: 'generic',
      formatForced: true,
      textField: 'choices.0.delta.content',
      textFieldGuessed: false,
      text: 'Hi',
      terminated: true,
    });
  });

  it('decodes as the forced format even when another one would be detected', () => {
    const result = run(stream(chatChunk), { format: 'anthropic' });
    expect(result).toMatchObject({ format: 'anthropic', formatForced: true, text: '' });
  });

  it('treats bare data as the text when generic is forced without a field', () => {
    const result = run(stream(data('Hel') + data('lo')), { format: 'generic' });
    expect(result).toMatchObject({
      text: 'Hello',
      deltas: 2,
      problems: [expect.objectContaining({ code: 'missing-terminal' })],
    });
  });

  it('rejects a malformed field path and an unknown format', () => {
    expect(() => createLlmLens({ textField: 'a..b' })).toThrow(FieldPathError);
    expect(() => createLlmLens({ format: 'cohere' as never })).toThrow(RangeError);
  });
});

describe('timing', () => {
  const chunks = (n: number): LlmLensEvent[] =>
    stream(
      data({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }) +
        data({ choices: [{ index: 0, delta: { content: 'x' } }] }).repeat(n) +
        data('[DONE]'),
    );

  it('measures TTFT from the first event, or from the request start when given', () => {
    const events = chunks(3).map((event, i) => ({ ...event, t: 1000 + i * 100 }));
    expect(run(events).ttftMs).toBe(100);
    expect(run(events, { requestStartT: 400 })).toMatchObject({
      ttftMs: 700,
      timeOrigin: 400,
      streamMs: 200,
    });
  });

  it('counts deltas per second in buckets from the time origin', () => {
    const times = [0, 10, 500, 900, 1500, 3200, 3300];
    const events = chunks(6).map((event, i) => ({ ...event, t: times[i] ?? 3400 }));
    expect(run(events).deltasPerSecond).toEqual([
      { t: 0, count: 3 },
      { t: 1000, count: 1 },
      { t: 2000, count: 0 },
      { t: 3000, count: 2 },
    ]);
  });

  it('lists pauses between text deltas longer than the threshold', () => {
    const times = [0, 10, 50, 1500, 1600, 1700, 4000];
    const events = chunks(6).map((event, i) => ({ ...event, t: times[i] ?? 4100 }));
    expect(run(events).gaps).toEqual([
      { afterDelta: 2, ms: 1450, t: 1500 },
      { afterDelta: 5, ms: 2300, t: 4000 },
    ]);
    expect(run(events, { gapThresholdMs: 2000 }).gaps).toHaveLength(1);
  });
});

describe('incremental use', () => {
  it('returns the same snapshot object until something changes', () => {
    const lens = createLlmLens();
    const first = lens.snapshot();
    expect(lens.snapshot()).toBe(first);
    lens.push({ type: 'message', data: '{"text":"a"}', t: 1 });
    const second = lens.snapshot();
    expect(second).not.toBe(first);
    expect(lens.snapshot()).toBe(second);
    expect(lens.end()).not.toBe(second);
  });

  it('gives the same text whether snapshots are taken after every event or once', () => {
    const events = stream(
      data({ choices: [{ index: 0, delta: { content: 'ab' } }] }).repeat(50) + data('[DONE]'),
    );
    const lens = createLlmLens();
    for (const event of events) {
      lens.push(event);
      lens.snapshot();
    }
    expect(lens.end().text).toBe('ab'.repeat(50));
    expect(run(events).text).toBe('ab'.repeat(50));
  });

  it('drops end-of-stream problems when pushed again after end()', () => {
    const lens = createLlmLens({ format: 'openai-chat' });
    expect(lens.end().problems).toHaveLength(1);
    lens.push({ type: 'message', data: '[DONE]', t: null });
    expect(lens.snapshot()).toMatchObject({ ended: false, problems: [] });
  });

  it('keeps per-choice texts apart, with choice 0 as the text', () => {
    const choice = (index: number, content: string) =>
      data({ object: 'chat.completion.chunk', choices: [{ index, delta: { content } }] });
    const result = run(
      stream(choice(0, 'A') + choice(1, 'B') + choice(0, 'a') + choice(1, 'b') + data('[DONE]')),
    );
    expect(result.text).toBe('Aa');
    expect(result.blocks.map((b) => [b.key, b.text])).toEqual([
      ['c0', 'Aa'],
      ['c1', 'Bb'],
    ]);
  });

  it('assembles 200,000 deltas with snapshots along the way', () => {
    // How long it takes (and that doubling the deltas about doubles it) is a budget of
    // `npm run bench -- --only lenses`, not something a test on a busy machine can judge.
    const lens = createLlmLens();
    for (let i = 0; i < 200_000; i++) {
      lens.push({
        type: 'message',
        data: '{"choices":[{"index":0,"delta":{"content":"x"}}]}',
        t: i,
      });
      if (i % 1000 === 0) expect(lens.snapshot().text).toHaveLength(i + 1);
    }
    const result = lens.end();
    expect(result.text.length).toBe(200_000);
    expect(result.deltasPerSecond).toHaveLength(200);
  });
});
