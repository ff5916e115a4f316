import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { Workspace } from './workspace.ts';
import type { StoredRecord } from './types.ts';
import { chunk, event, sessionStart } from './test-fixtures.ts';

/**
 * A session of 1,000 events (types alternating delta/ping), a comment after every 10th event and
 * a warning after every 100th, in chunks of 5 events; plus a second session.
 */
let workspace: Workspace;
let id: number;
let other: number;
const records: CaptureRecord[] = [];
/** The records without chunks: what the timeline holds, by seq. */
let timeline: StoredRecord[] = [];

beforeAll(() => {
  workspace = Workspace.open(':memory:');
  const recorder = workspace.createRecorder();
  id = recorder.createSession(sessionStart());
  other = recorder.createSession(sessionStart());
  let offset = 0;
  for (let i = 0; i < 1000; i++) {
    const text = `data: event ${i}\n\n`;
    if (i % 5 === 0) {
      const block = Array.from({ length: 5 }, (_, k) => `data: event ${i + k}\n\n`).join('');
      records.push(chunk(1, i / 5, offset, block, i));
    }
    records.push(
      event(i, `event ${i}`, {
        type: i % 2 ? 'ping' : 'delta',
        start: offset,
        end: offset + text.length,
        t: i,
      }),
    );
    offset += text.length;
    if (i % 10 === 9) records.push({ kind: 'comment', attempt: 1, t: i, text: `c${i}`, offset });
    if (i % 100 === 99) {
      records.push({
        kind: 'warning',
        attempt: 1,
        t: i,
        source: 'parser',
        code: 'unknown-field',
        message: `w${i}`,
        offset,
      });
    }
  }
  for (const record of records) recorder.append(id, record);
  recorder.append(other, event(0, 'elsewhere'));
  recorder.flush();
  timeline = records.filter((r): r is StoredRecord => r.kind !== 'chunk');
});
afterAll(() => workspace.close());

describe('readTimeline paging', () => {
  it('pages forward with afterSeq', () => {
    const page = workspace.readTimeline(id, { afterSeq: 9, limit: 3 });
    expect(page.map((e) => e.seq)).toEqual([10, 11, 12]);
    expect(page.map((e) => e.record)).toEqual(timeline.slice(10, 13));
  });

  it('pages backward with beforeSeq, returned in order', () => {
    const page = workspace.readTimeline(id, { beforeSeq: 20, limit: 3 });
    expect(page.map((e) => e.seq)).toEqual([17, 18, 19]);
  });

  it('returns the entries strictly between afterSeq and beforeSeq', () => {
    const page = workspace.readTimeline(id, { afterSeq: 5, beforeSeq: 9, limit: 100 });
    expect(page.map((e) => e.seq)).toEqual([6, 7, 8]);
  });

  it('stops at the end of the session', () => {
    const total = workspace.countTimeline(id);
    expect(total).toBe(timeline.length);
    expect(workspace.readTimeline(id, { afterSeq: total - 2, limit: 10 })).toHaveLength(1);
    expect(workspace.readTimeline(other, { limit: 10 }).map((e) => e.record)).toEqual([
      event(0, 'elsewhere'),
    ]);
  });

  it('filters by kind, merging several kinds in timeline order', () => {
    const page = workspace.readTimeline(id, { kinds: ['warning', 'comment'], limit: 12 });
    const expected = timeline
      .map((record, seq) => ({ record, seq }))
      .filter(({ record }) => record.kind === 'warning' || record.kind === 'comment')
      .slice(0, 12);
    expect(page).toEqual(expected);
    // The 10th comment (after event 99) is directly followed by the first warning.
    expect(page[9]?.record).toMatchObject({ kind: 'comment', text: 'c99' });
    expect(page[10]?.record).toMatchObject({ kind: 'warning', message: 'w99' });
    expect(page[10]?.seq).toBe(page[9]!.seq + 1);
  });

  it('filters events by type, and pages a filter backward', () => {
    const pings = workspace.readTimeline(id, { kinds: ['event'], eventTypes: ['ping'], limit: 3 });
    expect(pings.map((e) => (e.record.kind === 'event' ? e.record.index : -1))).toEqual([1, 3, 5]);
    const before = workspace.readTimeline(id, {
      kinds: ['event'],
      eventTypes: ['ping'],
      beforeSeq: pings[2]!.seq,
      limit: 5,
    });
    expect(before.map((e) => e.seq)).toEqual([pings[0]!.seq, pings[1]!.seq]);
  });

  it('keeps non-event kinds when filtering event types', () => {
    const page = workspace.readTimeline(id, { eventTypes: ['nothing-like-this'], limit: 3 });
    expect(page.map((e) => e.record.kind)).toEqual(['comment', 'comment', 'comment']);
  });

  it('cuts event data to previewChars and says how long it was', () => {
    const [entry] = workspace.readTimeline(id, { afterSeq: 999, limit: 1, previewChars: 5 });
    expect(entry?.record).toMatchObject({ kind: 'event', data: 'event' });
    expect(entry?.dataLength).toBe('event 908'.length);
    const [short] = workspace.readTimeline(id, { limit: 1, previewChars: 50 });
    expect(short?.dataLength).toBeUndefined();
  });
});

