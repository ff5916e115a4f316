import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DECODE_BYTES, SseParser, SseParserStateError } from './parser.ts';
import type {
  SseEndSummary,
  SseEventOutput,
  SseOutput,
  SseParserOptions,
  SseWarningOutput,
} from './types.ts';

interface Parsed {
  outputs: SseOutput[];
  events: SseEventOutput[];
  warnings: SseWarningOutput[];
  summary: SseEndSummary;
  parser: SseParser;
}

const encoder = new TextEncoder();
const toBytes = (input: string | Uint8Array): Uint8Array =>
  typeof input === 'string' ? encoder.encode(input) : input;

/** Parses `input` pushed in pieces of `chunkSize` bytes (all at once by default). */
function parse(input: string | Uint8Array, options: SseParserOptions = {}, chunkSize = 0): Parsed {
  const bytes = toBytes(input);
  const outputs: SseOutput[] = [];
  const parser = new SseParser({ ...options, onOutput: (output) => outputs.push(output) });
  const step = chunkSize > 0 ? chunkSize : Math.max(bytes.length, 1);
  for (let i = 0; i < bytes.length; i += step) parser.push(bytes.subarray(i, i + step));
  const summary = parser.end();
  return {
    outputs,
    events: outputs.filter((o): o is SseEventOutput => o.kind === 'event'),
    warnings: outputs.filter((o): o is SseWarningOutput => o.kind === 'warning'),
    summary,
    parser,
  };
}

const eventsOf = (input: string | Uint8Array, chunkSize = 0) =>
  parse(input, {}, chunkSize).events.map(({ type, data, lastEventId }) => ({
    type,
    data,
    lastEventId,
  }));
const codesOf = (input: string | Uint8Array, options: SseParserOptions = {}) =>
  parse(input, options).warnings.map((w) => w.code);
