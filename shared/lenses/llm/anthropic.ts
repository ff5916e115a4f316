import { finiteNumber, recordAt, stringOr } from '../json-values.ts';
import { jsonObject } from './decoded-event.ts';
import type { DecodedEvent, FormatDecoder } from './decoded-event.ts';
import type { LlmState } from './llm-state.ts';

/**
 * Anthropic Messages (`stream: true`): `message_start` (id, model, input usage), then per content
 * block `content_block_start` (text, thinking or tool_use with id and name) / `content_block_delta`
 * (`text_delta`, `thinking_delta`, `input_json_delta` with `partial_json`) / `content_block_stop`,
 * then `message_delta` (stop_reason, cumulative output_tokens) and `message_stop`. `ping` may come
 * anywhere. The JSON repeats the event name in `type`, which is what is read here.
 */
export function createAnthropicDecoder(): FormatDecoder {
  return {
    decode(state: LlmState, event: DecodedEvent): void {
      const body = jsonObject(state, event);
      if (body === null) return;
      const index = finiteNumber(body.index) ?? 0;
      const key = `b${index}`;
      switch (stringOr(body.type) ?? event.type) {
        case 'message_start': {
          const message = recordAt(body, 'message');
          state.responseId ??= stringOr(message?.id);
          state.model ??= stringOr(message?.model);
          const usage = recordAt(message, 'usage');
          if (usage !== null) state.mergeUsage(usage);
          return;
        }
        case 'content_block_start': {
          const block = recordAt(body, 'content_block');
          const type = stringOr(block?.type);
          if (type === 'text') {
            state.textDelta(event, key, 0, 'text', stringOr(block?.text) ?? '');
          } else if (type === 'thinking') {
            state.textDelta(event, key, 0, 'reasoning', stringOr(block?.thinking) ?? '');
          } else if (type === 'tool_use' || type === 'server_tool_use') {
            state.toolCall(key, 0, index, { id: stringOr(block?.id), name: stringOr(block?.name) });
          }
          return;
        }
        case 'content_block_delta': {
          const delta = recordAt(body, 'delta');
          switch (stringOr(delta?.type)) {
            case 'text_delta':
              state.textDelta(event, key, 0, 'text', stringOr(delta?.text) ?? '');
              return;
            case 'thinking_delta':
              state.textDelta(event, key, 0, 'reasoning', stringOr(delta?.thinking) ?? '');
              return;
            case 'input_json_delta':
              state.toolArguments(event, key, 0, index, stringOr(delta?.partial_json) ?? '');
              return;
            default:
              // signature_delta, citations_delta: nothing to assemble.
              return;
          }
        }
        case 'content_block_stop':
          state.completeTool(key);
          return;
        case 'message_delta': {
          const stop = stringOr(recordAt(body, 'delta')?.stop_reason);
          if (stop !== null) state.finish(event, 0, stop);
          const usage = recordAt(body, 'usage');
          if (usage !== null) state.mergeUsage(usage);
          return;
        }
        case 'message_stop':
          state.terminate();
          return;
        default:
          return;
      }
    },
  };
}
