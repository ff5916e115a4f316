import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEventStream } from '../stream-events.ts';
import { compareEventSequences } from './compare-events.ts';
import type { CompareEvent, CompareResult } from './types.ts';

const samples = join(import.meta.dirname, '../../../tests/fixtures/samples');
const ev = (data: string, extra: Partial<CompareEvent> = {}): CompareEvent => ({
  type: 'message',
  data,
  ...extra,
});
const shape = (result: CompareResult): Array<[string, string, string]> =>
  result.rows.map((row) => [row.left?.data ?? '-', row.right?.data ?? '-', row.diffs.join(',')]);

describe('compareEventSequences', () => {
  it('finds a stream identical to itself', () => {
    const events = parseEventStream(readFileSync(join(samples, 'openai-chat-completions.sse')));
    const { rows, summary } = compareEventSequences(events, events);
    expect(rows.every((row) => row.diffs.length === 0)).toBe(true);
    expect(summary).toMatchObject({
      alignment: 'lcs',
      pairs: 19,
      same: 19,
      rows: 19,
      maxTimingDeltaMs: null,
    });
  });

  it('aligns by id when both sides have distinct ids, showing missing and changed events', () => {
    const left = [ev('a', { id: '1' }), ev('b', { id: '2' }), ev('c', { id: '3' })];
    const right = [ev('a', { id: '1' }), ev('C', { id: '3' }), ev('d', { id: '4' })];
    const result = compareEventSequences(left, right);
    expect(result.summary).toMatchObject({
      alignment: 'id',
      pairs: 2,
      same: 1,
      dataDiffs: 1,
      missingLeft: 1,
      missingRight: 1,
    });
    expect(shape(result)).toEqual([
      ['a', 'a', ''],
      ['b', '-', 'missing-right'],
      ['c', 'C', 'data'],
      ['-', 'd', 'missing-left'],
    ]);
  });

  it('reads EventRecord ids from lastEventId, and pairs reordered ids', () => {
    const left = [ev('a', { lastEventId: '1' }), ev('b', { lastEventId: '2' })];
    const right = [ev('b', { lastEventId: '2' }), ev('a', { lastEventId: '1' })];
    const result = compareEventSequences(left, right);
    expect(result.summary).toMatchObject({ alignment: 'id', same: 2, rows: 2 });
  });

  it('falls back to an LCS on (type, data) when ids repeat, pairing changed runs', () => {
    // lastEventId persists, so a stream with one id line has the same id on every later event.
    const left = ['x', 'y', 'z', 'w'].map((d) => ev(d, { lastEventId: '7' }));
    const right = [ev('x', { lastEventId: '7' }), ev('new'), ev('Y'), ev('z'), ev('w')];
    const result = compareEventSequences(left, right);
    expect(result.summary.alignment).toBe('lcs');
    expect(shape(result)).toEqual([
      ['x', 'x', ''],
      ['y', 'new', 'id,data'],
      ['-', 'Y', 'missing-left'],
      ['z', 'z', 'id'],
      ['w', 'w', 'id'],
    ]);
  });

  it('flags a different type and, with index alignment, every shifted event', () => {
    const left = [ev('a'), ev('b', { type: 'tick' })];
    const right = [ev('a'), ev('b', { type: 'tock' }), ev('c')];
    expect(shape(compareEventSequences(left, right))).toEqual([
      ['a', 'a', ''],
      ['b', 'b', 'type'],
      ['-', 'c', 'missing-left'],
    ]);
    expect(shape(compareEventSequences([ev('0'), ...left], right, { align: 'index' }))).toEqual([
      ['0', 'a', 'data'],
      ['a', 'b', 'type,data'],
      ['b', 'c', 'type,data'],
    ]);
  });

  it('compares arrival times relative to each side’s first event', () => {
    const left = [ev('a', { t: 1000 }), ev('b', { t: 1100 }), ev('c', { t: 1200 })];
    const right = [ev('a', { t: 5000 }), ev('b', { t: 5150 }), ev('c', { t: 6200 })];
    const result = compareEventSequences(left, right);
    expect(result.rows.map((row) => row.timingDeltaMs)).toEqual([0, 50, 1000]);
    expect(shape(result).map((row) => row[2])).toEqual(['', '', 'timing']);
    expect(result.summary).toMatchObject({ timingDiffs: 1, maxTimingDeltaMs: 1000, same: 2 });
    expect(
      compareEventSequences(left, right, { timingToleranceMs: 1000 }).summary.timingDiffs,
    ).toBe(0);
  });

  it('ignores what normalizeData removes', () => {
    const strip = (data: string) => data.replace(/"id":"[^"]*"/, '');
    const result = compareEventSequences([ev('{"id":"a","v":1}')], [ev('{"id":"b","v":1}')], {
      normalizeData: strip,
    });
    expect(result.summary.same).toBe(1);
  });

  it('bounds the LCS on large inputs: trims the common ends, aligns the rest by index', () => {
    const left = Array.from({ length: 3000 }, (_, i) => ev(`e${i}`));
    const right = left.map((e, i) => (i >= 1000 && i < 2000 ? ev(`changed${i}`) : e));
    const result = compareEventSequences(left, right, { maxLcsCells: 100_000 });
    expect(result.summary).toMatchObject({
      bounded: true,
      rows: 3000,
      same: 2000,
      dataDiffs: 1000,
    });
    const exact = compareEventSequences(left.slice(0, 300), [ev('extra'), ...left.slice(0, 300)]);
    expect(exact.summary).toMatchObject({ bounded: false, same: 300, missingLeft: 1 });
  });

  it('handles empty sides', () => {
    expect(compareEventSequences([], []).rows).toEqual([]);
    expect(shape(compareEventSequences([ev('a')], []))).toEqual([['a', '-', 'missing-right']]);
  });
});
