import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import type { InspectorApi } from '../../../shared/ipc/api.ts';
import { appendToLogs, dropTimelineLog, timelineLog } from '../store/timeline-log.ts';
import { batchOf, chunkMeta, eventEntry, logSeqs } from '../store/timeline-test-kit.ts';
import { createResyncHandlers } from './resync.ts';

const id = 41;

const entry = (seq: number) => eventEntry(seq, { connectionId: id });
const chunk = (seq: number) => chunkMeta(seq, id);

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Main's side: everything captured so far, read back the way the API pages it. */
class Workspace {
  captured = 0;
  /** Timeline reads that fail before the next one succeeds. */
  failures = 0;
  reads = 0;
  /** While set, the next readTimeline waits until the test lets it go. */
  #held: ((release: () => void) => void) | null = null;

  /** Resolves when the tab starts its next timeline read, with what lets that read finish. */
  nextRead(): Promise<() => void> {
    return new Promise((resolve) => (this.#held = resolve));
  }

  api(): InspectorApi {
    const partial: Pick<InspectorApi, 'listConnections' | 'readTimeline' | 'readChunkList'> = {
      listConnections: async () => [{ id, events: this.captured } as ConnectionStatus],
      readTimeline: async (_id, after, limit) => {
        this.reads++;
        if (this.failures > 0) {
          this.failures--;
          throw new Error('the web host went away');
        }
        const held = this.#held;
        this.#held = null;
        if (held) await new Promise<void>((go) => held(go));
        return range((after ?? -1) + 1, this.captured - 1)
          .slice(0, limit)
          .map(entry);
      },
      readChunkList: async (_id, after, limit) =>
        range((after ?? -1) + 1, this.captured - 1)
          .slice(0, limit)
          .map(chunk),
    };
    return partial as InspectorApi;
  }
}

/** The part of the real ingestor that matters here: rows go into the connection's log. */
function ingestInto(statuses: ConnectionStatus[][]) {
  return (batch: FrameBatch) => {
    statuses.push(batch.statuses);
    return appendToLogs(batch);
  };
}

const seqs = () => logSeqs(timelineLog(id));
const live = (from: number, to: number): FrameBatch =>
  batchOf(range(from, to).map(entry), range(from, to).map(chunk));

afterEach(() => dropTimelineLog(id));

describe('resync after the web host left frames out', () => {
  it('reads what was missed, holding live batches until then, so no row lands after a gap', async () => {
    const workspace = new Workspace();
    const statuses: ConnectionStatus[][] = [];
    const errors: unknown[] = [];
    const handlers = createResyncHandlers(workspace.api(), ingestInto(statuses), {
      missedNotices: () => {},
      onError: (error) => errors.push(error),
    });
    workspace.captured = 3;
    handlers.frames(live(0, 2));
    // Rows 3..9 are captured but their frames were left out; then the resync comes.
    workspace.captured = 10;
    const read = workspace.nextRead();
    handlers.resync({ missedNotices: 0 });
    const finishRead = await read;
    // Live frames go on while the tab reads what it missed: they wait.
    workspace.captured = 12;
    handlers.frames(live(10, 11));
    expect(seqs()).toEqual([0, 1, 2]);
    finishRead();
    await handlers.idle();
    expect(seqs()).toEqual(range(0, 11));
    expect(timelineLog(id).chunks.map((c) => c.seq)).toEqual(range(0, 11));
    expect(statuses.some((list) => list.some((status) => status.id === id))).toBe(true);
    // Back to live: the next batch goes straight in.
    handlers.frames(live(12, 12));
    expect(seqs().at(-1)).toBe(12);
    expect(errors).toEqual([]);
  });

  it('runs one more round for a resync that arrives during a catch-up', async () => {
    const workspace = new Workspace();
    const handlers = createResyncHandlers(workspace.api(), ingestInto([]), {
      missedNotices: () => {},
      onError: () => {},
    });
    workspace.captured = 5;
    const read = workspace.nextRead();
    handlers.resync({ missedNotices: 0 });
    const finishRead = await read;
    // Frames were left out again meanwhile: rows up to 8 exist only in the workspace.
    workspace.captured = 9;
    handlers.resync({ missedNotices: 0 });
    finishRead();
    await handlers.idle();
    expect(seqs()).toEqual(range(0, 8));
  });

  it('tells the user how many notices could not be delivered', () => {
    const missed: number[] = [];
    const handlers = createResyncHandlers(new Workspace().api(), ingestInto([]), {
      missedNotices: (count) => missed.push(count),
      onError: () => {},
    });
    handlers.resync({ missedNotices: 0 });
    handlers.resync({ missedNotices: 3 });
    expect(missed).toEqual([3]);
  });

  it('catches up hundreds of thousands of missed rows page by page, all of them', async () => {
    // A 50,000 events/s stream a tab fell 10 s behind: far more rows than one call can spread.
    const workspace = new Workspace();
    const handlers = createResyncHandlers(workspace.api(), ingestInto([]), {
      missedNotices: () => {},
      onError: (error) => {
        throw error;
      },
    });
    handlers.frames(live(0, 99));
    workspace.captured = 300_000;
    handlers.resync({ missedNotices: 0 });
    handlers.frames(live(299_990, 299_999));
    await handlers.idle();
    const log = timelineLog(id);
    expect(log.length).toBe(300_000);
    expect(log.seqAt(299_999)).toBe(299_999);
    expect(log.entryAt(150_000).record).toEqual(entry(150_000).record);
    expect(log.chunks.length).toBe(300_000);
  });
});

describe('rows after a gap', () => {
  it('are never added: the gap is read from main first, then they go in', async () => {
    const workspace = new Workspace();
    const handlers = createResyncHandlers(workspace.api(), ingestInto([]), {
      missedNotices: () => {},
      onError: () => {},
    });
    workspace.captured = 3;
    handlers.frames(live(0, 2));
    // A batch starting at 7: rows 3..6 never came (and no resync says so).
    workspace.captured = 9;
    handlers.frames(live(7, 8));
    expect(seqs()).toEqual([0, 1, 2]);
    await handlers.idle();
    expect(seqs()).toEqual(range(0, 8));
    expect(timelineLog(id).chunks.map((c) => c.seq)).toEqual(range(0, 8));
  });

  it('stay out while a catch-up fails; it is tried again later', async () => {
    vi.useFakeTimers();
    try {
      const workspace = new Workspace();
      const errors: unknown[] = [];
      const handlers = createResyncHandlers(workspace.api(), ingestInto([]), {
        missedNotices: () => {},
        onError: (error) => errors.push(error),
        retryDelayMs: 1000,
      });
      handlers.frames(live(0, 2));
      workspace.captured = 20;
      workspace.failures = 1;
      handlers.resync({ missedNotices: 0 });
      // Live frames held during the failed catch-up come after the missing rows: left out.
      handlers.frames(live(10, 11));
      await handlers.idle();
      expect(errors).toHaveLength(1);
      expect(seqs()).toEqual([0, 1, 2]);
      // More rows after the gap wait for the retry rather than starting a catch-up each.
      handlers.frames(live(12, 12));
      expect(workspace.reads).toBe(1);
      await vi.advanceTimersByTimeAsync(1000);
      await handlers.idle();
      expect(seqs()).toEqual(range(0, 19));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('start-up', () => {
  it('reads what was captured before the window subscribed, then follows live frames', async () => {
    const workspace = new Workspace();
    const statuses: ConnectionStatus[][] = [];
    const handlers = createResyncHandlers(workspace.api(), ingestInto(statuses), {
      missedNotices: () => {},
      onError: () => {},
    });
    workspace.captured = 25_000;
    const read = workspace.nextRead();
    handlers.catchUp();
    const finishRead = await read;
    workspace.captured = 25_002;
    handlers.frames(live(25_000, 25_001));
    finishRead();
    await handlers.idle();
    expect(timelineLog(id).length).toBe(25_002);
    expect(seqs().slice(-3)).toEqual([24_999, 25_000, 25_001]);
    // The connections are listed before their rows are read.
    expect(statuses[0]?.map((status) => status.id)).toEqual([id]);
  });
});
