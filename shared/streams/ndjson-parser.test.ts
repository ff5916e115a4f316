import { describe, expect, it } from 'vitest';
import { StreamParserStateError } from './json-records.ts';
import { NdjsonParser } from './ndjson-parser.ts';
import { bytesOf, parseWith, recordsOf, warningsOf } from './stream-test-kit.ts';

describe('NdjsonParser', () => {
  it('emits each line as a json event with the byte range of the line and its LF', () => {
    const { outputs, summary } = parseWith('ndjson', '{"a":1}\n{"b":"é"}\n');
    expect(outputs).toEqual([
      { kind: 'event', type: 'json', data: '{"a":1}', lastEventId: '', start: 0, end: 8 },
      { kind: 'event', type: 'json', data: '{"b":"é"}', lastEventId: '', start: 8, end: 19 },
    ]);
    expect(summary).toMatchObject({ events: 2, bytes: 19, incomplete: false, warningCounts: {} });
  });

  it('accepts CRLF line ends, dropping the CR from the data but not from the range', () => {
    const { outputs } = parseWith('ndjson', '{"a":1}\r\n[2]\r\n');
    expect(outputs).toEqual([
      expect.objectContaining({ data: '{"a":1}', start: 0, end: 9 }),
      expect.objectContaining({ data: '[2]', start: 9, end: 14 }),
    ]);
  });

  it('records an invalid line with an invalid-json warning pointing at the offending byte', () => {
    const { outputs } = parseWith('ndjson', '{"ok":true}\n{"a":1,}\n');
    expect(recordsOf(outputs)).toEqual(['{"ok":true}', '{"a":1,}']);
    // The line starts at 12; JSON.parse stops at the '}' after the comma, its 8th character.
    expect(warningsOf(outputs)).toEqual([['invalid-json', 12 + 7]]);
  });

  it('counts multi-byte characters before the error as bytes in the offset', () => {
    const { outputs } = parseWith('ndjson', '{"é":1,}\n');
    expect(warningsOf(outputs)).toEqual([['invalid-json', 8]]);
  });

  it('points a record cut off mid-value at its end, where JSON.parse stopped', () => {
    const { outputs } = parseWith('ndjson', '{}\n{"b":\n');
    expect(outputs[1]).toMatchObject({
      kind: 'warning',
      code: 'invalid-json',
      message: 'record is not valid JSON: Unexpected end of JSON input',
      offset: 3 + 5,
    });
  });

  it('names the problem; without a position from JSON.parse the offset is the record start', () => {
    const { outputs } = parseWith('ndjson', '{}\nnope\n');
    expect(outputs[1]).toMatchObject({
      kind: 'warning',
      code: 'invalid-json',
      message: "record is not valid JSON: Unexpected token 'o'",
      offset: 3,
    });
  });

  it('warns about blank lines and skips them', () => {
    const { outputs } = parseWith('ndjson', '1\n\n  \r\n2\n');
    expect(recordsOf(outputs)).toEqual(['1', '2']);
    expect(warningsOf(outputs)).toEqual([
      ['blank-line', 2],
      ['blank-line', 3],
    ]);
  });

  it('records a last line without LF and warns that the final line end is missing', () => {
    const { outputs } = parseWith('ndjson', '{"a":1}\n{"done":true}');
    expect(outputs.at(-2)).toMatchObject({ data: '{"done":true}', start: 8, end: 21 });
    expect(warningsOf(outputs)).toEqual([['missing-final-newline', 21]]);
  });

  it('skips a line longer than maxRecordBytes without buffering it, and goes on after it', () => {
    const huge = 'x'.repeat(100);
    const { outputs } = parseWith('ndjson', `1\n${huge}\n2\n`, [10, 20, 50], {
      maxRecordBytes: 32,
    });
    expect(recordsOf(outputs)).toEqual(['1', '2']);
    expect(warningsOf(outputs)).toEqual([['record-too-large', 2]]);
  });

  it('stays within the limit on an endless line without a newline (hostile input)', () => {
    const { outputs, summary } = parseWith('ndjson', 'a'.repeat(1 << 20), [1000, 5000, 600_000], {
      maxRecordBytes: 4096,
    });
    expect(recordsOf(outputs)).toEqual([]);
    expect(warningsOf(outputs)).toEqual([['record-too-large', 0]]);
    expect(summary.bytes).toBe(1 << 20);
  });

  it('reports invalid UTF-8 at its byte and keeps the record', () => {
    const bytes = new Uint8Array([...bytesOf('"a'), 0xff, ...bytesOf('"\n')]);
    const { outputs } = parseWith('ndjson', bytes);
    expect(recordsOf(outputs)).toEqual(['"a\uFFFD"']);
    expect(warningsOf(outputs)).toEqual([['invalid-utf8', 2]]);
  });

  it('rate-limits a flood of warnings like the SSE parser', () => {
    const { outputs, summary } = parseWith('ndjson', 'x\n'.repeat(30), [], {
      maxWarningsPerCode: 3,
    });
    expect(warningsOf(outputs).map(([code]) => code)).toEqual([
      'invalid-json',
      'invalid-json',
      'invalid-json',
      'warnings-suppressed',
    ]);
    expect(summary.warningCounts['invalid-json']).toBe(30);
    expect(recordsOf(outputs)).toHaveLength(30);
  });

  it('refuses to be used after end()', () => {
    const parser = new NdjsonParser();
    parser.end();
    expect(() => parser.push(bytesOf('1\n'))).toThrow(StreamParserStateError);
    expect(() => parser.end()).toThrow(StreamParserStateError);
  });
});
