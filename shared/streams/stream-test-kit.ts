import { createStreamParser } from './framing.ts';
import type { Framing, StreamEndSummary, StreamOutput, StreamParserOptions } from './types.ts';

// shared/ is type-checked without DOM or Node typings (see web-globals.d.ts); tests run in Node.
const { TextEncoder } = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array };
};
const encoder = new TextEncoder();

export function bytesOf(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? encoder.encode(text) : text;
}

/** Parses `input` in `framing`, pushed in pieces cut at `cuts` (byte indexes). */
export function parseWith(
  framing: Framing,
  input: string | Uint8Array,
  cuts: number[] = [],
  options: StreamParserOptions = {},
): { outputs: StreamOutput[]; summary: StreamEndSummary } {
  const bytes = bytesOf(input);
  const outputs: StreamOutput[] = [];
  const parser = createStreamParser(framing, { ...options, onOutput: (o) => outputs.push(o) });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= at || cut >= bytes.length) continue;
    parser.push(bytes.subarray(at, cut));
    at = cut;
  }
  parser.push(bytes.subarray(at));
  return { outputs, summary: parser.end() };
}

/** The events' data, for tests that only care about what was recorded. */
export function recordsOf(outputs: StreamOutput[]): string[] {
  return outputs.flatMap((o) => (o.kind === 'event' ? [o.data] : []));
}

export function warningsOf(outputs: StreamOutput[]): Array<[string, number]> {
  return outputs.flatMap((o) =>
    o.kind === 'warning' ? [[o.code, o.offset] as [string, number]] : [],
  );
}
