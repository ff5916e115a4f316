import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DECODE_BYTES, SseParser } from './parser.ts';
import type { SseEndSummary, SseOutput, SseParserOptions } from './types.ts';

// Two oracles:
//  - `referenceParse`, a literal transcription of WHATWG HTML §9.2.6 that decodes the whole
//    stream first (TextDecoder: UTF-8 decode, BOM strip, U+FFFD) and then splits lines. It
//    checks that our split-bytes-then-decode-per-chunk approach gives the same result, invalid
//    bytes included, and (for valid UTF-8, where re-encoding gives the original bytes) offsets.
//  - eventsource-parser, on valid streams, normalised for its documented differences.

const encoder = new TextEncoder();
// SSE_PROPERTY_RUNS raises the count for a local soak; the default keeps CI to about a second.
const RUNS = { numRuns: Number(process.env.SSE_PROPERTY_RUNS ?? 250) };

interface ReferenceResult {
  items: unknown[];
  lastEventId: string;
  reconnectionTimeMs: number;
  incomplete: boolean;
  pendingData: string;
}

function referenceParse(bytes: Uint8Array, withOffsets: boolean): ReferenceResult {
  const text = new TextDecoder().decode(bytes);
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const items: unknown[] = [];
  let data = '';
  let type = '';
  let idBuffer = '';
  let lastEventId = '';
  let reconnectionTimeMs = 3000;
  let blockStart = -1;
  let blockHasField = false;
  let offset = hadBom ? 3 : 0;
  const at = (value: number): number | undefined => (withOffsets ? value : undefined);
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '\r' && c !== '\n') {
      i++;
      continue;
    }
    const line = text.slice(lineStart, i);
    const terminator = c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    const lineOffset = offset;
    offset += encoder.encode(line).length + terminator;
    i += terminator;
    lineStart = i;
    if (line === '') {
      lastEventId = idBuffer;
      if (data !== '') {
        items.push({
          kind: 'event',
          type: type === '' ? 'message' : type,
          data: data.endsWith('\n') ? data.slice(0, -1) : data,
          lastEventId,
          start: at(blockStart),
          end: at(offset),
        });
      }
      data = '';
      type = '';
      blockStart = -1;
      blockHasField = false;
      continue;
    }
    if (blockStart < 0) blockStart = lineOffset;
    if (line.startsWith(':')) {
      const comment = line.slice(1);
      items.push({
        kind: 'comment',
        text: comment.startsWith(' ') ? comment.slice(1) : comment,
        offset: at(lineOffset),
      });
      continue;
    }
    blockHasField = true;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data += `${value}\n`;
    else if (field === 'id' && !value.includes('\0')) idBuffer = value;
    else if (field === 'retry' && /^[0-9]+$/.test(value)) {
      reconnectionTimeMs = Number(value);
      items.push({ kind: 'retry', ms: reconnectionTimeMs, offset: at(lineOffset) });
    }
  }
  // An unterminated last line only shows in the pending event.
  const rest = text.slice(lineStart);
  if (rest !== '' && !rest.startsWith(':')) {
    blockHasField = true;
    const colon = rest.indexOf(':');
    const field = colon < 0 ? rest : rest.slice(0, colon);
    let value = colon < 0 ? '' : rest.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data += `${value}\n`;
  }
  const pendingData = data.endsWith('\n') ? data.slice(0, -1) : data;
  return { items, lastEventId, reconnectionTimeMs, incomplete: blockHasField, pendingData };
}

interface OursResult {
  outputs: SseOutput[];
  summary: SseEndSummary;
}

function parseInChunks(bytes: Uint8Array, cuts: number[], options: SseParserOptions = {}) {
  const outputs: SseOutput[] = [];
  const parser = new SseParser({ ...options, onOutput: (o) => outputs.push(o) });
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(cut, bytes.length);
    if (to > from) parser.push(bytes.subarray(from, to));
    from = Math.max(from, to);
  }
  parser.push(bytes.subarray(from));
  const result: OursResult = { outputs, summary: parser.end() };
  return result;
}

