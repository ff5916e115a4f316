import { finiteNumber, isRecord, stringOr } from '../json-values.ts';
import { jsonObject } from './decoded-event.ts';
import type { DecodedEvent, FormatDecoder } from './decoded-event.ts';
import type { LlmState } from './llm-state.ts';

/**
 * OpenAI chat completions (`stream: true`): unnamed events of `chat.completion.chunk` JSON, text
 * in `choices[].delta.content`, tool calls as fragments in `choices[].delta.tool_calls[]` keyed by
 * `index` (id and name come in the first fragment only), `finish_reason` on the last chunk of a
 * choice, `usage` in an extra chunk with empty `choices` when `stream_options.include_usage`,
 * then the literal `data: [DONE]`. Many compatible servers (vLLM, Ollama's /v1, Groq, Mistral,
 * DeepSeek with `reasoning_content`) speak the same shape.
 */
export function createOpenAiChatDecoder(): FormatDecoder {
  return {
    decode(state: LlmState, event: DecodedEvent): void {
      if (event.data.trim() === '[DONE]') {
        state.terminate();
        return;
      }
      const chunk = jsonObject(state, event);
      if (chunk === null) return;
      state.model ??= stringOr(chunk.model);
      state.responseId ??= stringOr(chunk.id);
      if (Array.isArray(chunk.choices)) {
        chunk.choices.forEach((choice: unknown, position: number) => {
          if (isRecord(choice)) decodeChoice(state, event, choice, position);
        });
      }
      if (isRecord(chunk.usage)) state.mergeUsage(chunk.usage);
    },
  };
}

function decodeChoice(
  state: LlmState,
  event: DecodedEvent,
  choice: Record<string, unknown>,
  position: number,
): void {
  const n = finiteNumber(choice.index) ?? position;
  const delta = isRecord(choice.delta) ? choice.delta : {};
  const content = stringOr(delta.content);
  if (content !== null) state.textDelta(event, `c${n}`, n, 'text', content);
  const refusal = stringOr(delta.refusal);
  if (refusal !== null) state.textDelta(event, `c${n}:refusal`, n, 'refusal', refusal);
  const reasoning = stringOr(delta.reasoning_content) ?? stringOr(delta.reasoning);
  if (reasoning !== null) state.textDelta(event, `c${n}:reasoning`, n, 'reasoning', reasoning);

  if (Array.isArray(delta.tool_calls)) {
    delta.tool_calls.forEach((call: unknown, at: number) => {
      if (!isRecord(call)) return;
      const index = finiteNumber(call.index) ?? at;
      const key = `c${n}:t${index}`;
      const fn = isRecord(call.function) ? call.function : {};
      state.toolCall(key, n, index, { id: stringOr(call.id), name: stringOr(fn.name) });
      const args = stringOr(fn.arguments);
      if (args !== null) state.toolArguments(event, key, n, index, args);
    });
  }
  // The deprecated single `function_call` of older models.
  if (isRecord(delta.function_call)) {
    const key = `c${n}:function`;
    state.toolCall(key, n, 0, { name: stringOr(delta.function_call.name) });
    const args = stringOr(delta.function_call.arguments);
    if (args !== null) state.toolArguments(event, key, n, 0, args);
  }

  const finish = stringOr(choice.finish_reason);
  if (finish !== null) {
    state.finish(event, n, finish);
    state.completeToolsOfChoice(n);
  }
}
