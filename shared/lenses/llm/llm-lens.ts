import { parseFieldPath } from '../field-path.ts';
import type { FieldPath } from '../field-path.ts';
import { parseJsonData } from '../json-values.ts';
import { createAnthropicDecoder } from './anthropic.ts';
import type { DecodedEvent, FormatDecoder } from './decoded-event.ts';
import { apiErrorMessage, detectFormat, isKeepAlive } from './detect-format.ts';
import { createGeminiDecoder } from './gemini.ts';
import { createGenericDecoder } from './generic.ts';
import type { GenericDecoder } from './generic.ts';
import { LlmState } from './llm-state.ts';
import { createOllamaDecoder } from './ollama.ts';
import { createOpenAiChatDecoder } from './openai-chat.ts';
import { createOpenAiResponsesDecoder } from './openai-responses.ts';
import { llmFormats } from './types.ts';
import type {
  LlmFormat,
  LlmLensEvent,
  LlmLensOptions,
  LlmLensSnapshot,
  LlmProblem,
} from './types.ts';

export interface LlmLens {
  /** Feed the next event, in arrival order. O(1) amortized (plus parsing the event's JSON). */
  push(event: LlmLensEvent): void;
  /** The state so far; the same object until something changes (safe as a React dependency). */
  snapshot(): LlmLensSnapshot;
  /**
   * The stream is over: the snapshot adds end-of-stream checks (missing terminal event, tool-call
   * arguments that are not JSON). Pushing again reopens the stream and drops those checks.
   */
  end(): LlmLensSnapshot;
}

export const DEFAULT_GAP_THRESHOLD_MS = 1000;
export const DEFAULT_BUCKET_MS = 1000;
export const DEFAULT_DETECT_WINDOW = 10;

const TERMINAL_NAMES: Record<LlmFormat, string> = {
  'openai-chat': 'data: [DONE]',
  'openai-responses': 'response.completed (or .incomplete/.failed)',
  anthropic: 'message_stop',
  ollama: 'an object with "done": true',
  gemini: 'a finishReason',
  generic: 'an end marker ([DONE], done: true, a finish reason)',
};