const bytesOf = (...parts: (string | number[])[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

describe('the spec examples (WHATWG HTML §9.2.6)', () => {
  it('joins the data lines of one block with LF (YHOO example)', () => {
    expect(eventsOf('data: YHOO\ndata: +2\ndata: 10\n\n')).toEqual([
      { type: 'message', data: 'YHOO\n+2\n10', lastEventId: '' },
    ]);
  });

  it('fires nothing for a comment block, sets and then resets the last event ID', () => {
    const stream =
      ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n';
    expect(eventsOf(stream)).toEqual([
      { type: 'message', data: 'first event', lastEventId: '1' },
      { type: 'message', data: 'second event', lastEventId: '' },
      { type: 'message', data: ' third event', lastEventId: '' },
    ]);
  });

  it('fires empty data for `data`, a single LF for two `data` lines, and drops the last block', () => {
    const { events, summary } = parse('data\n\ndata\ndata\n\ndata:');
    expect(events.map((e) => e.data)).toEqual(['', '\n']);
    expect(summary.incomplete).toBe(true);
    expect(summary.pending).toMatchObject({ data: '', hasData: true });
  });

  it('treats `data:test` and `data: test` the same (one space after the colon is ignored)', () => {
    expect(eventsOf('data:test\n\ndata: test\n\n')).toEqual([
      { type: 'message', data: 'test', lastEventId: '' },
      { type: 'message', data: 'test', lastEventId: '' },
    ]);
  });

  it('uses the event field as the event type (add/remove example)', () => {
    const stream =
      'event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n';
    expect(eventsOf(stream).map((e) => [e.type, e.data])).toEqual([
      ['add', '73857293'],
      ['remove', '2153'],
      ['add', '113411'],
    ]);
  });
});

describe('line splitting', () => {
  it('accepts CRLF, LF and CR line endings, mixed', () => {
    expect(
      eventsOf('data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n').map((e) => e.data),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('treats a CRLF split across two pushes as one line ending', () => {
    const { events } = parse('data: a\r\n\r\ndata: b\r\n\r\n', {}, 1);
    expect(events.map((e) => [e.data, e.start, e.end])).toEqual([
      ['a', 0, 11],
      ['b', 11, 22],
    ]);
  });

  it('ends a line with a CR that is the last byte of the stream', () => {
    expect(eventsOf('data: x\r\r')).toEqual([{ type: 'message', data: 'x', lastEventId: '' }]);
  });

  it('warns once when a second line-ending style appears', () => {
    const { warnings } = parse('data: a\n\ndata: b\r\n\r\ndata: c\r\r');
    expect(warnings).toEqual([expect.objectContaining({ code: 'mixed-line-endings', offset: 16 })]);
  });

  it('does not dispatch on a CR at a chunk end until it knows whether LF follows', () => {
    const outputs: SseOutput[] = [];
    const parser = new SseParser({ onOutput: (o) => outputs.push(o) });
    parser.push(encoder.encode('data: x\r\n\r'));
    expect(outputs).toEqual([]);
    parser.push(encoder.encode('\n'));
    expect(outputs).toEqual([expect.objectContaining({ data: 'x', start: 0, end: 11 })]);
  });

  it('with dispatchAtCr, dispatches at that CR and lets a following LF finish the terminator', () => {
    const outputs: SseOutput[] = [];
    const parser = new SseParser({ onOutput: (o) => outputs.push(o), dispatchAtCr: true });
    // CR line ends: each event shows as soon as its push arrives.
    parser.push(encoder.encode('data: a\r\r'));
    expect(outputs).toEqual([expect.objectContaining({ data: 'a', start: 0, end: 9 })]);
    parser.push(encoder.encode('data: b\r\r'));
    expect(outputs.at(-1)).toEqual(expect.objectContaining({ data: 'b', start: 9, end: 18 }));
    // A CRLF split between pushes: the event is out at the CR; the LF is no extra blank line.
    parser.push(encoder.encode('data: c\r\n\r'));
    expect(outputs.at(-1)).toEqual(expect.objectContaining({ data: 'c', start: 18, end: 28 }));
    parser.push(encoder.encode('\ndata: d\r\n\r\n'));
    expect(outputs.at(-1)).toEqual(expect.objectContaining({ data: 'd', start: 29, end: 40 }));
    const summary = parser.end();
    expect(summary.events).toBe(4);
    expect(outputs.filter((o) => o.kind === 'event')).toHaveLength(4);
    // Mixing CR with CRLF was still noticed once.
    expect(outputs.filter((o) => o.kind === 'warning').map((o) => o.code)).toEqual([
      'mixed-line-endings',
    ]);
  });

  it('with dispatchAtCr, dispatches the same events wherever the push boundaries fall', () => {
    const input = encoder.encode(
      'data: a\r\rid: 1\r\ndata: b\r\n\r\n: c\n\ndata: é\r\rretry: 5\r\n\r\n',
    );
    const dataOf = (chunkSize: number) => {
      const outputs: SseOutput[] = [];
      const parser = new SseParser({ onOutput: (o) => outputs.push(o), dispatchAtCr: true });
      for (let i = 0; i < input.length; i += chunkSize)
        parser.push(input.subarray(i, i + chunkSize));
      parser.end();
      return outputs.map((o) =>
        o.kind === 'event' ? [o.kind, o.data, o.lastEventId, o.start] : [o.kind],
      );
    };
    const whole = dataOf(input.length);
    for (const size of [1, 2, 3, 5, 7]) expect(dataOf(size)).toEqual(whole);
  });
});

describe('decoding', () => {
  it('strips one leading BOM and counts its bytes in offsets', () => {
    const { events } = parse(bytesOf([0xef, 0xbb, 0xbf], 'data: a\n\n'));
    expect(events).toEqual([expect.objectContaining({ data: 'a', start: 3, end: 12 })]);
  });

  it('strips a BOM split across pushes', () => {
    const { events } = parse(bytesOf([0xef, 0xbb, 0xbf], 'data: a\n\n'), {}, 1);
    expect(events).toEqual([expect.objectContaining({ data: 'a', start: 3, end: 12 })]);
  });

  it('keeps a second BOM as data and warns when it starts a line', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const { events, warnings } = parse(bytesOf(bom, bom, 'data: a\n\ndata: \uFEFFb\n\n'));
    expect(events.map((e) => e.data)).toEqual(['\uFEFFb']);
    expect(warnings.map((w) => [w.code, w.offset])).toEqual([['bom-not-at-start', 3]]);
  });

  it('decodes a multi-byte character split across pushes', () => {
    expect(eventsOf('data: 日本🚀é\n\n', 1)).toEqual([
      { type: 'message', data: '日本🚀é', lastEventId: '' },
    ]);
  });

  it('replaces invalid UTF-8 with U+FFFD per maximal subpart and warns with the offset', () => {
    // E2 82 is a truncated 3-byte sequence (one U+FFFD); FF is invalid on its own.
    const input = bytesOf('data: a', [0xe2, 0x82], 'b', [0xff], '\n\n');
    for (const chunkSize of [0, 1, 2]) {
      const { events, warnings } = parse(input, {}, chunkSize);
      expect(events.map((e) => e.data)).toEqual(['a\uFFFDb\uFFFD']);
      expect(warnings.map((w) => [w.code, w.offset])).toEqual([['invalid-utf8', 7]]);
      expect(warnings[0]!.message).toContain('2 invalid');
    }
  });

  it('turns an incomplete sequence at a line end into U+FFFD, as decoding the whole stream does', () => {
    const { events } = parse(bytesOf('data: a', [0xf0, 0x9f], '\n\n'));
    expect(events.map((e) => e.data)).toEqual(['a\uFFFD']);
  });

  it('does not warn about a literal U+FFFD in valid input', () => {
    const { events, warnings } = parse('data: \uFFFD\n\n');
    expect(events.map((e) => e.data)).toEqual(['\uFFFD']);
    expect(warnings).toEqual([]);
  });

  it('reports a sequence cut off by the end of the stream', () => {
    const { warnings, summary } = parse(bytesOf('data: a\n\ndata: b', [0xe2]));
    expect(warnings.map((w) => [w.code, w.offset])).toEqual([
      ['invalid-utf8', 16],
      ['incomplete-event', 9],
    ]);
    expect(summary.pending?.data).toBe('b\uFFFD');
  });
});

describe('fields', () => {
  it('removes only one leading space from the value', () => {
    expect(eventsOf('data:   x\n\n')[0]!.data).toBe('  x');
  });

  it('keeps colons after the first one in the value', () => {
    expect(eventsOf('data: a: b:c\n\n')[0]!.data).toBe('a: b:c');
  });

  it('uses the whole line as the field name when there is no colon', () => {
    expect(eventsOf('data\ndata\n\n')[0]!.data).toBe('\n');
    expect(codesOf('event\n\n')).toEqual([]);
  });

  it('ignores unknown fields and warns about them', () => {
    const { events, warnings } = parse('foo: bar\ndata: x\n\n');
    expect(events.map((e) => e.data)).toEqual(['x']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'unknown-field', offset: 0 })]);
  });

  it('compares field names literally, without case folding', () => {
    const { events, warnings } = parse('Data: x\n\n');
    expect(events).toEqual([]);
    expect(warnings[0]!.message).toContain("did you mean 'data'");
  });

  it('defaults the type to message and resets the event type buffer after each dispatch', () => {
    expect(
      eventsOf('event: a\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n').map((e) => e.type),
    ).toEqual(['a', 'message', 'message']);
  });

  it('reads each event type afresh when types repeat, change length or share a prefix', () => {
    const input =
      'event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\nevent: deltas\ndata: 3\n\n' +
      'event: delt\ndata: 4\n\nevent: dElta\ndata: 5\n\nevent: \ndata: 6\n\nevent: delta\ndata: 7\n\n';
    const expected = ['delta', 'delta', 'deltas', 'delt', 'dElta', 'message', 'delta'];
    expect(eventsOf(input).map((e) => e.type)).toEqual(expected);
    expect(parse(input, {}, 3).events.map((e) => e.type)).toEqual(expected);
  });

  it('persists the last event ID across events and resets it with an empty id', () => {
    expect(
      eventsOf('id: 7\ndata: a\n\ndata: b\n\nid:\ndata: c\n\n').map((e) => e.lastEventId),
    ).toEqual(['7', '7', '']);
  });

  it('ignores an id containing U+0000 NULL', () => {
    const { events, warnings } = parse('id: 1\n\nid: 2\u00003\ndata: x\n\n');
    expect(events.map((e) => e.lastEventId)).toEqual(['1']);
    expect(warnings.map((w) => w.code)).toEqual(['id-contains-nul']);
  });

  it('sets the reconnection time from a retry of ASCII digits only', () => {
    const { outputs, parser } = parse('retry: 2500\n\n');
    expect(outputs).toEqual([{ kind: 'retry', ms: 2500, offset: 0 }]);
    expect(parser.reconnectionTimeMs).toBe(2500);
  });

  it('ignores retry values that are not only ASCII digits, with a warning', () => {
    for (const value of ['12x', '', ' 5', '-1', '1.5', '１']) {
      const { outputs, parser } = parse(`retry: ${value}\n\n`);
      expect(outputs.map((o) => o.kind)).toEqual(['warning']);
      expect(outputs[0]).toMatchObject({ code: 'invalid-retry' });
      expect(parser.reconnectionTimeMs).toBe(3000);
    }
  });

  it('warns about a retry beyond what timers support but still applies it', () => {
    const { parser, warnings } = parse('retry: 99999999999\n\n');
    expect(parser.reconnectionTimeMs).toBe(99999999999);
    expect(warnings.map((w) => w.code)).toEqual(['retry-too-large']);
  });

  it('reports comments with their offset, minus one leading space', () => {
    const { outputs } = parse(':ok\n:  two\n\n');
    expect(outputs).toEqual([
      { kind: 'comment', text: 'ok', offset: 0 },
      { kind: 'comment', text: ' two', offset: 4 },
    ]);
  });
});

describe('dispatch', () => {
  it('does not dispatch an event with an empty data buffer', () => {
    expect(eventsOf('event: x\n\n: c\n\n\n\n')).toEqual([]);
  });

  it('still updates the last event ID on a blank line with no data', () => {
    const { parser, events } = parse('id: 42\n\n');
    expect(events).toEqual([]);
    expect(parser.lastEventId).toBe('42');
  });

  it('clears the event type buffer even when no event fires', () => {
    expect(eventsOf('event: lost\n\ndata: x\n\n')[0]!.type).toBe('message');
  });

  it('removes only the one trailing LF of the data buffer', () => {
    expect(eventsOf('data: a\ndata:\n\n')[0]!.data).toBe('a\n');
  });

  it('gives each event the byte range of its block, comments and CRLF included', () => {
    const { events } = parse(':c\r\nid: 1\r\ndata: é\r\n\r\ndata: x\n\n');
    expect(events.map((e) => [e.start, e.end])).toEqual([
      [0, 23],
      [23, 32],
    ]);
  });

  it('attaches raw lines when asked', () => {
    const { events } = parse(': hi\nevent: e\ndata: x\n\n', { keepRawLines: true });
    expect(events[0]!.rawLines).toEqual([': hi', 'event: e', 'data: x']);
  });

  it('carries initialLastEventId into the stream, as browsers do after a reconnection', () => {
    const outputs: SseOutput[] = [];
    const parser = new SseParser({ initialLastEventId: 'old', onOutput: (o) => outputs.push(o) });
    expect(parser.lastEventId).toBe('old');
    parser.push(encoder.encode('data: x\n\n'));
    // WPT format-field-id.any.js: a reconnected stream without `id` keeps the previous id.
    expect(parser.lastEventId).toBe('old');
    expect(outputs).toEqual([expect.objectContaining({ data: 'x', lastEventId: 'old' })]);
    parser.push(encoder.encode('id\n\ndata: y\n\n'));
    expect(outputs[1]).toMatchObject({ data: 'y', lastEventId: '' });
    // An undispatched id changes neither the string nor what a reconnection would send.
    const pending = parse('data: z\nid: new\n', { initialLastEventId: 'old' });
    expect(pending.summary.lastEventId).toBe('old');
    expect(pending.summary.pending).toMatchObject({ lastEventId: 'new' });
  });
});

describe('end of stream', () => {
  it('does not dispatch a trailing event without its blank line, and reports it', () => {
    const { events, warnings, summary } = parse('data: a\n\nevent: t\nid: 9\ndata: b\n');
    expect(events.map((e) => e.data)).toEqual(['a']);
    expect(warnings.map((w) => [w.code, w.offset])).toEqual([['incomplete-event', 9]]);
    expect(summary).toMatchObject({
      events: 1,
      bytes: 32,
      incomplete: true,
      pending: { type: 't', data: 'b', hasData: true, lastEventId: '9', start: 9, end: 32 },
    });
  });

  it('folds an unterminated last line into the pending event without applying it', () => {
    const { summary, outputs } = parse('id: 1\n\ndata: x\nretry: 10');
    expect(outputs.some((o) => o.kind === 'retry')).toBe(false);
    expect(summary.reconnectionTimeMs).toBe(3000);
    expect(summary.pending).toMatchObject({ data: 'x', start: 7 });
  });

  it('is complete when the stream ends at a block boundary or after comments only', () => {
    expect(parse('data: a\n\n').summary.incomplete).toBe(false);
    expect(parse('data: a\n\n: bye\n').summary.incomplete).toBe(false);
    expect(parse('').summary).toMatchObject({ events: 0, bytes: 0, incomplete: false });
  });

  it('refuses push() after end()', () => {
    const parser = new SseParser();
    parser.end();
    expect(() => parser.push(new Uint8Array(1))).toThrow(SseParserStateError);
  });
});

describe('limits', () => {
  it('discards a line longer than maxLineBytes and keeps offsets right', () => {
    const input = `data: ${'x'.repeat(50)}\ndata: ok\n\ndata: next\n\n`;
    for (const chunkSize of [0, 1, 7]) {
      const { events, warnings } = parse(input, { maxLineBytes: 20 }, chunkSize);
      expect(warnings.map((w) => [w.code, w.offset])).toEqual([['line-too-long', 0]]);
      expect(events.map((e) => [e.data, e.start, e.end, e.truncated])).toEqual([
        ['ok', 0, 67, true],
        ['next', 67, 79, undefined],
      ]);
    }
  });

  it('drops data lines past maxEventBytes and marks the event truncated', () => {
    const input = 'data: 0123456789\ndata: abcdefghij\nid: 5\n\ndata: small\n\n';
    const { events, warnings } = parse(input, { maxEventBytes: 20 });
    expect(warnings.map((w) => [w.code, w.offset])).toEqual([['event-too-large', 17]]);
    expect(events.map((e) => [e.data, e.lastEventId, e.truncated])).toEqual([
      ['0123456789', '5', true],
      ['small', '5', undefined],
    ]);
  });

  it('does not count comments toward maxEventBytes: they buffer nothing', () => {
    // Keep-alive comments without blank lines, for longer than the limit, then an event.
    const input = ': keep-alive\n'.repeat(10) + 'data: 0123456789\n\n';
    for (const chunkSize of [0, 1, 5]) {
      const { events, warnings, outputs } = parse(input, { maxEventBytes: 20 }, chunkSize);
      expect(warnings).toEqual([]);
      expect(outputs.filter((output) => output.kind === 'comment')).toHaveLength(10);
      expect(events.map((e) => [e.data, e.start, e.truncated])).toEqual([
        ['0123456789', 0, undefined],
      ]);
    }
  });

  it('counts maxEventBytes in bytes on the one-line fast path too, whatever the pushes', () => {
    // Regression: the `data:` + blank line fast path compared UTF-16 units with the byte limit,
    // so "data:éééé" (9 units, 13 bytes) passed a 10-byte limit in one push but not in two.
    const input = ':\n\ndata:éééé\n\ndata:ok\n\n';
    for (const chunkSize of [0, 1, 2, 3, 16]) {
      const { events, warnings } = parse(input, { maxEventBytes: 10 }, chunkSize);
      expect(warnings.map((w) => [w.code, w.offset])).toEqual([['event-too-large', 3]]);
      expect(events.map((e) => e.data)).toEqual(['ok']);
    }
  });

  it('reports at most maxWarningsPerCode warnings of a code, then one suppression notice', () => {
    const input = 'x\n'.repeat(10);
    const { warnings, summary } = parse(input, { maxWarningsPerCode: 3 });
    expect(warnings.map((w) => w.code)).toEqual([
      'unknown-field',
      'unknown-field',
      'unknown-field',
      'warnings-suppressed',
      'incomplete-event',
    ]);
    expect(summary.warningCounts['unknown-field']).toBe(10);
  });
});

describe('pushes longer than one decoded piece (MAX_DECODE_BYTES)', () => {
  it('gives the same outputs as small pushes: long lines, multi-byte characters, CR and CRLF', () => {
    const long = 'é🚀x'.repeat(MAX_DECODE_BYTES / 3);
    const input =
      Array.from(
        { length: 400 },
        (_, i) => `id: ${i}\nevent: e${i % 3}\ndata: ${'ü'.repeat(i)}\n\n`,
      ).join('') +
      `data: ${long}\r\n\r\n: ${long}\rdata: tail\r\r` +
      Array.from({ length: 300 }, (_, i) => `data: ${i}\r\n\r\n`).join('');
    expect(encoder.encode(input).length).toBeGreaterThan(4 * MAX_DECODE_BYTES);
    const whole = parse(input);
    expect(whole.events).toHaveLength(400 + 2 + 300);
    for (const chunkSize of [997, 4096, MAX_DECODE_BYTES + 1]) {
      expect(parse(input, {}, chunkSize).outputs).toEqual(whole.outputs);
    }
  });

  it('never cuts a push between CR and LF: with dispatchAtCr a blank CRLF line ends past its LF', () => {
    // No LF before the limit and the blank line's CR as the last byte a cut there would keep.
    const line = `data: ${'x'.repeat(MAX_DECODE_BYTES - 8)}\r`;
    const input = `${line}\r\ndata: next\n\n`;
    expect(input.indexOf('\r\n')).toBe(MAX_DECODE_BYTES - 1);
    const { events } = parse(input, { dispatchAtCr: true });
    expect(events.map((e) => [e.start, e.end])).toEqual([
      [0, MAX_DECODE_BYTES + 1],
      [MAX_DECODE_BYTES + 1, MAX_DECODE_BYTES + 13],
    ]);
    expect(events).toEqual(parse(input).events);
  });
});

describe('spec review edge cases', () => {
  const everyChunking = (input: string | Uint8Array, options: SseParserOptions = {}) => {
    const whole = parse(input, options);
    for (const chunkSize of [1, 2, 3, 4]) {
      const chunked = parse(input, options, chunkSize);
      expect(chunked.outputs, `${chunkSize}-byte pushes`).toEqual(whole.outputs);
      expect(chunked.summary, `${chunkSize}-byte pushes`).toEqual(whole.summary);
    }
    return whole;
  };

  it('decodes invalid UTF-8 with one U+FFFD per maximal subpart (Encoding standard)', () => {
    const cases: [number[], string][] = [
      [[0xf0, 0x9f, 0x98], '\uFFFDA'], // truncated 4-byte sequence, then A
      [[0xed, 0xa0, 0x80], '\uFFFD\uFFFD\uFFFDA'], // a UTF-16 surrogate
      [[0xc0, 0x80], '\uFFFD\uFFFDA'], // C0 is never a lead byte
      [[0xe0, 0x80, 0x80], '\uFFFD\uFFFD\uFFFDA'], // overlong
      [[0xf4, 0x90, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD\uFFFDA'], // above U+10FFFF
    ];
    for (const [bad, data] of cases) {
      const { events, warnings } = everyChunking(bytesOf('data:', bad, 'A\n\n'));
      expect(events.map((e) => [e.data, e.start, e.end])).toEqual([[data, 0, 8 + bad.length]]);
      expect(warnings.map((w) => [w.code, w.offset])).toEqual([['invalid-utf8', 5]]);
    }
  });

  it('treats a stream of only part of a BOM as one U+FFFD line, not a BOM', () => {
    const { outputs, summary } = everyChunking(bytesOf([0xef, 0xbb]));
    expect(outputs.map((o) => (o.kind === 'warning' ? [o.code, o.offset] : o.kind))).toEqual([
      ['invalid-utf8', 0],
      ['incomplete-event', 0],
    ]);
    expect(summary).toMatchObject({ events: 0, bytes: 2, incomplete: true });
    expect(parse(bytesOf([0xef, 0xbb, 0xbf])).outputs).toEqual([]);
  });

  it('does not make an extra blank line of a CRLF split between pushes', () => {
    const { events } = everyChunking('data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n');
    expect(events.map((e) => [e.data, e.start, e.end])).toEqual([
      ['a\nb', 0, 20],
      ['c', 20, 31],
    ]);
  });

  it('handles lines of spaces, bare field names and empty values as the spec says', () => {
    const { events, summary } = everyChunking(
      '   \ndata\nevent:\nid:\nretry:\ndata:\n\nevent\ndata: x\n\n',
      { initialLastEventId: 'prev' },
    );
    expect(events.map((e) => [e.type, e.data, e.lastEventId])).toEqual([
      ['message', '\n', ''],
      ['message', 'x', ''],
    ]);
    expect(summary.reconnectionTimeMs).toBe(3000);
  });

  it('keeps NUL in data, ignores an id containing NUL, and keeps retry digits-only', () => {
    const { events, outputs } = everyChunking(
      'id: 1\ndata: a\0b\n\nid: 2\0\nretry: +5\nretry: 5 \nretry: 0042\ndata: c\n\n',
    );
    expect(events.map((e) => [e.data, e.lastEventId])).toEqual([
      ['a\0b', '1'],
      ['c', '1'],
    ]);
    expect(outputs.filter((o) => o.kind === 'retry').map((o) => o.ms)).toEqual([42]);
  });

  it('shortens a long field name in a warning without splitting a surrogate pair', () => {
    const { warnings } = parse(`${'a'.repeat(39)}🚀🚀: x\n`);
    expect(warnings[0]!.message).toBe(`unknown field "${'a'.repeat(39)}…" ignored`);
  });

  it('sets the last event ID string on a blank line even when no event fires', () => {
    const parser = new SseParser();
    parser.push(encoder.encode('id: 7\n\n'));
    expect(parser.lastEventId).toBe('7');
    expect(parser.eventCount).toBe(0);
  });
});

describe('sample streams', () => {
  const samples = join(import.meta.dirname, '../../tests/fixtures/samples');
  const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(samples, name)));

  it('parses spec-edge-cases.sse exactly', () => {
    const { outputs, summary } = parse(read('spec-edge-cases.sse'));
    expect(outputs).toEqual([
      { kind: 'comment', text: 'stream opened', offset: 3 },
      { kind: 'retry', ms: 1500, offset: 20 },
      {
        kind: 'event',
        type: 'greeting',
        data: 'hello\nworld',
        lastEventId: '1',
        start: 35,
        end: 87,
      },
      expect.objectContaining({ kind: 'warning', code: 'mixed-line-endings', offset: 92 }),
      { kind: 'event', type: 'message', data: 'no-space', lastEventId: '2', start: 87, end: 108 },
      expect.objectContaining({ kind: 'warning', code: 'unknown-field', offset: 131 }),
      {
        kind: 'event',
        type: 'message',
        data: ' two spaces kept',
        lastEventId: '2',
        start: 108,
        end: 151,
      },
      {
        kind: 'event',
        type: 'message',
        data: 'id was reset to empty',
        lastEventId: '',
        start: 151,
        end: 183,
      },
      expect.objectContaining({ kind: 'warning', code: 'invalid-retry', offset: 183 }),
      {
        kind: 'event',
        type: 'message',
        data: 'invalid retry ignored',
        lastEventId: '',
        start: 183,
        end: 223,
      },
      expect.objectContaining({ kind: 'warning', code: 'incomplete-event', offset: 223 }),
    ]);
    expect(summary).toMatchObject({
      events: 5,
      bytes: 280,
      incomplete: true,
      lastEventId: '',
      reconnectionTimeMs: 1500,
      pending: { data: 'trailing event without blank line is not dispatched', start: 223 },
    });
  });

  it('parses the provider samples without warnings', () => {
    const expected: Record<string, [number, string]> = {
      'openai-chat-completions.sse': [0, '[DONE]'],
      'anthropic-messages.sse': [0, ''],
      'wikimedia-recentchange.sse': [0, ''],
    };
    for (const [name, [warningCount, lastData]] of Object.entries(expected)) {
      const { events, warnings, summary } = parse(read(name));
      expect(warnings.length, name).toBe(warningCount);
      expect(summary.incomplete, name).toBe(false);
      expect(events.length, name).toBeGreaterThan(1);
      if (lastData !== '') expect(events.at(-1)!.data, name).toBe(lastData);
      for (const event of events.filter((e) => e.data.startsWith('{'))) {
        expect(() => JSON.parse(event.data), name).not.toThrow();
      }
    }
  });

  it('gives the same outputs for every sample whatever the push boundaries', () => {
    for (const name of readdirSync(samples).filter((n) => n.endsWith('.sse'))) {
      const bytes = read(name);
      const whole = parse(bytes);
      for (const chunkSize of [1, 2, 3, 5, 64]) {
        const split = parse(bytes, {}, chunkSize);
        expect(split.outputs, `${name} @${chunkSize}`).toEqual(whole.outputs);
        expect(split.summary, `${name} @${chunkSize}`).toEqual(whole.summary);
      }
    }
  });
});
