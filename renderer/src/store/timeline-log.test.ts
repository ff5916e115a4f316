import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/capture/live-frames.ts';
import { TimelineLog } from './timeline-log.ts';
import { chunkMeta as chunk, eventEntry, logSeqs as seqs } from './timeline-test-kit.ts';

const event = (seq: number, attempt = 1, type = 'message') => eventEntry(seq, { attempt, type });

function warning(seq: number): TimelineEntry {
  return {
    connectionId: 1,
    seq,
    record: {
      kind: 'warning',
      attempt: 1,
      t: seq,
      source: 'parser',
      code: 'unknown-field',
      message: 'm',
      offset: 0,
    },
  };
}

describe('TimelineLog', () => {
  it('gives back every event field exactly as appended', () => {
    const log = new TimelineLog(1);
    const entry = event(5, 2, 'tick');
    log.append([entry], []);
    expect(log.entryAt(0)).toEqual(entry);
    expect(log.typeAt(0)).toBe('tick');
    expect(log.kindAt(0)).toBe('event');
  });

  it('gives back comments stored by column', () => {
    const log = new TimelineLog(1);
    const comment: TimelineEntry = {
      connectionId: 1,
      seq: 0,
      record: {
        kind: 'comment',
        attempt: 2,
        t: 1.5,
        text: 'keep-alive',
        offset: 42,
        textLength: 10,
        truncated: false,
      },
    };
    log.append([comment], []);
    expect(log.entryAt(0)).toEqual(comment);
    expect(log.kindAt(0)).toBe('comment');
  });

  it('grows past its initial capacity', () => {
    const log = new TimelineLog(1);
    log.append(
      Array.from({ length: 5000 }, (_, i) => event(i)),
      [],
    );
    expect(log.length).toBe(5000);
    expect(log.entryBySeq(4999)?.record.t).toBe(4999);
  });

  it('indexes event types in first-seen order and collects warnings', () => {
    const log = new TimelineLog(1);
    log.append([event(0, 1, 'b'), warning(1), event(2, 1, 'a'), event(3, 1, 'b')], []);
    expect(log.eventTypes).toEqual(['b', 'a']);
    expect(log.warningRows.map((row) => log.seqAt(row))).toEqual([1]);
    expect(log.entryAt(1).record.kind).toBe('warning');
  });

  it('ignores rows it already has when a live batch repeats a backfilled one', () => {
    const log = new TimelineLog(1);
    log.append([event(0), event(1)], [chunk(0)]);
    log.append([event(1), event(2)], [chunk(0), chunk(1)]);
    expect(seqs(log)).toEqual([0, 1, 2]);
    expect(log.chunks.map((c) => c.seq)).toEqual([0, 1]);
  });

  it('puts backfilled older rows in front and starts a new generation', () => {
    const log = new TimelineLog(1);
    log.append([event(3), event(4)], [chunk(2)]);
    log.backfill([event(0), event(1), event(2), event(3)], [chunk(0), chunk(1), chunk(2)]);
    expect(seqs(log)).toEqual([0, 1, 2, 3, 4]);
    expect(log.chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(log.generation).toBe(1);
    expect(log.entryBySeq(2)?.seq).toBe(2);
  });

  it('finds the event whose bytes contain an offset, per attempt', () => {
    const log = new TimelineLog(1);
    log.append([event(0, 1), event(1, 1), event(2, 2)], []);
    expect(log.eventAtOffset(1, 15)?.seq).toBe(1);
    expect(log.eventAtOffset(2, 25)?.seq).toBe(2);
    expect(log.eventAtOffset(2, 5)).toBeUndefined();
    expect(log.eventAtOffset(3, 0)).toBeUndefined();
  });
});
