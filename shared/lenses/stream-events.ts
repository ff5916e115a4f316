import { createStreamParser } from '../streams/framing.ts';
import type { Framing } from '../streams/types.ts';

/** An event parsed from a stored stream; `t` is null because a file has no arrival times. */
export interface ParsedStreamEvent {
  index: number;
  type: string;
  data: string;
  id: string;
  t: null;
  /** Byte range in the stream, for byte statistics. */
  start: number;
  end: number;
}

/** Parses a whole stream (a file's bytes) in its framing into lens-ready events. */
export function parseEventStream(bytes: Uint8Array, framing: Framing = 'sse'): ParsedStreamEvent[] {
  const events: ParsedStreamEvent[] = [];
  const parser = createStreamParser(framing, {
    onOutput: (output) => {
      if (output.kind !== 'event') return;
      events.push({
        index: events.length,
        type: output.type,
        data: output.data,
        id: output.lastEventId,
        t: null,
        start: output.start,
        end: output.end,
      });
    },
  });
  parser.push(bytes);
  parser.end();
  return events;
}
