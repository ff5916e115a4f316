import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toEventPreview } from '../../capture/live-frames.ts';
import { parseEventStream } from '../stream-events.ts';
import { createLlmLens } from './llm-lens.ts';
import type { LlmLensEvent, LlmLensOptions, LlmLensSnapshot } from './types.ts';

const samples = join(import.meta.dirname, '../../../tests/fixtures/samples');
const sample = (name: string): LlmLensEvent[] =>
  parseEventStream(readFileSync(join(samples, name)));
const stream = (text: string): LlmLensEvent[] => parseEventStream(Buffer.from(text));

function run(events: LlmLensEvent[], options?: LlmLensOptions): LlmLensSnapshot {
  const lens = createLlmLens(options);
  for (const event of events) lens.push(event);
  return lens.end();
}

/** An OpenAI chat chunk as the API sends it (one `data:` line). */
function chat(delta: Record<string, unknown>, finish: string | null = null, extra = {}): string {
  const chunk = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
const DONE = 'data: [DONE]\n\n';
const anthropic = (type: string, body: Record<string, unknown>): string =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
const responses = (type: string, body: Record<string, unknown>): string =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
const codes = (snapshot: LlmLensSnapshot): string[] => snapshot.problems.map((p) => p.code);

describe('LLM lens on the sample streams', () => {
  it('assembles an OpenAI chat completion and sees its [DONE]', () => {
    const result = run(sample('openai-chat-completions.sse'));
    expect(result).toMatchObject({
      format: 'openai-chat',
      formatForced: false,
      model: 'gpt-4o-mini-2024-07-18',
      responseId: 'chatcmpl-9x2Kq7',
      text: 'Server-sent events let a server push text to a client over one HTTP response.',
      finishReason: 'stop',
      deltas: 16,
      events: 19,
      terminated: true,
      ended: true,
      toolCalls: [],
      usage: null,
      problems: [],
    });
  });

  it('has no timings for a stream without arrival times', () => {
    const result = run(sample('openai-chat-completions.sse'));
    expect(result).toMatchObject({ ttftMs: null, streamMs: null, timeOrigin: null, gaps: [] });
    expect(result.deltasPerSecond).toEqual([]);
  });

  it('assembles an Anthropic message with usage from message_start and message_delta', () => {
    const result = run(sample('anthropic-messages.sse'));
    expect(result).toMatchObject({
      format: 'anthropic',
      model: 'claude-sonnet-4-5',
      responseId: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      text: 'Hello! Events arrive one by one, each ended by a blank line.',
      finishReason: 'end_turn',
      deltas: 4,
      terminated: true,
      problems: [],
    });
    expect(result.usage).toMatchObject({ inputTokens: 25, outputTokens: 15, totalTokens: 40 });
    expect(result.blocks).toEqual([
      { key: 'b0', choice: 0, kind: 'text', text: result.text, deltas: 4 },
    ]);
  });

  it('assembles an OpenAI Responses stream ending in response.completed', () => {
    const result = run(sample('openai-responses.sse'));
    expect(result).toMatchObject({
      format: 'openai-responses',
      model: 'gpt-4o-mini-2024-07-18',
      text: 'Server-sent events stream text from server to browser.',
      finishReason: 'completed',
      deltas: 10,
      terminated: true,
      problems: [],
    });
    expect(result.responseId).toMatch(/^resp_/);
    expect(result.usage).toMatchObject({ inputTokens: 14, outputTokens: 10, totalTokens: 24 });
    expect(result.usage?.raw).toHaveProperty('output_tokens_details');
  });

  it('recognizes no LLM format in a change feed and reports nothing', () => {
    const result = run(sample('wikimedia-recentchange.sse'));
    expect(result).toMatchObject({ format: null, text: '', deltas: 0, problems: [], events: 3 });
  });
});

describe('tool calls', () => {
  it('joins OpenAI tool-call fragments by index, with id and name from the first', () => {
    const call = (index: number, fn: Record<string, unknown>, id?: string) => ({
      tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }],
    });
    const text =
      chat({ role: 'assistant', content: null }) +
      chat(call(0, { name: 'get_weather', arguments: '' }, 'call_a')) +
      chat(call(0, { arguments: '{"city":' })) +
      chat(call(1, { name: 'get_time', arguments: '' }, 'call_b')) +
      chat(call(0, { arguments: '"Paris"}' })) +
      chat(call(1, { arguments: '{"tz":"CET"}' })) +
      chat({}, 'tool_calls') +
      `data: ${JSON.stringify({ id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: 80, completion_tokens: 30, total_tokens: 110 } })}\n\n` +
      DONE;
    const result = run(stream(text));
    expect(result.format).toBe('openai-chat');
    expect(result.text).toBe('');
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([
      {
        key: 'c0:t0',
        choice: 0,
        index: 0,
        id: 'call_a',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        argumentsValid: true,
        complete: true,
      },
      expect.objectContaining({ id: 'call_b', name: 'get_time', arguments: '{"tz":"CET"}' }),
    ]);
    expect(result.usage).toEqual({
      inputTokens: 80,
      outputTokens: 30,
      totalTokens: 110,
      raw: { prompt_tokens: 80, completion_tokens: 30, total_tokens: 110 },
    });
    expect(result.problems).toEqual([]);
  });

  it('joins Anthropic input_json_delta fragments of a tool_use block', () => {
    const text =
      anthropic('message_start', {
        message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 9, output_tokens: 1 } },
      }) +
      anthropic('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
      anthropic('content_block_delta', {
        index: 0,
        delta: { type: 'text_delta', text: 'Let me check.' },
      }) +
      anthropic('content_block_stop', { index: 0 }) +
      anthropic('content_block_start', {
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
      }) +
      anthropic('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '' },
      }) +
      anthropic('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"location": "San' },
      }) +
      anthropic('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json: ' Francisco, CA"}' },
      }) +
      anthropic('content_block_stop', { index: 1 }) +
      anthropic('message_delta', {
        delta: { stop_reason: 'tool_use' },
        usage: { output_tokens: 40 },
      }) +
      anthropic('message_stop', {});
    const result = run(stream(text));
    expect(result).toMatchObject({
      format: 'anthropic',
      text: 'Let me check.',
      finishReason: 'tool_use',
    });
    expect(result.toolCalls).toEqual([
      {
        key: 'b1',
        choice: 0,
        index: 1,
        id: 'toolu_1',
        name: 'get_weather',
        arguments: '{"location": "San Francisco, CA"}',
        argumentsValid: true,
        complete: true,
      },
    ]);
    expect(result.usage).toMatchObject({ inputTokens: 9, outputTokens: 40, totalTokens: 49 });
  });

  it('assembles a Responses function call announced by output_item.added', () => {
    const item = {
      id: 'fc_1',
      type: 'function_call',
      call_id: 'call_9',
      name: 'lookup',
      arguments: '',
    };
    const text =
      responses('response.created', {
        response: { id: 'resp_1', model: 'gpt-4o', status: 'in_progress' },
      }) +
      responses('response.output_item.added', { output_index: 0, item }) +
      responses('response.function_call_arguments.delta', {
        output_index: 0,
        item_id: 'fc_1',
        delta: '{"q":',
      }) +
      responses('response.function_call_arguments.delta', {
        output_index: 0,
        item_id: 'fc_1',
        delta: '"sse"}',
      }) +
      responses('response.function_call_arguments.done', {
        output_index: 0,
        item_id: 'fc_1',
        arguments: '{"q":"sse"}',
      }) +
      responses('response.output_item.done', {
        output_index: 0,
        item: { ...item, arguments: '{"q":"sse"}', status: 'completed' },
      }) +
      responses('response.completed', {
        response: {
          id: 'resp_1',
          status: 'completed',
          usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 },
        },
      });
    const result = run(stream(text));
    expect(result.toolCalls).toEqual([
      expect.objectContaining({
        id: 'call_9',
        name: 'lookup',
        arguments: '{"q":"sse"}',
        argumentsValid: true,
        complete: true,
      }),
    ]);
    expect(result).toMatchObject({ finishReason: 'completed', problems: [] });
  });

  it('reports tool-call arguments that are not JSON only at the end', () => {
    const text =
      chat({
        tool_calls: [{ index: 0, id: 'call_a', function: { name: 'f', arguments: '{"a":' } }],
      }) +
      chat({}, 'tool_calls') +
      DONE;
    const lens = createLlmLens();
    for (const event of stream(text)) lens.push(event);
    expect(lens.snapshot().toolCalls[0]?.argumentsValid).toBe(false);
    expect(codes(lens.snapshot())).toEqual([]);
    expect(codes(lens.end())).toEqual(['tool-arguments-invalid']);
  });
});

