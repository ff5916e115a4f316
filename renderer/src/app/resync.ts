import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import type { InspectorApi, ResyncNotice } from '../../../shared/ipc/api.ts';
import { readCaptured } from '../store/backfill.ts';
import { timelineLog } from '../store/timeline-log.ts';

export interface ResyncHandlers {
  /** Use instead of the ingestor for `onFrames`. */
  frames(batch: FrameBatch): void;
  /** For `onResync`. */
  resync(notice: ResyncNotice): void;
  /** Reads what main captured that this window does not have yet (at start-up, after a reload). */
  catchUp(): void;
  /** Resolves once no catch-up is running. */
  idle(): Promise<void>;
  /** No more retries (the window is going away). */
  stop(): void;
}

export interface ResyncOptions {
  /** Called with the number of notices the web host could not deliver (when there were any). */
  missedNotices(count: number): void;
  onError(error: unknown): void;
  /** After a failed catch-up, the first wait before the next try (doubling up to 30 s). */
  retryDelayMs?: number;
}

const maxRetryDelayMs = 30_000;

/**
 * Keeps a window's timelines whole. A catch-up reads every connection's rows after the last one
 * the window has, page by page through the normal ingestor, holding the live batches that arrive
 * meanwhile and feeding them after. It runs at start-up, when the web host left live frames out
 * (a `resync`: the tab had stopped reading), and whenever a batch's rows start after a gap (the
 * logs never add rows past missing ones, so a gap is noticed instead of shown). A resync during a
 * catch-up runs one more round; a failed catch-up is tried again later.
 */
export function createResyncHandlers(
  api: InspectorApi,
  ingest: (batch: FrameBatch) => boolean,
  options: ResyncOptions,
): ResyncHandlers {
  const firstRetryDelayMs = options.retryDelayMs ?? 1000;
  let held: FrameBatch[] | null = null;
  let again = false;
  let running: Promise<void> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelayMs = firstRetryDelayMs;
  let stopped = false;

  const rounds = async (): Promise<void> => {
    do {
      again = false;
      const statuses = await api.listConnections();
      // Connections new to this window are listed at once; the others' statuses go in after
      // their rows, so a status never counts more events than the timeline shows.
      const unknown = statuses.filter((status) => timelineLog(status.id).length === 0);
      ingest({ statuses: unknown, rows: [], chunks: [] });
      for (const status of statuses) {
        await readCaptured(api, status.id, (batch) => ingest(batch));
      }
      ingest({ statuses, rows: [], chunks: [] });
    } while (again);
  };

  const retryLater = (): void => {
    retryTimer = setTimeout(() => {
      retryTimer = null;
      start();
    }, retryDelayMs);
    retryDelayMs = Math.min(maxRetryDelayMs, retryDelayMs * 2);
  };

  const catchUp = async (): Promise<void> => {
    held = [];
    let failed = false;
    try {
      await rounds();
      retryDelayMs = firstRetryDelayMs;
    } catch (error) {
      failed = true;
      options.onError(error);
    }
    const arrived = held;
    held = null;
    let complete = true;
    for (const batch of arrived) complete = ingest(batch) && complete;
    if (stopped) return;
    if (failed) retryLater();
    else if (!complete) start();
  };

  function start(): void {
    if (held) {
      again = true;
      return;
    }
    // A retry is due: the gap waits for it.
    if (retryTimer !== null) return;
    const run: Promise<void> = catchUp().finally(() => {
      if (running === run) running = null;
    });
    running = run;
  }

  return {
    frames: (batch) => {
      if (held) held.push(batch);
      else if (!ingest(batch)) start();
    },
    resync: (notice) => {
      if (notice.missedNotices > 0) options.missedNotices(notice.missedNotices);
      start();
    },
    catchUp: start,
    idle: async () => {
      while (running) await running;
    },
    stop: () => {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      stopped = true;
    },
  };
}
