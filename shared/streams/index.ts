export {
  createStreamParser,
  framingContentTypes,
  framingForContentType,
  isFraming,
  mimeEssence,
} from './framing.ts';
export { JsonArrayParser } from './json-array-parser.ts';
export {
  DEFAULT_MAX_RECORD_BYTES,
  JSON_EVENT_TYPE,
  StreamParserStateError,
} from './json-records.ts';
export { JsonSeqParser } from './json-seq-parser.ts';
export { NdjsonParser } from './ndjson-parser.ts';
export { framings } from './types.ts';
export type {
  Framing,
  JsonFramingWarningCode,
  StreamEndSummary,
  StreamOutput,
  StreamParser,
  StreamParserOptions,
  StreamWarningCode,
  StreamWarningOutput,
} from './types.ts';
