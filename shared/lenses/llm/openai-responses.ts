import { finiteNumber, isRecord, recordAt, stringOr } from '../json-values.ts';
import { jsonObject } from './decoded-event.ts';
import type { DecodedEvent, FormatDecoder } from './decoded-event.ts';
import type { LlmState } from './llm-state.ts';

/**
 * OpenAI Responses API (`stream: true`): named events whose JSON repeats the name in `type`.
 * Output items are addressed by `output_index`, text parts within them by `content_index`;
 * function calls are announced by `response.output_item.added` (name, call_id) and streamed as
 * `response.function_call_arguments.delta`. The stream ends with `response.completed`,
 * `response.incomplete` or `response.failed`, each carrying the final response (status, usage).
 */
export function createOpenAiResponsesDecoder(): FormatDecoder {
  return {
    decode(state: LlmState, event: DecodedEvent): void {
      const body = jsonObject(state, event);
      if (body === null) return;
      const type = stringOr(body.type) ?? event.type;
      const output = finiteNumber(body.output_index) ?? 0;
      const part = finiteNumber(body.content_index) ?? 0;
      const delta = stringOr(body.delta);
      switch (type) {
        case 'response.created':
        case 'response.in_progress':
          readResponse(state, recordAt(body, 'response'));
          return;
        case 'response.output_item.added':
        case 'response.output_item.done':
          readItem(state, body, output, type.endsWith('.done'));
          return;
        case 'response.output_text.delta':
          if (delta !== null) state.textDelta(event, `o${output}:c${part}`, 0, 'text', delta);
          return;
        case 'response.refusal.delta':
          if (delta !== null) state.textDelta(event, `o${output}:c${part}`, 0, 'refusal', delta);
          return;
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta': {
          const summary = finiteNumber(body.summary_index) ?? part;
          if (delta !== null) {
            state.textDelta(event, `o${output}:r${summary}`, 0, 'reasoning', delta);
          }
          return;
        }
        case 'response.function_call_arguments.delta':
          if (delta !== null) state.toolArguments(event, `o${output}`, 0, output, delta);
          return;
        case 'response.function_call_arguments.done': {
          const whole = stringOr(body.arguments);
          if (whole !== null) state.toolArgumentsDone(`o${output}`, whole);
          return;
        }
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed':
          finishResponse(state, event, recordAt(body, 'response'), type);
          return;
        default:
          // content_part.added/done, output_text.done, annotations, web search progress…: no
          // new information for the lens.
          return;
      }
    },
  };
}

function readResponse(state: LlmState, response: Record<string, unknown> | null): void {
  if (response === null) return;
  state.responseId ??= stringOr(response.id);
  state.model ??= stringOr(response.model);
  if (isRecord(response.usage)) state.mergeUsage(response.usage);
}

function readItem(
  state: LlmState,
  body: Record<string, unknown>,
  output: number,
  done: boolean,
): void {
  const item = recordAt(body, 'item');
  if (item === null || item.type !== 'function_call') return;
  const key = `o${output}`;
  state.toolCall(key, 0, output, {
    id: stringOr(item.call_id) ?? stringOr(item.id),
    name: stringOr(item.name),
  });
  const args = stringOr(item.arguments);
  if (args !== null && args !== '') state.toolArgumentsDone(key, args);
  if (done) state.completeTool(key);
}

function finishResponse(
  state: LlmState,
  event: DecodedEvent,
  response: Record<string, unknown> | null,
  type: string,
): void {
  readResponse(state, response);
  const status = stringOr(response?.status) ?? type.slice('response.'.length);
  const incompleteReason = stringOr(recordAt(response, 'incomplete_details')?.reason);
  state.finish(event, 0, incompleteReason ?? status);
  if (type === 'response.failed') {
    const error = recordAt(response, 'error');
    const message = stringOr(error?.message) ?? 'no error message';
    const code = stringOr(error?.code);
    state.problem(
      'api-error',
      'error',
      `The response failed${code === null ? '' : ` (${code})`}: ${message}`,
      event.index,
    );
  }
  state.terminate();
}
