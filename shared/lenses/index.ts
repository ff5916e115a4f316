// The stream lenses: pure decoders and statistics over captured events, shared by the renderer
// (live, incremental) and the CLI (`lens`). No Node or DOM APIs.
export {
  createLlmLens,
  DEFAULT_BUCKET_MS,
  DEFAULT_DETECT_WINDOW,
  DEFAULT_GAP_THRESHOLD_MS,
} from './llm/llm-lens.ts';
export type { LlmLens } from './llm/llm-lens.ts';
export { llmFormats } from './llm/types.ts';
export type {
  LlmBlockKind,
  LlmFormat,
  LlmGap,
  LlmLensEvent,
  LlmLensOptions,
  LlmLensSnapshot,
  LlmProblem,
  LlmProblemCode,
  LlmProblemSeverity,
  LlmRateBucket,
  LlmTextBlock,
  LlmToolCall,
  LlmUsage,
} from './llm/types.ts';
export { fillTemplate, llmRequestTemplates, templateVariables } from './llm/request-templates.ts';
export type { LlmRequestTemplate } from './llm/request-templates.ts';
export { computeStreamStats, createStreamStats } from './stats/stream-stats.ts';
export type { StreamStatsBuilder } from './stats/stream-stats.ts';
export { attemptTimingFromDetail } from './stats/stats-report.ts';
export type { AttemptDetailTimes } from './stats/stats-report.ts';
export type * from './stats/types.ts';
export { compareEventSequences } from './compare/compare-events.ts';
export type * from './compare/types.ts';
export { FieldPathError, formatFieldPath, parseFieldPath, readFieldPath } from './field-path.ts';
export type { FieldPath } from './field-path.ts';
export { parseEventStream } from './stream-events.ts';
export type { ParsedStreamEvent } from './stream-events.ts';