describe('virtualized list positions', () => {
  it('maps positions to seqs without a filter (seq == position)', () => {
    expect(workspace.timelineSeqAt(id, 0)).toBe(0);
    expect(workspace.timelineSeqAt(id, 500)).toBe(500);
    expect(workspace.timelineSeqAt(id, timeline.length)).toBeNull();
  });

  it('counts and maps positions of a filtered list by index seeks', () => {
    const filters = [
      { kinds: ['comment' as const] },
      { kinds: ['warning' as const, 'comment' as const] },
      { kinds: ['event' as const], eventTypes: ['ping'] },
      { kinds: ['event' as const, 'warning' as const], eventTypes: ['delta', 'ping'] },
    ];
    for (const filter of filters) {
      const matching = timeline
        .map((record, seq) => ({ record, seq }))
        .filter(({ record }) => {
          if (!(filter.kinds as string[]).includes(record.kind)) return false;
          return (
            record.kind !== 'event' || !filter.eventTypes || filter.eventTypes.includes(record.type)
          );
        });
      expect(workspace.countTimeline(id, filter)).toBe(matching.length);
      for (const position of [0, 1, 7, matching.length - 1]) {
        const seq = matching[position]!.seq;
        expect(workspace.timelineSeqAt(id, position, filter)).toBe(seq);
        expect(workspace.timelinePositionOf(id, seq, filter)).toBe(position);
      }
      expect(workspace.timelineSeqAt(id, matching.length, filter)).toBeNull();
    }
  });

  it('finds an event by its index', () => {
    const entry = workspace.getEvent(id, 123);
    expect(entry?.record).toEqual(timeline.find((r) => r.kind === 'event' && r.index === 123));
    expect(workspace.getEvent(id, 1000)).toBeNull();
  });
});

describe('raw chunks', () => {
  it('reads the chunks overlapping a byte range', () => {
    const all = workspace.readChunkPage(id, { limit: 1000 });
    expect(all).toHaveLength(200);
    const third = all[2]!;
    const range = workspace.readChunks(id, {
      attempt: 1,
      fromOffset: third.offset + 3,
      toOffset: all[4]!.offset + 1,
    });
    expect(range.map((c) => c.seq)).toEqual([2, 3, 4]);
    const page = workspace.readChunkPage(id, { afterSeq: 197, limit: 10 });
    expect(page.map((c) => c.seq)).toEqual([198, 199]);
  });

  it('finds the event that holds a selected byte', () => {
    for (const index of [0, 4, 5, 537, 999]) {
      const sent = timeline.find((r) => r.kind === 'event' && r.index === index)!;
      if (sent.kind !== 'event') throw new Error('unreachable');
      for (const offset of [sent.start, sent.end - 1]) {
        expect(workspace.findEventAtOffset(id, 1, offset)?.record).toEqual(sent);
      }
    }
    expect(workspace.findEventAtOffset(id, 1, 10_000_000)).toBeNull();
    expect(workspace.findEventAtOffset(id, 2, 0)).toBeNull();
  });
});
