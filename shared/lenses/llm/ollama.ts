import { isRecord, stringOr } from '../json-values.ts';
import { jsonObject } from './decoded-event.ts';
import type { DecodedEvent, FormatDecoder } from './decoded-event.ts';
import type { LlmState } from './llm-state.ts';

/** The counters and durations of Ollama's last object, kept as the usage it reports. */
const USAGE_FIELDS = [
  'prompt_eval_count',
  'eval_count',
  'total_duration',
  'load_duration',
  'prompt_eval_duration',
  'eval_duration',
] as const;

/**
 * Ollama's native API (NDJSON, one object per line): `/api/chat` sends
 * `{"model", "created_at", "message": {"role", "content", "thinking"?, "tool_calls"?}, "done": false}`
 * per token, `/api/generate` the same with `response` (and `thinking`) instead of `message`. The
 * last object has `"done": true`, `done_reason` (`stop`, `length`, …) and the token counts
 * `prompt_eval_count` / `eval_count` with durations in nanoseconds. Tool calls arrive whole, with
 * `arguments` as a JSON object. Errors are `{"error": "…"}` (handled before decoding).
 */
export function createOllamaDecoder(): FormatDecoder {
  let calls = 0;
  return {
    decode(state: LlmState, event: DecodedEvent): void {
      const chunk = jsonObject(state, event);
      if (chunk === null) return;
      state.model ??= stringOr(chunk.model);
      const message = isRecord(chunk.message) ? chunk.message : chunk;
      const text = stringOr(message.content) ?? stringOr(chunk.response);
      if (text !== null) state.textDelta(event, 'c0', 0, 'text', text);
      const thinking = stringOr(message.thinking);
      if (thinking !== null) state.textDelta(event, 'c0:reasoning', 0, 'reasoning', thinking);
      if (Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls) {
          if (!isRecord(call)) continue;
          const fn = isRecord(call.function) ? call.function : {};
          const index = calls++;
          const key = `c0:t${index}`;
          state.toolCall(key, 0, index, { id: stringOr(call.id), name: stringOr(fn.name) });
          const args = fn.arguments;
          const text = typeof args === 'string' ? args : JSON.stringify(args ?? {});
          state.toolArguments(event, key, 0, index, text);
          state.completeTool(key);
        }
      }
      if (chunk.done !== true) return;
      const reason = stringOr(chunk.done_reason);
      if (reason !== null) state.finish(event, 0, reason);
      const usage: Record<string, unknown> = {};
      for (const field of USAGE_FIELDS) if (chunk[field] !== undefined) usage[field] = chunk[field];
      if (Object.keys(usage).length > 0) state.mergeUsage(usage);
      state.terminate();
    },
  };
}

/** An Ollama object: model, created_at and a boolean `done`, with `message` or `response`. */
export function isOllamaChunk(json: Record<string, unknown>): boolean {
  return (
    typeof json.model === 'string' &&
    typeof json.created_at === 'string' &&
    typeof json.done === 'boolean' &&
    (isRecord(json.message) || typeof json.response === 'string')
  );
}
