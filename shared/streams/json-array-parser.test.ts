import { describe, expect, it } from 'vitest';
import { bytesOf, parseWith, recordsOf, warningsOf } from './stream-test-kit.ts';
import { JsonArrayParser } from './json-array-parser.ts';
import type { StreamOutput } from './types.ts';

describe('JsonArrayParser', () => {
  it('emits each element of the array with its exact byte range', () => {
    const body = '[{"a":1}\n,\r\n{"b":[2,"]"]}]';
    const { outputs, summary } = parseWith('json-array', body);
    expect(outputs).toEqual([
      { kind: 'event', type: 'json', data: '{"a":1}', lastEventId: '', start: 1, end: 8 },
      { kind: 'event', type: 'json', data: '{"b":[2,"]"]}', lastEventId: '', start: 12, end: 25 },
    ]);
    expect(summary).toMatchObject({ events: 2, incomplete: false, warningCounts: {} });
  });

  it('emits an element as soon as its last byte arrives, before the comma or the bracket', () => {
    const outputs: StreamOutput[] = [];
    const parser = new JsonArrayParser({ onOutput: (o) => outputs.push(o) });
    parser.push(bytesOf('[{"text": "Hel'));
    expect(outputs).toEqual([]);
    parser.push(bytesOf('lo"}'));
    expect(recordsOf(outputs)).toEqual(['{"text": "Hello"}']);
  });

  it('tracks strings and escapes: brackets and quotes inside strings are not structure', () => {
    const element = '{"s":"a\\"}]{[\\\\","t":"\\u005d"}';
    const { outputs } = parseWith('json-array', `[${element},"x\\"y",12.5e3,true,null]`);
    expect(recordsOf(outputs)).toEqual([element, '"x\\"y"', '12.5e3', 'true', 'null']);
    expect(warningsOf(outputs)).toEqual([]);
  });

  it('accepts an empty array', () => {
    const { outputs, summary } = parseWith('json-array', ' [ ] \n');
    expect(outputs).toEqual([]);
    expect(summary.incomplete).toBe(false);
  });

  it('warns about bytes after the closing bracket and ignores them', () => {
    const { outputs } = parseWith('json-array', '[1]\n{"late":true}');
    expect(recordsOf(outputs)).toEqual(['1']);
    expect(warningsOf(outputs)).toEqual([['outside-array', 4]]);
  });

  it('records each top-level value of a body that is no array, with one warning', () => {
    const { outputs } = parseWith('json-array', ' {"error":{"code":400}}\n{"b":2} 7');
    expect(recordsOf(outputs)).toEqual(['{"error":{"code":400}}', '{"b":2}', '7']);
    expect(warningsOf(outputs)).toEqual([['outside-array', 1]]);
  });

  it('reports a missing comma and still records both elements', () => {
    const { outputs } = parseWith('json-array', '[{"a":1} {"b":2}]');
    expect(recordsOf(outputs)).toEqual(['{"a":1}', '{"b":2}']);
    expect(warningsOf(outputs)).toEqual([['invalid-json', 9]]);
  });

  it('reports stray commas and closing brackets without recording empty elements', () => {
    const { outputs } = parseWith('json-array', '[,1,,}2]');
    expect(recordsOf(outputs)).toEqual(['1', '2']);
    expect(warningsOf(outputs).map(([code, at]) => `${code}@${at}`)).toEqual([
      'invalid-json@1',
      'invalid-json@4',
      'invalid-json@5',
    ]);
  });

  it('reports an element that is not valid JSON at the offending byte', () => {
    const { outputs } = parseWith('json-array', '[{"a":1,}]');
    expect(recordsOf(outputs)).toEqual(['{"a":1,}']);
    expect(warningsOf(outputs)).toEqual([['invalid-json', 8]]);
  });

  it('warns when the stream ends before the closing bracket', () => {
    const { outputs, summary } = parseWith('json-array', '[{"a":1},\n');
    expect(recordsOf(outputs)).toEqual(['{"a":1}']);
    expect(warningsOf(outputs)).toEqual([['incomplete-record', 10]]);
    expect(summary.incomplete).toBe(false);
  });

  it('does not emit a record cut off by the end of the stream, and says so', () => {
    const { outputs, summary } = parseWith('json-array', '[{"a":1},{"b":');
    expect(recordsOf(outputs)).toEqual(['{"a":1}']);
    expect(warningsOf(outputs)).toEqual([['incomplete-record', 14]]);
    expect(summary.incomplete).toBe(true);
  });

  it('keeps constant memory on very deep nesting and records it once balanced', () => {
    const depth = 100_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const { outputs } = parseWith('json-array', `[${deep},1]`, [3, 50_000, 150_001]);
    expect(recordsOf(outputs)).toEqual([deep, '1']);
  });

  it('skips an element larger than maxRecordBytes and records the next one', () => {
    const big = `{"t":"${'z'.repeat(200)}"}`;
    const { outputs } = parseWith('json-array', `[${big},{"ok":1}]`, [30, 100], {
      maxRecordBytes: 64,
    });
    expect(recordsOf(outputs)).toEqual(['{"ok":1}']);
    expect(warningsOf(outputs)).toEqual([['record-too-large', 1]]);
  });

  it('survives garbage: binary noise yields warnings and records, never a throw', () => {
    const noise = new Uint8Array(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) % 256;
    expect(() => parseWith('json-array', noise, [100, 1000, 2001])).not.toThrow();
    expect(() => parseWith('json-seq', noise, [100, 1000, 2001])).not.toThrow();
    expect(() => parseWith('ndjson', noise, [100, 1000, 2001])).not.toThrow();
  });
});
