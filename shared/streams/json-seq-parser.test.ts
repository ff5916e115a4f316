import { describe, expect, it } from 'vitest';
import { parseWith, recordsOf, warningsOf } from './stream-test-kit.ts';

const RS = '\x1e';

describe('JsonSeqParser (RFC 7464)', () => {
  it('emits each RS-prefixed, LF-ended text with a range from its RS to past its LF', () => {
    const { outputs, summary } = parseWith('json-seq', `${RS}{"a":1}\n${RS}[true]\n`);
    expect(outputs).toEqual([
      { kind: 'event', type: 'json', data: '{"a":1}', lastEventId: '', start: 0, end: 9 },
      { kind: 'event', type: 'json', data: '[true]', lastEventId: '', start: 9, end: 17 },
    ]);
    expect(summary.warningCounts).toEqual({});
  });

  it('emits a record at its LF, before the next RS arrives (live streams)', () => {
    const outputs = parseWith('json-seq', `${RS}{"a":1}\n`).outputs;
    expect(recordsOf(outputs)).toEqual(['{"a":1}']);
  });

  it('keeps texts that span lines whole: the LF ends a text only after its value', () => {
    const text = '{\n  "a": [1,\n 2]\n}';
    const { outputs } = parseWith('json-seq', `${RS}${text}\n${RS}3\n`);
    expect(recordsOf(outputs)).toEqual([text, '3']);
  });

  it('skips consecutive RS bytes silently (they denote no empty texts)', () => {
    const { outputs } = parseWith('json-seq', `${RS}${RS}${RS}1\n`);
    expect(outputs).toEqual([expect.objectContaining({ data: '1', start: 2, end: 5 })]);
  });

  it('records a text cut short by the next RS and warns that it may be truncated', () => {
    const { outputs } = parseWith('json-seq', `${RS}12${RS}{"b":2}\n`);
    expect(recordsOf(outputs)).toEqual(['12', '{"b":2}']);
    expect(warningsOf(outputs)).toEqual([['missing-final-newline', 3]]);
  });

  it('reports an unbalanced text as invalid JSON when the next RS ends it', () => {
    const { outputs } = parseWith('json-seq', `${RS}{"a":\n${RS}1\n`);
    expect(recordsOf(outputs)).toEqual(['{"a":', '1']);
    expect(warningsOf(outputs).map(([code]) => code)).toEqual(['invalid-json']);
  });

  it('records a text without RS before it, with a warning', () => {
    const { outputs } = parseWith('json-seq', `{"a":1}\n${RS}2\n`);
    expect(recordsOf(outputs)).toEqual(['{"a":1}', '2']);
    expect(warningsOf(outputs)).toEqual([['missing-record-separator', 0]]);
  });

  it('records the last text at end of stream and warns when its LF is missing', () => {
    const { outputs, summary } = parseWith('json-seq', `${RS}1\n${RS}{"x":"y"}`);
    expect(recordsOf(outputs)).toEqual(['1', '{"x":"y"}']);
    expect(warningsOf(outputs)).toEqual([['missing-final-newline', 13]]);
    expect(summary.incomplete).toBe(false);
  });

  it('treats bytes after a complete value as part of an invalid text up to its LF', () => {
    const { outputs } = parseWith('json-seq', `${RS}{"a":1} x\n${RS}2\n`);
    expect(recordsOf(outputs)).toEqual(['{"a":1} x', '2']);
    expect(warningsOf(outputs)).toEqual([['invalid-json', 9]]);
  });

  it('skips a text larger than maxRecordBytes and resynchronises at the next RS', () => {
    const big = `[${'1,'.repeat(100)}1]`;
    const { outputs } = parseWith('json-seq', `${RS}${big}\n${RS}2\n`, [7, 64], {
      maxRecordBytes: 50,
    });
    expect(recordsOf(outputs)).toEqual(['2']);
    expect(warningsOf(outputs)).toEqual([['record-too-large', 0]]);
  });
});
