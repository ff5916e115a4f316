import { createLlmLens, type LlmLens } from '../lenses/llm/llm-lens.ts';
import type { LlmFormat } from '../lenses/llm/types.ts';
import type { CheckExpectations } from './check-spec.ts';
import {
  fail,
  formatMs,
  pass,
  pending,
  skipped,
  type CheckRule,
  type Verdict,
} from './check-types.ts';

/**
 * `llm`: the LLM lens over the first attempt (a reconnect asks again and gets another answer):
 * the wire format, the finish reason and the time to the first text delta.
 */
export function llmRule(expected: Required<CheckExpectations>['llm'], offline: boolean): CheckRule {
  let requestT: number | null = null;
  let lens: LlmLens | null = null;
  // Made at the first event, when the request's time is known: TTFT counts from the request.
  const lensFor = (): LlmLens =>
    (lens ??= createLlmLens({
      ...(expected.format === undefined ? {} : { format: expected.format as LlmFormat }),
      requestStartT: requestT,
    }));
  let ended = false;
  const ttftChecked = expected.maxTtftMs !== undefined && !offline;
  return {
    name: 'llm',
    push(record) {
      if (record.kind === 'attempt' && record.attempt === 1) requestT = record.t;
      if (record.kind !== 'event' || record.attempt !== 1) return;
      lensFor().push({
        type: record.type,
        data: record.data,
        t: record.t,
        index: record.index,
        truncated: record.truncated === true,
      });
    },
    end() {
      ended = true;
    },
    result(): Verdict {
      if (lens === null)
        return ended ? fail('no event arrived') : pending('waiting for the answer');
      const snapshot = ended ? lens.end() : lens.snapshot();
      const problems: string[] = [];
      const facts: string[] = [];
      let waiting = false;
      if (expected.format !== undefined) {
        // A forced format is taken as given: it holds when the decoder understood the answer.
        const detected = snapshot.format;
        if (detected === expected.format && snapshot.deltas + snapshot.toolCalls.length > 0)
          facts.push(`format ${detected}`);
        else if (ended) problems.push(`no ${expected.format} answer was decoded`);
        else waiting = true;
      }
      if (expected.finishReason !== undefined) {
        const reason = snapshot.finishReason;
        if (reason === expected.finishReason) facts.push(`finish reason ${reason}`);
        else if (ended || reason !== null)
          problems.push(
            `finish reason ${reason === null ? '(none)' : JSON.stringify(reason)} (expected ${JSON.stringify(expected.finishReason)})`,
          );
        else waiting = true;
      }
      if (ttftChecked) {
        const limit = expected.maxTtftMs!;
        const ttft = snapshot.ttftMs;
        if (ttft === null) {
          if (ended) problems.push('no text delta arrived');
          else waiting = true;
        } else if (ttft > limit)
          problems.push(`time to first token ${formatMs(ttft)} (limit ${limit})`);
        else facts.push(`time to first token ${formatMs(ttft)}`);
      }
      if (problems.length > 0) return fail(problems.join('; '));
      if (waiting) return pending(facts.length === 0 ? 'waiting for the answer' : facts.join(', '));
      if (facts.length === 0)
        return skipped('only maxTtftMs was asked, and a raw stream file has no times');
      return pass(facts.join(', '));
    },
  };
}