describe('broken streams', () => {
  it('reports data that is not valid JSON, citing the event', () => {
    const text = chat({ content: 'Hi' }) + 'data: {"choices":[{"delta":{"content":"x"}\n\n' + DONE;
    const result = run(stream(text));
    expect(result.text).toBe('Hi');
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'invalid-json', severity: 'error', eventIndex: 1 }),
    ]);
  });

  it('reports a missing [DONE] at end() only, as an error without a finish reason', () => {
    const lens = createLlmLens();
    for (const event of stream(chat({ content: 'Hi' }))) lens.push(event);
    expect(lens.snapshot().problems).toEqual([]);
    expect(lens.end().problems).toEqual([
      expect.objectContaining({ code: 'missing-terminal', severity: 'error', eventIndex: null }),
    ]);
  });

  it('downgrades a missing terminal event to a warning when a finish reason came', () => {
    const result = run(stream(chat({ content: 'Hi' }) + chat({}, 'stop')));
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'missing-terminal', severity: 'warning' }),
    ]);
    const anthropicCut = run(sample('anthropic-messages.sse').slice(0, -1));
    expect(codes(anthropicCut)).toEqual(['missing-terminal']);
  });

  it('reports deltas that arrive after the terminal event', () => {
    const result = run(stream(chat({ content: 'Hi' }) + DONE + chat({ content: ' again' })));
    expect(result.text).toBe('Hi again');
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'delta-after-end', severity: 'error', eventIndex: 2 }),
    ]);
  });

  it('reports error events of each API and does not then ask for a terminal event', () => {
    const anthropicError = run(
      stream(
        anthropic('message_start', { message: { id: 'm', usage: { input_tokens: 1 } } }) +
          anthropic('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
      ),
    );
    expect(anthropicError.problems).toEqual([
      {
        code: 'api-error',
        severity: 'error',
        message: 'The API reported an error: overloaded_error: Overloaded',
        eventIndex: 1,
      },
    ]);
    const openAiError = run(
      stream(
        chat({ content: 'a' }) + `data: {"error":{"message":"Rate limited","type":"requests"}}\n\n`,
      ),
    );
    expect(openAiError.problems.map((p) => p.message)).toEqual([
      'The API reported an error: requests: Rate limited',
    ]);
    const failed = run(
      stream(
        responses('response.created', { response: { id: 'r' } }) +
          responses('response.failed', {
            response: {
              id: 'r',
              status: 'failed',
              error: { code: 'server_error', message: 'boom' },
            },
          }),
      ),
    );
    expect(failed).toMatchObject({ finishReason: 'failed', terminated: true });
    expect(failed.problems.map((p) => p.message)).toEqual([
      'The response failed (server_error): boom',
    ]);
  });

  it('reports an error that arrives before anything shows the format', () => {
    const result = run(
      stream(responses('error', { code: 'ERR', message: 'bad request', param: null })),
    );
    expect(result.format).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'api-error',
        message: 'The API reported an error: ERR: bad request',
      }),
    ]);
  });

  it('notes a completion cut off by the token limit as a warning', () => {
    const result = run(stream(chat({ content: 'Once upon' }) + chat({}, 'length') + DONE));
    expect(result.finishReason).toBe('length');
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'truncated-output', severity: 'warning', eventIndex: 1 }),
    ]);
    const incomplete = run(
      stream(
        responses('response.output_text.delta', {
          output_index: 0,
          content_index: 0,
          delta: 'Once',
        }) +
          responses('response.incomplete', {
            response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
          }),
      ),
    );
    expect(incomplete.finishReason).toBe('max_output_tokens');
    expect(codes(incomplete)).toEqual(['truncated-output']);
  });

  it('says a cut preview is truncated rather than broken JSON', () => {
    const lens = createLlmLens({ format: 'openai-chat' });
    lens.push({
      type: 'message',
      data: '{"choices":[{"delta":{"content":"ab',
      t: 0,
      truncated: true,
    });
    expect(lens.snapshot().problems).toEqual([
      expect.objectContaining({ code: 'data-truncated', severity: 'info', eventIndex: 0 }),
    ]);
  });

  it('lists at most 50 problems of a code but counts them all', () => {
    const lens = createLlmLens({ format: 'anthropic' });
    for (let i = 0; i < 120; i++) lens.push({ type: 'message', data: 'not json', t: null });
    const result = lens.snapshot();
    expect(result.problems).toHaveLength(50);
    expect(result.problemCounts).toEqual({ 'invalid-json': 120 });
  });
});

describe('renderer records', () => {
  it('accepts EventPreviews as the timeline holds them, citing their index', () => {
    const lens = createLlmLens();
    sample('openai-chat-completions.sse').forEach((event, i) => {
      const preview = toEventPreview({
        kind: 'event',
        attempt: 1,
        t: 100 + i * 20,
        index: 40 + i,
        type: event.type,
        data: i === 3 ? '{"broken' : event.data,
        lastEventId: '',
        start: 0,
        end: 0,
      });
      lens.push(preview);
    });
    const result = lens.end();
    expect(result).toMatchObject({ format: 'openai-chat', ttftMs: 20, deltas: 15 });
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'invalid-json', eventIndex: 43 }),
    ]);
  });
});
