/** Public types of the LLM streaming lens (see llm-lens.ts). Every snapshot is plain JSON. */

export type LlmFormat =
  'openai-chat' | 'openai-responses' | 'anthropic' | 'ollama' | 'gemini' | 'generic';

export const llmFormats: readonly LlmFormat[] = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'ollama',
  'gemini',
  'generic',
];

/** One event as the lens consumes it: a parser output, an EventRecord or an EventPreview. */
export interface LlmLensEvent {
  type: string;
  data: string;
  /** The event's id (`lastEventId` of a record); not used for decoding. */
  id?: string | null;
  /** Arrival time in ms on any monotonic clock (records use ms since session start); null: unknown. */
  t: number | null;
  /** The event's number in its session; problems cite it. Default: its position in the pushes. */
  index?: number;
  /** The data was cut (an EventPreview): a JSON error is then reported as `data-truncated`. */
  truncated?: boolean;
}

export interface LlmLensOptions {
  /** Decode as this format instead of detecting one. */
  format?: LlmFormat | null;
  /**
   * For the generic format: where the text delta is in each JSON event (`choices.0.text`,
   * `token.text`). Giving one selects `generic` unless `format` says otherwise.
   */
  textField?: string | null;
  /** When the request was sent, on the events' clock: TTFT is measured from it (else from the first event). */
  requestStartT?: number | null;
  /** A pause between text deltas longer than this is reported in `gaps`. Default 1000. */
  gapThresholdMs?: number;
  /** Width of the `deltasPerSecond` buckets. Default 1000. */
  bucketMs?: number;
  /** Non-ping events examined before giving up on detection (format stays null). Default 10. */
  detectWindow?: number;
}

export type LlmBlockKind = 'text' | 'reasoning' | 'refusal';

/** A run of text: one choice (OpenAI chat), one content part (Responses), one content block (Anthropic). */
export interface LlmTextBlock {
  /** Stable within a stream, e.g. `c0` (choice 0), `o1:c0` (output 1, part 0), `b2` (block 2). */
  key: string;
  /** OpenAI `choices[].index`; 0 for formats without choices. */
  choice: number;
  kind: LlmBlockKind;
  text: string;
  deltas: number;
}

export interface LlmToolCall {
  key: string;
  choice: number;
  /** Position the API gave the call (tool_calls index, output_index, content block index). */
  index: number;
  id: string | null;
  name: string | null;
  /** The argument fragments joined. */
  arguments: string;
  /** JSON.parse accepts `arguments` (an empty string counts as valid: a call without arguments). */
  argumentsValid: boolean;
  /** The API said the call is finished (content_block_stop, output_item.done, a finish reason). */
  complete: boolean;
}

export interface LlmUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  /** As reported, else input + output when both are known. */
  totalTokens: number | null;
  /** The usage objects as sent, merged in arrival order (Anthropic sends two). */
  raw: Record<string, unknown>;
}

export interface LlmRateBucket {
  /** Bucket start on the events' clock (ms). */
  t: number;
  count: number;
}

export interface LlmGap {
  /** Number of text deltas before the pause (the pause follows delta `afterDelta - 1`, 0-based). */
  afterDelta: number;
  ms: number;
  /** When the pause ended (arrival of the next delta), on the events' clock. */
  t: number;
}

export type LlmProblemCode =
  | 'invalid-json'
  | 'data-truncated'
  | 'missing-terminal'
  | 'delta-after-end'
  | 'api-error'
  | 'truncated-output'
  | 'tool-arguments-invalid';

export type LlmProblemSeverity = 'error' | 'warning' | 'info';

export interface LlmProblem {
  code: LlmProblemCode;
  severity: LlmProblemSeverity;
  message: string;
  /** The event it concerns (its `index`, or its position in the pushes); null for the stream as a whole. */
  eventIndex: number | null;
}

export interface LlmLensSnapshot {
  format: LlmFormat | null;
  /** True when the format came from the options rather than detection. */
  formatForced: boolean;
  /** Generic format: the text field used, and whether it was guessed. */
  textField: string | null;
  textFieldGuessed: boolean;
  model: string | null;
  /** The API's id for the response/message/completion. */
  responseId: string | null;
  /** The visible answer: the `text` blocks of choice 0, in order of first appearance. */
  text: string;
  blocks: LlmTextBlock[];
  toolCalls: LlmToolCall[];
  /** finish_reason / stop_reason / Responses status (or incomplete reason); choice 0 first. */
  finishReason: string | null;
  usage: LlmUsage | null;
  /** Events pushed, pings included. */
  events: number;
  /** Text deltas (kind `text`, non-empty) across blocks. */
  deltas: number;
  /** From `requestStartT` (else the first event) to the first non-empty text delta. */
  ttftMs: number | null;
  /** From the first to the last text delta. */
  streamMs: number | null;
  /** The clock origin of `ttftMs` (requestStartT or first event time); null without times. */
  timeOrigin: number | null;
  deltasPerSecond: LlmRateBucket[];
  bucketMs: number;
  gaps: LlmGap[];
  /** The stream's terminal event arrived ([DONE], message_stop, response.completed…). */
  terminated: boolean;
  /** `end()` was called: end-of-stream checks are included in `problems`. */
  ended: boolean;
  problems: LlmProblem[];
  /** Problems per code, including those not listed because of the per-code cap. */
  problemCounts: Partial<Record<LlmProblemCode, number>>;
}
