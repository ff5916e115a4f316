import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEventStream } from '../stream-events.ts';
import type { Framing } from '../../streams/types.ts';
import { createLlmLens } from './llm-lens.ts';
import type { LlmLensOptions, LlmLensSnapshot } from './types.ts';

const samples = join(import.meta.dirname, '../../../tests/fixtures/samples');

function lensOf(
  bytes: Uint8Array,
  framing: Framing,
  options: LlmLensOptions = {},
): LlmLensSnapshot {
  const lens = createLlmLens(options);
  for (const event of parseEventStream(bytes, framing)) lens.push(event);
  return lens.end();
}
const sample = (name: string, framing: Framing, options?: LlmLensOptions): LlmLensSnapshot =>
  lensOf(readFileSync(join(samples, name)), framing, options);
const ndjson = (objects: unknown[]): Uint8Array =>
  Buffer.from(objects.map((o) => `${JSON.stringify(o)}\n`).join(''));

describe('ollama lens', () => {
  it('assembles /api/chat message.content, done_reason and the token counts', () => {
    const snapshot = sample('ollama-chat.ndjson', 'ndjson');
    expect(snapshot).toMatchObject({
      format: 'ollama',
      formatForced: false,
      model: 'llama3.2',
      text: 'The sky is blue because of Rayleigh scattering.',
      finishReason: 'stop',
      deltas: 9,
      terminated: true,
      problems: [],
    });
    expect(snapshot.usage).toMatchObject({ inputTokens: 26, outputTokens: 9, totalTokens: 35 });
    expect(snapshot.usage?.raw).toMatchObject({ eval_duration: 4535599000 });
  });

  it('assembles /api/generate response text', () => {
    const snapshot = sample('ollama-generate.ndjson', 'ndjson');
    expect(snapshot).toMatchObject({
      format: 'ollama',
      text: 'Blue light scatters most.',
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 5 },
    });
  });

  it('lists tool calls with their arguments object as JSON, and thinking as reasoning', () => {
    const base = { model: 'llama3.2', created_at: '2024-07-22T20:33:28.123648Z' };
    const snapshot = lensOf(
      ndjson([
        {
          ...base,
          message: { role: 'assistant', content: '', thinking: 'Weather: ask' },
          done: false,
        },
        {
          ...base,
          message: {
            role: 'assistant',
            content: '',
            tool_calls: [
              {
                function: {
                  name: 'get_current_weather',
                  arguments: { format: 'celsius', location: 'Paris, FR' },
                },
              },
            ],
          },
          done: false,
        },
        { ...base, message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true },
      ]),
      'ndjson',
    );
    expect(snapshot.toolCalls).toEqual([
      expect.objectContaining({
        name: 'get_current_weather',
        arguments: '{"format":"celsius","location":"Paris, FR"}',
        argumentsValid: true,
        complete: true,
      }),
    ]);
    expect(snapshot.blocks).toContainEqual(
      expect.objectContaining({ kind: 'reasoning', text: 'Weather: ask' }),
    );
    expect(snapshot.finishReason).toBe('stop');
  });

  it('reports a stream cut before "done": true, and a length stop as truncated', () => {
    const base = { model: 'm', created_at: '2024-01-01T00:00:00Z' };
    const cut = lensOf(ndjson([{ ...base, response: 'Hi', done: false }]), 'ndjson');
    expect(cut.problems.map((p) => p.code)).toEqual(['missing-terminal']);
    const long = lensOf(
      ndjson([
        { ...base, response: 'Hi', done: false },
        { ...base, response: '', done: true, done_reason: 'length' },
      ]),
      'ndjson',
    );
    expect(long.problems.map((p) => p.code)).toEqual(['truncated-output']);
  });

  it('shows an error object as an API error', () => {
    const snapshot = lensOf(
      ndjson([{ error: 'model "x" not found, try pulling it first' }]),
      'ndjson',
      {
        format: 'ollama',
      },
    );
    expect(snapshot.problems[0]).toMatchObject({ code: 'api-error' });
  });
});

describe('gemini lens', () => {
  const expected = {
    format: 'gemini',
    model: 'gemini-2.0-flash',
    responseId: 'mO4XaM2ZBfmn1dkP_Kq4sAs',
    text: 'The sky looks blue because air scatters short (blue) wavelengths of sunlight more than long ones.',
    finishReason: 'STOP',
    deltas: 3,
    terminated: true,
    problems: [],
    usage: { inputTokens: 8, outputTokens: 24, totalTokens: 32 },
  };

  it('assembles the JSON-array form (streamGenerateContent without alt=sse)', () => {
    expect(sample('gemini-stream.json', 'json-array')).toMatchObject(expected);
  });

  it('assembles the alt=sse form to the same answer', () => {
    expect(sample('gemini-stream-sse.sse', 'sse')).toMatchObject(expected);
  });

  it('lists functionCall parts as complete tool calls and thought parts as reasoning', () => {
    const chunk = (parts: unknown[], finishReason?: string): unknown => ({
      candidates: [
        { content: { parts, role: 'model' }, ...(finishReason ? { finishReason } : {}) },
      ],
      modelVersion: 'gemini-2.5-flash',
    });
    const body = `[${JSON.stringify(chunk([{ text: 'Plan', thought: true }]))},${JSON.stringify(
      chunk([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }], 'STOP'),
    )}]`;
    const snapshot = lensOf(Buffer.from(body), 'json-array');
    expect(snapshot.toolCalls).toEqual([
      expect.objectContaining({
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        complete: true,
      }),
    ]);
    expect(snapshot.blocks).toContainEqual(
      expect.objectContaining({ kind: 'reasoning', text: 'Plan' }),
    );
    expect(snapshot.text).toBe('');
    expect(snapshot.finishReason).toBe('STOP');
  });

  it('reports MAX_TOKENS as truncated output, and a stream without a finish reason', () => {
    const part = (text: string, finishReason?: string): unknown => ({
      candidates: [{ content: { parts: [{ text }] }, ...(finishReason ? { finishReason } : {}) }],
    });
    const cut = lensOf(Buffer.from(`[${JSON.stringify(part('a'))}`), 'json-array');
    expect(cut.format).toBe('gemini');
    expect(cut.problems.map((p) => p.code)).toEqual(['missing-terminal']);
    const long = lensOf(
      Buffer.from(`[${JSON.stringify(part('a'))},${JSON.stringify(part('b', 'MAX_TOKENS'))}]`),
      'json-array',
    );
    expect(long.problems.map((p) => p.code)).toEqual(['truncated-output']);
  });
});

describe('detection among JSON records', () => {
  it('does not take an NDJSON log stream for an LLM stream', () => {
    expect(sample('ndjson-log.ndjson', 'ndjson').format).toBeNull();
  });
});
