import { finiteNumber, isRecord, stringOr } from '../json-values.ts';
import { jsonObject } from './decoded-event.ts';
import type { DecodedEvent, FormatDecoder } from './decoded-event.ts';
import type { LlmState } from './llm-state.ts';

/**
 * Gemini `streamGenerateContent`: every record is a whole GenerateContentResponse, as a JSON
 * array streamed element by element (the default) or as SSE `data:` events (`alt=sse`); the lens
 * sees the same objects either way. Text is in `candidates[].content.parts[].text` (parts with
 * `thought: true` are reasoning), calls in `functionCall` parts (`name`, `args` as an object, each
 * whole), `finishReason` (`STOP`, `MAX_TOKENS`, `SAFETY`, …) on a candidate's last record and
 * `usageMetadata` (`promptTokenCount`, `candidatesTokenCount`, `totalTokenCount`) with it. There
 * is no end marker: the finish reason is the end.
 */
export function createGeminiDecoder(): FormatDecoder {
  const callsByCandidate = new Map<number, number>();
  return {
    decode(state: LlmState, event: DecodedEvent): void {
      const chunk = jsonObject(state, event);
      if (chunk === null) return;
      state.model ??= stringOr(chunk.modelVersion);
      state.responseId ??= stringOr(chunk.responseId);
      if (Array.isArray(chunk.candidates)) {
        chunk.candidates.forEach((candidate: unknown, position: number) => {
          if (!isRecord(candidate)) return;
          const n = finiteNumber(candidate.index) ?? position;
          decodeCandidate(state, event, candidate, n, callsByCandidate);
        });
      }
      if (isRecord(chunk.usageMetadata)) state.mergeUsage(chunk.usageMetadata);
      // A prompt blocked before any candidate: its reason is the finish reason.
      const blocked = isRecord(chunk.promptFeedback)
        ? stringOr(chunk.promptFeedback.blockReason)
        : null;
      if (blocked !== null) {
        state.finish(event, 0, blocked);
        state.terminate();
      }
    },
  };
}

function decodeCandidate(
  state: LlmState,
  event: DecodedEvent,
  candidate: Record<string, unknown>,
  n: number,
  callsByCandidate: Map<number, number>,
): void {
  const content = isRecord(candidate.content) ? candidate.content : {};
  const parts = Array.isArray(content.parts) ? content.parts : [];
  for (const part of parts) {
    if (!isRecord(part)) continue;
    const text = stringOr(part.text);
    if (text !== null) {
      const thought = part.thought === true;
      state.textDelta(
        event,
        thought ? `c${n}:reasoning` : `c${n}`,
        n,
        thought ? 'reasoning' : 'text',
        text,
      );
    }
    if (isRecord(part.functionCall)) {
      const index = callsByCandidate.get(n) ?? 0;
      callsByCandidate.set(n, index + 1);
      const key = `c${n}:t${index}`;
      const call = part.functionCall;
      state.toolCall(key, n, index, { id: stringOr(call.id), name: stringOr(call.name) });
      state.toolArguments(event, key, n, index, JSON.stringify(call.args ?? {}));
      state.completeTool(key);
    }
  }
  const finish = stringOr(candidate.finishReason);
  if (finish !== null) {
    state.finish(event, n, finish);
    state.completeToolsOfChoice(n);
    if (n === 0) state.terminate();
  }
}

/** A GenerateContentResponse: `candidates` with content or a finish reason, or usage metadata. */
export function isGeminiChunk(json: Record<string, unknown>): boolean {
  const candidates = json.candidates;
  if (Array.isArray(candidates) && isRecord(candidates[0])) {
    const first = candidates[0];
    return isRecord(first.content) || typeof first.finishReason === 'string';
  }
  return isRecord(json.usageMetadata) && typeof json.modelVersion === 'string';
}
