import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/capture/live-frames.ts';
import { TimelineLog } from './timeline-log.ts';
import {
  appendEntries,
  chunkMeta as chunk,
  commentEntry,
  eventEntry,
  logSeqs as seqs,
} from './timeline-test-kit.ts';

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
    const entry = eventEntry(1, { attempt: 2, type: 'tick', lastEventId: '7', index: 5 });
    appendEntries(log, [event(0), entry], []);
    expect(log.entryAt(1)).toEqual(entry);
    expect(log.typeAt(1)).toBe('tick');
    expect(log.kindAt(1)).toBe('event');
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
    appendEntries(log, [comment], []);
    expect(log.entryAt(0)).toEqual(comment);
    expect(log.kindAt(0)).toBe('comment');
  });

  it('grows past its initial capacity', () => {
    const log = new TimelineLog(1);
    appendEntries(
      log,
      Array.from({ length: 5000 }, (_, i) => event(i)),
      [],
    );
    expect(log.length).toBe(5000);
    expect(log.entryBySeq(4999)?.record.t).toBe(4999);
  });

  it('indexes event types in first-seen order and collects warnings', () => {
    const log = new TimelineLog(1);
    appendEntries(log, [event(0, 1, 'b'), warning(1), event(2, 1, 'a'), event(3, 1, 'b')], []);
    expect(log.eventTypes).toEqual(['b', 'a']);
    expect(log.warningRows.map((row) => log.seqAt(row))).toEqual([1]);
    expect(log.entryAt(1).record.kind).toBe('warning');
  });

  it('skips rows it already has when a live batch repeats rows a catch-up read', () => {
    const log = new TimelineLog(1);
    expect(appendEntries(log, [event(0), event(1)], [chunk(0)])).toBe(true);
    expect(appendEntries(log, [event(1), event(2)], [chunk(0), chunk(1)])).toBe(true);
    expect(seqs(log)).toEqual([0, 1, 2]);
    expect(log.chunks.map((c) => c.seq)).toEqual([0, 1]);
  });

  it('never adds rows after a gap: it says rows are missing instead', () => {
    const log = new TimelineLog(1);
    appendEntries(log, [event(0), event(1)], [chunk(0)]);
    expect(appendEntries(log, [event(5), event(6)])).toBe(false);
    expect(appendEntries(log, [], [chunk(3)])).toBe(false);
    expect(seqs(log)).toEqual([0, 1]);
    expect(log.chunks.map((c) => c.seq)).toEqual([0]);
    expect(log.nextSeq).toBe(2);
    expect(log.nextChunkSeq).toBe(1);
    // Once the missing rows are in, the same batch goes in whole.
    appendEntries(log, [event(2), event(3), event(4)]);
    expect(appendEntries(log, [event(5), event(6)])).toBe(true);
    expect(seqs(log)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('takes the part of a block it lacks, lifecycle rows and comments included', () => {
    const log = new TimelineLog(1);
    appendEntries(log, [event(0), warning(1)]);
    const block = [event(0), warning(1), event(2, 1, 'tick'), warning(3), event(4)];
    expect(appendEntries(log, block)).toBe(true);
    expect(seqs(log)).toEqual([0, 1, 2, 3, 4]);
    expect(log.entryAt(2)).toEqual(block[2]);
    expect(log.entryAt(3)).toEqual(block[3]);
    expect(log.warningRows.map((row) => log.seqAt(row))).toEqual([1, 3]);
  });

  it('gives back every row of a block mixing events, comments and lifecycle rows, from any row on', () => {
    const comment = (seq: number) => commentEntry(seq);
    const id = (seq: number, lastEventId: string) => eventEntry(seq, { lastEventId, type: 'b' });
    const rows = [
      id(0, '1'),
      id(1, '1'),
      comment(2),
      warning(3),
      id(4, '2'),
      id(5, '2'),
      event(6, 2),
      comment(7),
      id(8, '3'),
    ];
    for (let start = 0; start < rows.length; start++) {
      const log = new TimelineLog(1);
      appendEntries(log, rows.slice(0, start));
      // The whole block again: the rows the log has are skipped, wherever the block is cut.
      expect(appendEntries(log, rows)).toBe(true);
      expect(Array.from({ length: log.length }, (_, row) => log.entryAt(row))).toEqual(rows);
      expect(log.eventAtOffset(1, 45)?.seq).toBe(4);
      expect(log.eventAtOffset(2, 65)?.seq).toBe(6);
    }
  });

  it('finds the event whose bytes contain an offset, per attempt', () => {
    const log = new TimelineLog(1);
    appendEntries(log, [event(0, 1), event(1, 1), event(2, 2)], []);
    expect(log.eventAtOffset(1, 15)?.seq).toBe(1);
    expect(log.eventAtOffset(2, 25)?.seq).toBe(2);
    expect(log.eventAtOffset(2, 5)).toBeUndefined();
    expect(log.eventAtOffset(3, 0)).toBeUndefined();
  });
});