/** Throws FieldPathError for a malformed `textField` and RangeError for an unknown format. */
export function createLlmLens(options: LlmLensOptions = {}): LlmLens {
  const forcedFormat = options.format ?? null;
  if (forcedFormat !== null && !llmFormats.includes(forcedFormat)) {
    throw new RangeError(`Unknown LLM stream format "${String(forcedFormat)}".`);
  }
  const givenField = options.textField ? parseFieldPath(options.textField) : null;
  const format = forcedFormat ?? (givenField !== null ? 'generic' : null);
  const bucketMs = positive(options.bucketMs, DEFAULT_BUCKET_MS);
  const detectWindow = positive(options.detectWindow, DEFAULT_DETECT_WINDOW);
  const requestStartT = options.requestStartT ?? null;
  const state = new LlmState(
    Math.max(0, options.gapThresholdMs ?? DEFAULT_GAP_THRESHOLD_MS),
    bucketMs,
  );

  let decoder: FormatDecoder | null = null;
  let generic: GenericDecoder | null = null;
  // Events seen before the format is known, replayed once it is (at most detectWindow).
  let pending: DecodedEvent[] = [];
  let examined = 0;
  let gaveUp = false;
  let pushed = 0;
  let ended = false;
  let cached: LlmLensSnapshot | null = null;
  let cachedVersion = -1;
  let cachedEnded = false;

  const commit = (chosen: LlmFormat, guessedField: FieldPath | null): void => {
    state.format = chosen;
    if (chosen === 'generic') decoder = generic = createGenericDecoder(givenField ?? guessedField);
    else if (chosen === 'openai-chat') decoder = createOpenAiChatDecoder();
    else if (chosen === 'openai-responses') decoder = createOpenAiResponsesDecoder();
    else if (chosen === 'ollama') decoder = createOllamaDecoder();
    else if (chosen === 'gemini') decoder = createGeminiDecoder();
    else decoder = createAnthropicDecoder();
    for (const earlier of pending) decoder.decode(state, earlier);
    pending = [];
  };
  if (format !== null) commit(format, null);
  // A forced generic lens without a field guesses per stream like a detected one, but says so.
  const guessedField = (): boolean =>
    generic !== null && givenField === null && generic.textField !== null;

  const build = (): LlmLensSnapshot => {
    const blocks = state.blocks();
    const toolCalls = state.toolCalls();
    const problems: LlmProblem[] = [...state.problems];
    const problemCounts = { ...state.problemCounts };
    if (ended) {
      for (const problem of endProblems(state, toolCalls)) {
        problems.push(problem);
        problemCounts[problem.code] = (problemCounts[problem.code] ?? 0) + 1;
      }
    }
    const origin = state.timeOrigin;
    const { firstTextT, lastTextT } = state;
    return {
      format: state.format,
      formatForced: format !== null,
      textField: generic?.textField ?? null,
      textFieldGuessed: guessedField(),
      model: state.model,
      responseId: state.responseId,
      text: answerText(blocks),
      blocks,
      toolCalls,
      finishReason: state.finishReason,
      usage: state.usage(),
      events: pushed,
      deltas: state.deltas,
      ttftMs: firstTextT !== null && origin !== null ? firstTextT - origin : null,
      streamMs: firstTextT !== null && lastTextT !== null ? lastTextT - firstTextT : null,
      timeOrigin: origin,
      deltasPerSecond:
        origin === null
          ? []
          : state.buckets.map((count, k) => ({ t: origin + k * bucketMs, count })),
      bucketMs,
      gaps: [...state.gaps],
      terminated: state.terminated,
      ended,
      problems,
      problemCounts,
    };
  };

  const snapshot = (): LlmLensSnapshot => {
    if (cached === null || cachedVersion !== state.version || cachedEnded !== ended) {
      cached = build();
      cachedVersion = state.version;
      cachedEnded = ended;
    }
    return cached;
  };

  return {
    push(event: LlmLensEvent): void {
      const index = event.index ?? pushed;
      pushed++;
      ended = false;
      state.version++;
      if (event.t !== null && state.timeOrigin === null) {
        state.timeOrigin = requestStartT ?? event.t;
      }
      // Not an LLM stream: skip even the JSON parse, so a busy feed costs next to nothing.
      if (gaveUp) return;
      const decoded: DecodedEvent = {
        index,
        t: event.t,
        type: event.type,
        data: event.data,
        json: parseJsonData(event.data),
        truncated: event.truncated === true,
      };
      if (isKeepAlive(decoded)) return;
      const error = apiErrorMessage(decoded);
      if (error !== null) {
        state.problem('api-error', 'error', `The API reported an error: ${error}`, index);
        return;
      }
      if (decoder !== null) {
        decoder.decode(state, decoded);
        return;
      }
      const detection = detectFormat(decoded);
      pending.push(decoded);
      if (detection !== null) {
        commit(detection.format, detection.textField);
      } else if (++examined >= detectWindow) {
        gaveUp = true;
        pending = [];
      }
    },
    snapshot,
    end(): LlmLensSnapshot {
      ended = true;
      return snapshot();
    },
  };
}

function endProblems(state: LlmState, toolCalls: LlmLensSnapshot['toolCalls']): LlmProblem[] {
  const problems: LlmProblem[] = [];
  const format = state.format;
  const hadError = (state.problemCounts['api-error'] ?? 0) > 0;
  if (format !== null && !state.terminated && !hadError) {
    const finish = state.finishReason;
    problems.push({
      code: 'missing-terminal',
      // Without a finish reason the answer may be cut short; with one, only the marker is missing.
      severity: format === 'generic' ? 'info' : finish === null ? 'error' : 'warning',
      message:
        finish === null
          ? `The stream ended without ${TERMINAL_NAMES[format]}: the answer may be incomplete.`
          : `The stream ended without ${TERMINAL_NAMES[format]} (finish reason "${finish}" was sent).`,
      eventIndex: null,
    });
  }
  for (const call of toolCalls) {
    if (call.argumentsValid) continue;
    problems.push({
      code: 'tool-arguments-invalid',
      severity: 'error',
      message: `The arguments of tool call ${call.name ?? call.id ?? call.key} are not valid JSON.`,
      eventIndex: null,
    });
  }
  return problems;
}

/** The text blocks of choice 0 in order; the usual single block is returned without copying. */
function answerText(blocks: LlmLensSnapshot['blocks']): string {
  const answer = blocks.filter((b) => b.kind === 'text' && b.choice === 0);
  if (answer.length === 1) return (answer[0] as { text: string }).text;
  return answer.map((b) => b.text).join('');
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
