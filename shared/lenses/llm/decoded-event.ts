import { isRecord, PARSE_FAILED, type JsonRecord } from '../json-values.ts';
import type { EventContext, LlmState } from './llm-state.ts';

/** An event after the lens's common pass: JSON parsed once, shared by detection and decoding. */
export interface DecodedEvent extends EventContext {
  type: string;
  data: string;
  /** Parsed data; undefined when the data does not look like JSON; PARSE_FAILED when it broke. */
  json: unknown;
  truncated: boolean;
}

/** Turns one event into state changes. Decoders keep per-stream state, hence objects. */
export interface FormatDecoder {
  decode(state: LlmState, event: DecodedEvent): void;
}

/** Every event of a JSON-only format must parse; say why this one is not used. */
export function reportNotJson(state: LlmState, event: DecodedEvent): void {
  if (event.truncated) {
    state.problem(
      'data-truncated',
      'info',
      `Event ${event.index} was cut for preview; load the full event to decode it.`,
      event.index,
    );
    return;
  }
  const broken = event.json === PARSE_FAILED;
  const excerpt = event.data.length > 60 ? `${event.data.slice(0, 60)}…` : event.data;
  state.problem(
    'invalid-json',
    'error',
    broken
      ? `Event ${event.index} has data that is not valid JSON: ${excerpt}`
      : `Event ${event.index} has data that is not JSON: ${excerpt}`,
    event.index,
  );
}

/** The event's JSON object, for a format whose events all are one; null after reporting why not. */
export function jsonObject(state: LlmState, event: DecodedEvent): JsonRecord | null {
  if (isRecord(event.json)) return event.json;
  reportNotJson(state, event);
  return null;
}
