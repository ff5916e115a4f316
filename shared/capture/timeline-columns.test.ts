import { describe, expect, it } from 'vitest';
import { eventPreviewChars, type TimelineEntry } from './live-frames.ts';
import type { CaptureRecord, ChunkRecord } from './records.ts';
import { columnsOf, entriesOfColumns } from './timeline-columns.ts';

type RowRecord = Exclude<CaptureRecord, ChunkRecord>;

const event = (index: number, data: string, type = 'message'): RowRecord => ({
  kind: 'event',
  attempt: 1,
  t: index + 0.25,
  index,
  type,
  data,
  lastEventId: String(index),
  start: index * 100,
  end: index * 100 + 40,
});

const records: RowRecord[] = [
  event(0, '{"i":0}', 'delta'),
  { kind: 'comment', attempt: 1, t: 1.5, text: 'keep-alive', offset: 140 },
  { kind: 'retry', attempt: 1, t: 2, ms: 3000, offset: 160 },
  event(1, 'y'.repeat(eventPreviewChars + 10)),
  { kind: 'comment', attempt: 2, t: 3, text: 'z'.repeat(eventPreviewChars * 2), offset: 0 },
  event(2, '', 'delta'),
  {
    kind: 'warning',
    attempt: 2,
    t: 4,
    source: 'parser',
    code: 'unknown-field',
    message: 'm',
    offset: 7,
  },
  {
    kind: 'closed',
    attempt: 2,
    t: 5,
    reason: 'server-closed',
    bytes: 9,
    events: 3,
    incomplete: false,
  },
];

describe('timeline columns', () => {
  it('carry every row kind and field, events and comments as previews', () => {
    const block = columnsOf(4, 10, records);
    const entries = entriesOfColumns(block);
    expect(entries.map((entry) => [entry.connectionId, entry.seq])).toEqual(
      records.map((_, row) => [4, 10 + row]),
    );
    const expected: TimelineEntry['record'][] = records.map((record) => {
      if (record.kind === 'event') {
        const data = record.data.slice(0, eventPreviewChars);
        const truncated = record.data.length > eventPreviewChars;
        return { ...record, data, dataLength: record.data.length, truncated };
      }
      if (record.kind === 'comment') {
        const text = record.text.slice(0, eventPreviewChars);
        const truncated = record.text.length > eventPreviewChars;
        return { ...record, text, textLength: record.text.length, truncated };
      }
      return record;
    });
    expect(entries.map((entry) => entry.record)).toEqual(expected);
  });

  it('build the same block again from previews (a timeline page)', () => {
    const block = columnsOf(4, 10, records);
    const again = columnsOf(
      4,
      10,
      entriesOfColumns(block).map((entry) => entry.record),
    );
    expect(again).toEqual(block);
  });

  it('name each event type once per block', () => {
    expect(columnsOf(1, 0, records).types).toEqual(['delta', 'message']);
  });
});
