import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import type { InspectorApi } from '../../../shared/ipc/api.ts';
import { dropTimelineLog, timelineLog } from '../store/timeline-log.ts';
import { chunkMeta, eventEntry, logSeqs } from '../store/timeline-test-kit.ts';
import { createResyncHandlers } from './resync.ts';

const id = 41;

const entry = (seq: number) => eventEntry(seq, { connectionId: id });
const chunk = (seq: number) => chunkMeta(seq, id);

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Main's side: everything captured so far, read back the way the API pages it. */
class Workspace {
  captured = 0;
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
    timelineLog(id).append(batch.entries, batch.chunks);
  };
}

const seqs = () => logSeqs(timelineLog(id));
const live = (from: number, to: number): FrameBatch => ({
  statuses: [],
  entries: range(from, to).map(entry),
  chunks: range(from, to).map(chunk),
});

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
});
