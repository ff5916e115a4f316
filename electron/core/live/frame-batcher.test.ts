import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { entriesOfColumns } from '../../../shared/capture/timeline-columns.ts';
import { event } from '../workspace/test-fixtures.ts';
import { FrameBatcher } from './frame-batcher.ts';

const firstChunk: CaptureRecord = {
  kind: 'chunk',
  attempt: 1,
  seq: 0,
  t: 1,
  wall: 1000,
  offset: 0,
  bytes: new Uint8Array(5),
};

const entriesOf = (batch: FrameBatch | undefined) => (batch?.rows ?? []).flatMap(entriesOfColumns);

describe('FrameBatcher', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('coalesces many records into at most one push per interval', () => {
    const batches: FrameBatch[] = [];
    const batcher = new FrameBatcher({ send: (b) => batches.push(b), now: () => now });
    for (let i = 0; i < 10_000; i++) batcher.addRecord(1, event(i, 'x'));
    vi.advanceTimersByTime(0);
    expect(batches).toHaveLength(1);
    for (let i = 10_000; i < 10_010; i++) batcher.addRecord(1, event(i, 'x'));
    now = 10;
    vi.advanceTimersByTime(10);
    expect(batches).toHaveLength(1);
    now = 33;
    vi.advanceTimersByTime(23);
    expect(batches).toHaveLength(2);
    expect(batches.flatMap(entriesOf).map((e) => e.seq)).toEqual(
      Array.from({ length: 10_010 }, (_, i) => i),
    );
  });

  it('sends a batch at once when it reaches maxRows, however soon after the last one', () => {
    const batches: FrameBatch[] = [];
    const batcher = new FrameBatcher({
      send: (b) => batches.push(b),
      now: () => now,
      maxRows: 100,
    });
    for (let i = 0; i < 250; i++) batcher.addRecord(1, event(i, 'x'));
    expect(batches.map((b) => entriesOf(b).length)).toEqual([100, 100]);
    now = 33;
    vi.advanceTimersByTime(33);
    expect(batches.map((b) => entriesOf(b).length)).toEqual([100, 100, 50]);
    expect(batches.flatMap(entriesOf).map((e) => e.seq)).toEqual(
      Array.from({ length: 250 }, (_, i) => i),
    );
  });

  it('counts chunks towards maxRows, and forgets the rows of a connection it drops', () => {
    const batches: FrameBatch[] = [];
    const batcher = new FrameBatcher({ send: (b) => batches.push(b), now: () => now, maxRows: 4 });
    batcher.addRecord(2, event(0, 'x'));
    batcher.addRecord(2, event(1, 'x'));
    batcher.forget(2);
    batcher.addRecord(1, event(0, 'x'));
    batcher.addRecord(1, firstChunk);
    batcher.addRecord(1, event(1, 'x'));
    expect(batches).toHaveLength(0);
    batcher.addRecord(1, event(2, 'x'));
    expect(batches).toHaveLength(1);
    expect(entriesOf(batches[0]).map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(batches[0]?.chunks).toHaveLength(1);
  });

  it('numbers the next batch on from the last one', () => {
    const batches: FrameBatch[] = [];
    const batcher = new FrameBatcher({ send: (b) => batches.push(b), now: () => now });
    batcher.addRecord(1, event(0, 'x'));
    batcher.addRecord(1, event(1, 'x'));
    batcher.flush();
    batcher.addRecord(1, event(2, 'x'));
    batcher.flush();
    expect(batches.map((b) => b.rows[0]?.firstSeq)).toEqual([0, 2]);
  });

  it('numbers timeline rows per connection and keeps chunks out of the timeline', () => {
    const batches: FrameBatch[] = [];
    const batcher = new FrameBatcher({ send: (b) => batches.push(b), now: () => now });
    batcher.addRecord(1, event(0, 'x'));
    batcher.addRecord(2, event(0, 'x'));
    batcher.addRecord(1, firstChunk);
    batcher.addRecord(1, event(1, 'x'));
    batcher.flush();
    const [batch] = batches;
    // One block of consecutive rows per connection.
    expect(
      batch?.rows.map((block) => [block.connectionId, block.firstSeq, block.t.length]),
    ).toEqual([
      [1, 0, 2],
      [2, 0, 1],
    ]);
    expect(entriesOf(batch).map((e) => [e.connectionId, e.seq])).toEqual([
      [1, 0],
      [1, 1],
      [2, 0],
    ]);
    expect(batch?.chunks).toEqual([
      { connectionId: 1, seq: 0, attempt: 1, t: 1, wall: 1000, offset: 0, size: 5 },
    ]);
  });

  it('sends a preview of long event data with its full length', () => {
    const batches: FrameBatch[] = [];
    const batcher = new FrameBatcher({ send: (b) => batches.push(b), now: () => now });
    batcher.addRecord(1, event(0, 'y'.repeat(100_000)));
    batcher.flush();
    const record = entriesOf(batches[0])[0]?.record;
    expect(record?.kind === 'event' && record.data.length).toBe(2048);
    expect(record?.kind === 'event' && record.dataLength).toBe(100_000);
    expect(record?.kind === 'event' && record.truncated).toBe(true);
  });

  it('cuts long comments like event data; short ones go whole', () => {
    const batches: FrameBatch[] = [];
    const batcher = new FrameBatcher({ send: (b) => batches.push(b), now: () => now });
    const comment = (text: string): CaptureRecord => ({
      kind: 'comment',
      attempt: 1,
      t: 0,
      text,
      offset: 0,
    });
    batcher.addRecord(1, comment('z'.repeat(16 * 1024 * 1024)));
    batcher.addRecord(1, comment('keep-alive'));
    batcher.flush();
    const [long, short] = entriesOf(batches[0]).map((entry) => entry.record);
    expect(long).toMatchObject({ kind: 'comment', textLength: 16 * 1024 * 1024, truncated: true });
    expect(long?.kind === 'comment' && long.text).toBe('z'.repeat(2048));
    expect(short).toEqual({
      kind: 'comment',
      attempt: 1,
      t: 0,
      text: 'keep-alive',
      offset: 0,
      textLength: 10,
      truncated: false,
    });
  });
});
