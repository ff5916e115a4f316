// Which framing a response body has: from its content type, or as the user forces it.

import { SseParser } from '../sse/parser.ts';
import { JsonArrayParser } from './json-array-parser.ts';
import { JsonSeqParser } from './json-seq-parser.ts';
import { NdjsonParser } from './ndjson-parser.ts';
import { framings, type Framing, type StreamParser, type StreamParserOptions } from './types.ts';

/** The MIME type's essence (`type/subtype`, lower-cased), or null when absent or malformed. */
export function mimeEssence(contentType: string | null): string | null {
  if (contentType === null) return null;
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return /^[^\s/]+\/[^\s/]+$/.test(essence) ? essence : null;
}

/** The content types each framing is recognised by (essences). */
export const framingContentTypes: Readonly<Record<Framing, readonly string[]>> = {
  sse: ['text/event-stream'],
  ndjson: [
    'application/x-ndjson',
    'application/ndjson',
    'application/jsonl',
    'application/x-jsonlines',
  ],
  'json-seq': ['application/json-seq'],
  'json-array': ['application/json'],
};

/** The framing a content type names, or null when it names none of them. */
export function framingForContentType(contentType: string | null): Framing | null {
  const essence = mimeEssence(contentType);
  if (essence === null) return null;
  return framings.find((framing) => framingContentTypes[framing].includes(essence)) ?? null;
}

export function isFraming(value: string): value is Framing {
  return (framings as readonly string[]).includes(value);
}

/** A file's framing from its extension (sse when it names none): `cli lens` and `cli check`. */
export function framingOfFile(file: string): Framing {
  const name = file.toLowerCase();
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.json-seq')) return 'json-seq';
  if (name.endsWith('.json')) return 'json-array';
  return 'sse';
}

/** A fresh parser for one body in `framing`. */
export function createStreamParser(
  framing: Framing,
  options: StreamParserOptions = {},
): StreamParser {
  switch (framing) {
    case 'sse':
      return new SseParser({
        ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
        ...(options.maxRecordBytes === undefined
          ? {}
          : { maxLineBytes: options.maxRecordBytes, maxEventBytes: options.maxRecordBytes }),
        ...(options.maxWarningsPerCode === undefined
          ? {}
          : { maxWarningsPerCode: options.maxWarningsPerCode }),
        ...(options.initialLastEventId === undefined
          ? {}
          : { initialLastEventId: options.initialLastEventId }),
        ...(options.initialReconnectionTimeMs === undefined
          ? {}
          : { initialReconnectionTimeMs: options.initialReconnectionTimeMs }),
        ...(options.dispatchAtCr === undefined ? {} : { dispatchAtCr: options.dispatchAtCr }),
      });
    case 'ndjson':
      return new NdjsonParser(options);
    case 'json-seq':
      return new JsonSeqParser(options);
    case 'json-array':
      return new JsonArrayParser(options);
  }
}