function comparable(result: OursResult, withOffsets: boolean): ReferenceResult {
  const at = (value: number): number | undefined => (withOffsets ? value : undefined);
  const items = result.outputs.flatMap((o): unknown[] => {
    if (o.kind === 'event') {
      const { type, data, lastEventId } = o;
      return [{ kind: 'event', type, data, lastEventId, start: at(o.start), end: at(o.end) }];
    }
    if (o.kind === 'comment') return [{ kind: 'comment', text: o.text, offset: at(o.offset) }];
    if (o.kind === 'retry') return [{ kind: 'retry', ms: o.ms, offset: at(o.offset) }];
    return [];
  });
  const { summary } = result;
  return {
    items,
    lastEventId: summary.lastEventId,
    reconnectionTimeMs: summary.reconnectionTimeMs,
    incomplete: summary.incomplete,
    pendingData: summary.pending?.data ?? '',
  };
}

// --- generators ---------------------------------------------------------------------------

const valueChar = fc.constantFrom(
  'a',
  'Z',
  '0',
  '7',
  ' ',
  ':',
  'é',
  '日',
  '🚀',
  '\uFEFF',
  '\uFFFD',
  '\0',
  '{',
  '"',
);
const value = fc.string({ unit: valueChar, maxLength: 8 });
const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 1, maxLength: 9 });
const separator = fc.constantFrom(':', ': ', ':  ');

