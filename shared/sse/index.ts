export {
  DEFAULT_MAX_EVENT_BYTES,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_RECONNECTION_TIME_MS,
  SseParser,
  SseParserStateError,
} from './parser.ts';
export { DEFAULT_MAX_WARNINGS_PER_CODE } from './warnings.ts';
export type {
  SseCommentOutput,
  SseEndSummary,
  SseEventOutput,
  SseOutput,
  SseParserOptions,
  SsePendingEvent,
  SseRetryOutput,
  SseWarningCode,
  SseWarningOutput,
} from './types.ts';
