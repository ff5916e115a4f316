import type { FieldPath } from '../field-path.ts';
import { isRecord, stringOr } from '../json-values.ts';
import type { DecodedEvent } from './decoded-event.ts';
import { isGeminiChunk } from './gemini.ts';
import { isOllamaChunk } from './ollama.ts';
import { guessTextField } from './generic.ts';
import type { LlmFormat } from './types.ts';

const ANTHROPIC_TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
]);

/** Keep-alive events: they say nothing about the format or the answer. */
const KEEPALIVE_TYPES = new Set(['ping', 'keepalive', 'keep-alive', 'heartbeat']);

/** The type an event declares: the JSON `type` when present (APIs repeat it there), else its SSE name. */
function declaredType(event: DecodedEvent): string {
  return (isRecord(event.json) ? stringOr(event.json.type) : null) ?? event.type;
}

export function isKeepAlive(event: DecodedEvent): boolean {
  return KEEPALIVE_TYPES.has(event.type) || KEEPALIVE_TYPES.has(declaredType(event));
}

/**
 * An error the API reported in the stream: `event: error` (Anthropic, Responses), a JSON
 * `type: "error"`, or a payload with a top-level `error` (OpenAI chat, Ollama, TGI). Returns the
 * message to show, or null.
 */
export function apiErrorMessage(event: DecodedEvent): string | null {
  const json = isRecord(event.json) ? event.json : null;
  const typed = event.type === 'error' || json?.type === 'error';
  const error = json?.error;
  if (!typed && (error === undefined || error === null || error === false)) return null;
  if (typeof error === 'string') return error;
  const detail = isRecord(error) ? error : json;
  const message = stringOr(detail?.message);
  // `type` names the error kind unless it is the event's own type ("error"); then try `code`.
  const type = stringOr(detail?.type);
  const kind = (type === 'error' ? null : type) ?? stringOr(detail?.code);
  if (message !== null) return kind !== null ? `${kind}: ${message}` : message;
  return event.data.length > 200 ? `${event.data.slice(0, 200)}…` : event.data;
}

export interface Detection {
  format: LlmFormat;
  /** For `generic`: the guessed text field. */
  textField: FieldPath | null;
}

/**
 * What one event says about the stream's format, or null when it says nothing decisive (keep
 * looking). Named formats are recognized by their own vocabulary; `generic` only by a payload
 * holding one of the usual text fields.
 */
export function detectFormat(event: DecodedEvent): Detection | null {
  const json = event.json;
  if (!isRecord(json)) return null;
  const type = declaredType(event);
  if (type.startsWith('response.')) return { format: 'openai-responses', textField: null };
  if (ANTHROPIC_TYPES.has(type)) return { format: 'anthropic', textField: null };
  if (json.object === 'chat.completion.chunk') return { format: 'openai-chat', textField: null };
  const choices = json.choices;
  if (Array.isArray(choices) && isRecord(choices[0]) && isRecord(choices[0].delta)) {
    return { format: 'openai-chat', textField: null };
  }
  if (isOllamaChunk(json)) return { format: 'ollama', textField: null };
  if (isGeminiChunk(json)) return { format: 'gemini', textField: null };
  const textField = guessTextField(json);
  return textField === null ? null : { format: 'generic', textField };
}