const lineContent = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(separator, value).map(([s, v]) => `data${s}${v}`) },
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.tuple(separator, value).map(([s, v]) => `event${s}${v}`) },
  { weight: 2, arbitrary: fc.tuple(separator, value).map(([s, v]) => `id${s}${v}`) },
  { weight: 1, arbitrary: fc.tuple(separator, digits).map(([s, v]) => `retry${s}${v}`) },
  { weight: 1, arbitrary: fc.tuple(separator, value).map(([s, v]) => `retry${s}${v}`) },
  { weight: 1, arbitrary: value.map((v) => `:${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('data', 'id', 'event', 'Data: x', 'foo: bar') },
  { weight: 1, arbitrary: value },
);
const terminator = fc.constantFrom('\n', '\r\n', '\r');

/** A valid UTF-8 stream: lines with random terminators, optional BOMs and tail. */
const validStream = fc
  .record({
    boms: fc.constantFrom(0, 0, 0, 1, 2),
    lines: fc.array(fc.tuple(lineContent, terminator), { maxLength: 24 }),
    tail: fc.option(lineContent, { nil: '' }),
  })
  .map(({ boms, lines, tail }) => {
    const text = '\uFEFF'.repeat(boms) + lines.map(([l, t]) => l + t).join('') + tail;
    return encoder.encode(text);
  });

/** As validStream with LF line ends only: the parser's fast path takes such chunks. */
const lfStream = fc
  .array(fc.tuple(lineContent, fc.constantFrom('\n', '\n', '\n\n')), { maxLength: 32 })
  .map((lines) => encoder.encode(lines.map(([l, t]) => l + t).join('')));

/**
 * Blocks of lines each ended by a blank line, as a live stream sends them, now and then with a
 * CR, a tab or an invalid byte in them: the skim (see skim.ts) takes runs of plain blocks and
 * must leave every other line to the full parser.
 */
const blockLine = fc.oneof(
  { weight: 8, arbitrary: lineContent.filter((line) => line !== '') },
  { weight: 1, arbitrary: fc.constantFrom('data: a\rid: 5', 'id: 7\r', 'data: \t{"a":1}\t') },
);
const blockStream = fc
  .tuple(
    fc.array(fc.array(blockLine, { minLength: 1, maxLength: 4 }), { maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom([0x80], [0xc3], [0xed, 0xa0, 0x80])), {
      maxLength: 1,
    }),
  )
  .map(([blocks, insertions]) => {
    const bytes = encoder.encode(blocks.map((lines) => `${lines.join('\n')}\n\n`).join(''));
    if (insertions.length === 0) return bytes;
    const [position, sequence] = insertions[0]!;
    const at = position % (bytes.length + 1);
    return Uint8Array.from([...bytes.subarray(0, at), ...sequence, ...bytes.subarray(at)]);
  });

const invalidSequence = fc.constantFrom(
  [0x80],
  [0xff],
  [0xc3],
  [0xc0, 0xaf],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf0, 0x9f, 0x98],
  [0xf4, 0x90, 0x80, 0x80],
  [0xef, 0xbb],
);

/** A valid stream with invalid byte sequences inserted anywhere (even inside characters). */
const anyStream = fc
  .tuple(validStream, fc.array(fc.tuple(fc.nat(), invalidSequence), { maxLength: 4 }))
  .map(([bytes, insertions]) => {
    let out = Array.from(bytes);
    for (const [position, sequence] of insertions) {
      const at = out.length === 0 ? 0 : position % (out.length + 1);
      out = [...out.slice(0, at), ...sequence, ...out.slice(at)];
    }
    return Uint8Array.from(out);
  });

const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 12 });

/**
 * Streams longer than one decoded piece: lines whose values repeat a character up to
 * thousands of times, so the parser's cuts land anywhere (inside lines and characters too).
 */
const longValue = fc
  .tuple(valueChar, fc.nat({ max: MAX_DECODE_BYTES / 2 }))
  .map(([unit, count]) => unit.repeat(count));
const longStream = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 3, arbitrary: lineContent },
        { weight: 1, arbitrary: longValue.map((v) => `data: ${v}`) },
        { weight: 1, arbitrary: longValue.map((v) => `:${v}`) },
      ),
      terminator,
    ),
    { maxLength: 40 },
  )
  .map((lines) => encoder.encode(lines.map(([l, t]) => l + t).join('')));
const longCuts = fc.array(fc.nat({ max: 8 * MAX_DECODE_BYTES }), { maxLength: 12 });

// --- properties ---------------------------------------------------------------------------

describe('SseParser properties', () => {
  it('gives the same outputs, offsets and warnings wherever the push boundaries fall', () => {
    fc.assert(
      fc.property(anyStream, cuts, (bytes, cutPoints) => {
        const whole = parseInChunks(bytes, []);
        expect(parseInChunks(bytes, cutPoints)).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('ends with the same summary, lastEventId and event count without a listener (skimmed)', () => {
    // Without a listener, whole blocks are skimmed on the bytes (skim.ts) in Node: every
    // observable figure must equal a full parse's, after each push and at the end.
    const run = (
      bytes: Uint8Array,
      cutPoints: number[],
      limits: { maxLineBytes?: number; maxEventBytes?: number },
      listener: boolean,
    ) => {
      const parser = new SseParser(listener ? { ...limits, onOutput: () => {} } : limits);
      const afterPush: [string, number][] = [];
      let from = 0;
      for (const cut of [...cutPoints, bytes.length].sort((a, b) => a - b)) {
        const to = Math.min(cut, bytes.length);
        if (to > from) parser.push(bytes.subarray(from, to));
        from = Math.max(from, to);
        afterPush.push([parser.lastEventId, parser.eventCount]);
      }
      return { afterPush, summary: parser.end() };
    };
    const limits = fc.record(
      {
        maxLineBytes: fc.integer({ min: 1, max: 300 }),
        maxEventBytes: fc.integer({ min: 1, max: 600 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(blockStream, lfStream, anyStream, longStream),
        fc.oneof(cuts, longCuts),
        limits,
        (bytes, cutPoints, limit) => {
          expect(run(bytes, cutPoints, limit, false)).toEqual(run(bytes, cutPoints, limit, true));
        },
      ),
      RUNS,
    );
  });

  it('gives the same outputs under tight limits wherever the push boundaries fall', () => {
    const options = {
      maxLineBytes: 9,
      maxEventBytes: 20,
      maxWarningsPerCode: 2,
      keepRawLines: true,
    };
    fc.assert(
      fc.property(anyStream, cuts, (bytes, cutPoints) => {
        const whole = parseInChunks(bytes, [], options);
        expect(parseInChunks(bytes, cutPoints, options)).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('gives the same outputs under any line and event limits, whole or a byte at a time', () => {
    // The LF-only fast path checks the limits itself; one byte at a time, every line takes the
    // general path instead. Limits near the lines' sizes put blocks just over and under them.
    const limits = fc.record({
      maxLineBytes: fc.integer({ min: 1, max: 24 }),
      maxEventBytes: fc.integer({ min: 1, max: 48 }),
    });
    fc.assert(
      fc.property(fc.oneof(lfStream, anyStream), cuts, limits, (bytes, cutPoints, options) => {
        const whole = parseInChunks(bytes, [], options);
        const oneByte = Array.from({ length: bytes.length }, (_, i) => i);
        expect(parseInChunks(bytes, oneByte, options)).toEqual(whole);
        expect(parseInChunks(bytes, cutPoints, options)).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('gives the same outputs for pushes longer than one decoded piece as for short ones', () => {
    fc.assert(
      fc.property(longStream, longCuts, (bytes, cutPoints) => {
        const whole = parseInChunks(bytes, []);
        expect(parseInChunks(bytes, cutPoints)).toEqual(whole);
        expect(comparable(whole, true)).toEqual(referenceParse(bytes, true));
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 5) },
    );
  });

  it('gives the same outputs when fed one byte at a time', () => {
    fc.assert(
      fc.property(anyStream, (bytes) => {
        const oneByte = Array.from({ length: bytes.length }, (_, i) => i);
        expect(parseInChunks(bytes, oneByte)).toEqual(parseInChunks(bytes, []));
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 2) },
    );
  });

  it('matches the spec transcription that decodes the whole stream first, invalid bytes included', () => {
    fc.assert(
      fc.property(anyStream, cuts, (bytes, cutPoints) => {
        expect(comparable(parseInChunks(bytes, cutPoints), false)).toEqual(
          referenceParse(bytes, false),
        );
      }),
      RUNS,
    );
  });

  it('reports the byte offsets the spec transcription computes for valid UTF-8', () => {
    fc.assert(
      fc.property(fc.oneof(validStream, lfStream), cuts, (bytes, cutPoints) => {
        expect(comparable(parseInChunks(bytes, cutPoints), true)).toEqual(
          referenceParse(bytes, true),
        );
      }),
      RUNS,
    );
  });

  it('warns about invalid UTF-8 exactly when the input is not valid UTF-8', () => {
    fc.assert(
      fc.property(anyStream, (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        const { summary } = parseInChunks(bytes, []);
        expect((summary.warningCounts['invalid-utf8'] ?? 0) > 0).toBe(!valid);
      }),
      RUNS,
    );
  });

  it('dispatches the same events as eventsource-parser on valid streams', () => {
    fc.assert(
      fc.property(validStream, cuts, (bytes, cutPoints) => {
        const ours = parseInChunks(bytes, cutPoints);
        const oursEvents = ours.outputs.flatMap((o) =>
          o.kind === 'event' ? [{ type: o.type, data: o.data, id: o.lastEventId }] : [],
        );
        const oursRetries = ours.outputs.flatMap((o) => (o.kind === 'retry' ? [o.ms] : []));

        // eventsource-parser reports `id` only for blocks that set one, and `onId` at every
        // dispatch of such a block: replaying `onId` gives the spec's persistent last event ID.
        // Its `event` is undefined for the default type. It strips a leading BOM itself (in
        // decoded form), so it gets text from a TextDecoder that keeps the BOM: the default
        // TextDecoder would strip one and eventsource-parser a second, contrary to the spec.
        const theirsEvents: unknown[] = [];
        const theirsRetries: number[] = [];
        let lastEventId = '';
        const reference = createParser({
          onId: (id) => {
            lastEventId = id;
          },
          onEvent: (event) => {
            theirsEvents.push({
              type: event.event ?? 'message',
              data: event.data,
              id: lastEventId,
            });
          },
          onRetry: (ms) => theirsRetries.push(ms),
        });
        const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
        let from = 0;
        for (const cut of [...cutPoints, bytes.length].sort((a, b) => a - b)) {
          const to = Math.min(cut, bytes.length);
          if (to <= from) continue;
          reference.feed(decoder.decode(bytes.subarray(from, to), { stream: true }));
          from = to;
        }
        reference.feed(decoder.decode());

        expect(oursEvents).toEqual(theirsEvents);
        expect(oursRetries).toEqual(theirsRetries);
      }),
      RUNS,
    );
  });
});
