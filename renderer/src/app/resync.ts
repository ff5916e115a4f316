import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import type { InspectorApi, ResyncNotice } from '../../../shared/ipc/api.ts';
import { timelineLog } from '../store/timeline-log.ts';
import { readCapturedAfter } from '../store/backfill.ts';

export interface ResyncHandlers {
  /** Use instead of the ingestor for `onFrames`. */
  frames(batch: FrameBatch): void;
  /** For `onResync`. */
  resync(notice: ResyncNotice): void;
  /** Resolves once no catch-up is running. */
  idle(): Promise<void>;
}

export interface ResyncOptions {
  /** Called with the number of notices the web host could not deliver (when there were any). */
  missedNotices(count: number): void;
  onError(error: unknown): void;
}

/**
 * Catches a tab up after the web host left live frames out (the tab had stopped reading):
 * reads every connection's rows after the last one the tab has, feeds them through the normal
 * ingestor, then the live batches that arrived meanwhile (held until then, so no row lands
 * after a gap). A resync during a catch-up runs one more round before the held batches go in.
 */
export function createResyncHandlers(
  api: InspectorApi,
  ingest: (batch: FrameBatch) => void,
  options: ResyncOptions,
): ResyncHandlers {
  let held: FrameBatch[] | null = null;
  let again = false;
  let running: Promise<void> | null = null;

  const catchUp = async (): Promise<void> => {
    held = [];
    try {
      do {
        again = false;
        const statuses = await api.listConnections();
        const batch: FrameBatch = { statuses, entries: [], chunks: [] };
        for (const status of statuses) {
          const log = timelineLog(status.id);
          const lastEntry = log.length === 0 ? null : log.seqAt(log.length - 1);
          const lastChunk = log.chunks.at(-1)?.seq ?? null;
          const missed = await readCapturedAfter(api, status.id, lastEntry, lastChunk);
          batch.entries.push(...missed.entries);
          batch.chunks.push(...missed.chunks);
        }
        ingest(batch);
      } while (again);
    } finally {
      const arrived = held;
      held = null;
      for (const batch of arrived) ingest(batch);
    }
  };

  return {
    frames: (batch) => {
      if (held) held.push(batch);
      else ingest(batch);
    },
    resync: (notice) => {
      if (notice.missedNotices > 0) options.missedNotices(notice.missedNotices);
      if (held) {
        again = true;
        return;
      }
      running = catchUp()
        .catch(options.onError)
        .finally(() => (running = null));
    },
    idle: () => running ?? Promise.resolve(),
  };
}
