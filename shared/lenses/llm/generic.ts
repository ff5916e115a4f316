import { formatFieldPath, parseFieldPath, readFieldPath } from '../field-path.ts';
import type { FieldPath } from '../field-path.ts';
import { isRecord, recordAt, stringOr } from '../json-values.ts';
import { reportNotJson } from './decoded-event.ts';
import type { DecodedEvent, FormatDecoder } from './decoded-event.ts';
import type { LlmState } from './llm-state.ts';

/**
 * Where other streaming APIs put the text delta, most specific first, so that a payload with
 * both `token.text` and `generated_text` (TGI's last event) picks the delta.
 */
const TEXT_FIELD_GUESSES: readonly FieldPath[] = [
  'choices.0.text', // OpenAI legacy completions, vLLM /v1/completions
  'candidates.0.content.parts.0.text', // Gemini streamGenerateContent?alt=sse
  'delta.message.content.text', // Cohere v2 content-delta
  'message.content', // Ollama /api/chat
  'token.text', // Hugging Face TGI
  'delta.text',
  'textDelta', // Vercel AI SDK 4
  'completion', // Anthropic legacy text completions
  'response', // Ollama /api/generate
  'text', // Cohere v1 text-generation
  'delta', // Vercel AI SDK 5 text-delta
  'content',
  'token',
].map(parseFieldPath);

/** Where finish reasons live in the same APIs. */
const FINISH_FIELDS: readonly FieldPath[] = [
  'finish_reason',
  'choices.0.finish_reason',
  'candidates.0.finishReason',
  'details.finish_reason',
  'done_reason',
  'stop_reason',
  'finishReason',
].map(parseFieldPath);

/** Event kinds (in `type`/`event_type`, or the SSE event name) that end a generic stream. */
const END_TYPES = new Set(['stream-end', 'message-end', 'message_stop', 'finish', 'done', 'end']);

/** The first guessed path holding a string in this payload, or null. */
export function guessTextField(json: unknown): FieldPath | null {
  if (!isRecord(json)) return null;
  for (const path of TEXT_FIELD_GUESSES) {
    if (typeof readFieldPath(json, path) === 'string') return path;
  }
  return null;
}

export interface GenericDecoder extends FormatDecoder {
  /** The field in use (given or guessed so far), dotted. */
  readonly textField: string | null;
  readonly guessed: boolean;
}

/**
 * JSON events with a text delta at a field path (given, or guessed from the first payload that
 * has one of the usual fields). With neither a path nor JSON data, each event's data is itself
 * the delta: some servers stream bare tokens.
 */
export function createGenericDecoder(path: FieldPath | null): GenericDecoder {
  let field = path;
  const guessed = path === null;
  return {
    get textField() {
      return field === null ? null : formatFieldPath(field);
    },
    guessed,
    decode(state: LlmState, event: DecodedEvent): void {
      if (event.data.trim() === '[DONE]') {
        state.terminate();
        return;
      }
      const json = event.json;
      if (json === undefined && field === null) {
        state.textDelta(event, 'g0', 0, 'text', event.data);
        return;
      }
      if (!isRecord(json)) {
        if (!Array.isArray(json)) reportNotJson(state, event);
        return;
      }
      field ??= guessTextField(json);
      if (field !== null) {
        const text = readFieldPath(json, field);
        if (typeof text === 'string') state.textDelta(event, 'g0', 0, 'text', text);
      }
      readUsage(state, json);
      for (const finishPath of FINISH_FIELDS) {
        const reason = stringOr(readFieldPath(json, finishPath));
        if (reason !== null) {
          state.finish(event, 0, reason);
          state.terminate();
          break;
        }
      }
      const kind = stringOr(json.type) ?? stringOr(json.event_type) ?? event.type;
      if (json.done === true || json.is_finished === true || END_TYPES.has(kind)) {
        state.terminate();
      }
    },
  };
}

function readUsage(state: LlmState, json: Record<string, unknown>): void {
  const usage = recordAt(json, 'usage') ?? recordAt(json, 'usageMetadata');
  if (usage !== null) state.mergeUsage(usage);
  // Ollama puts its counts at the top level of the last line; TGI in `details`.
  if (typeof json.eval_count === 'number') {
    state.mergeUsage({ prompt_eval_count: json.prompt_eval_count, eval_count: json.eval_count });
  }
  const generated = recordAt(json, 'details')?.generated_tokens;
  if (typeof generated === 'number') state.mergeUsage({ generated_tokens: generated });
}
