import { finiteNumber } from '../json-values.ts';
import type { LlmUsage } from './types.ts';

/** The first key holding a number. */
function firstCount(raw: Record<string, unknown>, keys: readonly string[]): number | null {
  for (const key of keys) {
    const value = finiteNumber(raw[key]);
    if (value !== null) return value;
  }
  return null;
}

/** Token counts under the OpenAI chat, Responses/Anthropic, Gemini, Ollama and TGI spellings. */
export function normalizeUsage(raw: Record<string, unknown>): LlmUsage {
  const inputTokens = firstCount(raw, [
    'prompt_tokens',
    'input_tokens',
    'promptTokenCount',
    'prompt_eval_count',
  ]);
  const outputTokens = firstCount(raw, [
    'completion_tokens',
    'output_tokens',
    'candidatesTokenCount',
    'eval_count',
    'generated_tokens',
  ]);
  const reported = firstCount(raw, ['total_tokens', 'totalTokenCount']);
  const totalTokens =
    reported ?? (inputTokens !== null && outputTokens !== null ? inputTokens + outputTokens : null);
  return { inputTokens, outputTokens, totalTokens, raw: { ...raw } };
}
