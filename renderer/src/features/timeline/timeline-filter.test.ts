import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../shared/capture/live-frames.ts';
import { TimelineLog } from '../../store/timeline-log.ts';
import { appendEntries, commentEntry, eventEntry } from '../../store/timeline-test-kit.ts';
import type { TimelineFilters } from '../../store/timeline-view-slice.ts';
import { compileSearch, FilteredRows } from './timeline-filter.ts';

const none: TimelineFilters = {
  hiddenKinds: [],
  hiddenTypes: [],
  searchText: '',
  searchIsRegex: false,
};

const event = (seq: number, type: string, data: string): TimelineEntry =>
  eventEntry(seq, { type, data, lastEventId: String(seq), start: 0, end: 1 });

const comment = (seq: number) => commentEntry(seq, { text: 'keep-alive', offset: 0 });

const entries = [
  event(0, 'tick', 'one'),
  comment(1),
  event(2, 'tock', 'two'),
  event(3, 'tick', 'three'),
];

function logOf(rows: TimelineEntry[]): TimelineLog {
  const log = new TimelineLog(1);
  appendEntries(log, rows, []);
  return log;
}

const all = logOf(entries);

/** The log rows that pass, in order. */
const passing = (rows: FilteredRows): number[] =>
  Array.from({ length: rows.length }, (_, position) => rows.at(position));

describe('timeline filters', () => {
  it('shows every row without filters', () => {
    expect(passing(new FilteredRows().update(all, none, entries.length))).toEqual([0, 1, 2, 3]);
  });

  it('hides event types and lifecycle kinds', () => {
    const rows = new FilteredRows();
    expect(passing(rows.update(all, { ...none, hiddenTypes: ['tick'] }, 4))).toEqual([1, 2]);
    expect(passing(rows.update(all, { ...none, hiddenKinds: ['comment'] }, 4))).toEqual([0, 2, 3]);
  });

  it('searches case-insensitively in type, id and data', () => {
    const rows = new FilteredRows();
    expect(passing(rows.update(all, { ...none, searchText: 'TH' }, 4))).toEqual([3]);
    expect(passing(rows.update(all, { ...none, searchText: 'tock' }, 4))).toEqual([2]);
  });

  it('anchors a regular expression to each column', () => {
    const rows = new FilteredRows();
    expect(
      passing(rows.update(all, { ...none, searchText: '^t\\w+o$', searchIsRegex: true }, 4)),
    ).toEqual([2]);
  });

  it('reports an invalid regular expression instead of matching', () => {
    const rows = new FilteredRows();
    expect(passing(rows.update(all, { ...none, searchText: '(', searchIsRegex: true }, 4))).toEqual(
      [],
    );
    expect(rows.searchError).toMatch(/Invalid regular expression|Unterminated group/);
    expect(compileSearch('(', true).ok).toBe(false);
  });

  it('tests only rows appended since the last update', () => {
    const rows = new FilteredRows();
    const growing = logOf(entries.slice(0, 2));
    expect(passing(rows.update(growing, none, 2))).toEqual([0, 1]);
    appendEntries(growing, [entries[2] as TimelineEntry], []);
    expect(passing(rows.update(growing, none, 3))).toEqual([0, 1, 2]);
    const noTicks = { ...none, hiddenTypes: ['tick'] };
    expect(passing(rows.update(growing, noTicks, 3))).toEqual([1, 2]);
    appendEntries(growing, [entries[3] as TimelineEntry, event(4, 'tock', 'four')], []);
    expect(passing(rows.update(growing, noTicks, 5))).toEqual([1, 2, 4]);
  });

  it('starts over when the filters change or fewer rows are shown (a paused view)', () => {
    const rows = new FilteredRows();
    const noTicks = { ...none, hiddenTypes: ['tick'] };
    expect(passing(rows.update(all, noTicks, 4))).toEqual([1, 2]);
    expect(passing(rows.update(all, none, 4))).toEqual([0, 1, 2, 3]);
    expect(passing(rows.update(all, noTicks, 2))).toEqual([1]);
    expect(passing(rows.update(all, noTicks, 4))).toEqual([1, 2]);
  });
});
