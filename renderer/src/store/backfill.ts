import type { FrameBatch, TimelineEntry } from '../../../shared/capture/live-frames.ts';
import { columnsOf } from '../../../shared/capture/timeline-columns.ts';
import type { InspectorApi } from '../../../shared/ipc/api.ts';
import { appendToLogs, timelineLog } from './timeline-log.ts';

/**
 * Rows a page: ~450 KB of JSON, tens of milliseconds to parse and append on a busy machine (a
 * 10,000-row page held the main thread for a quarter of a second). Each page is its own task:
 * frames are drawn between them.
 */
const pageSize = 2000;

/**
 * Reads what main captured for a connection after the rows and chunks its log already has, one
 * page at a time, handing each page to `add` as a batch (which must add it to the log: the next
 * page is asked for after the log's new end). A page, never the whole session, is in memory.
 */
export async function readCaptured(
  api: InspectorApi,
  connectionId: number,
  add: (batch: FrameBatch) => void,
): Promise<void> {
  const log = timelineLog(connectionId);
  for (;;) {
    const after = log.nextSeq - 1;
    const page: TimelineEntry[] = await api.readTimeline(
      connectionId,
      after < 0 ? null : after,
      pageSize,
    );
    const first = page[0];
    if (first) {
      const records = page.map((entry) => entry.record);
      add({ statuses: [], rows: [columnsOf(connectionId, first.seq, records)], chunks: [] });
    }
    if (page.length < pageSize || log.nextSeq - 1 === after) break;
  }
  for (;;) {
    const after = log.nextChunkSeq - 1;
    const chunks = await api.readChunkList(connectionId, after < 0 ? null : after, pageSize);
    if (chunks.length > 0) add({ statuses: [], rows: [], chunks });
    if (chunks.length < pageSize || log.nextChunkSeq - 1 === after) break;
  }
}

/** Fills the timeline of a recorded session (opened from history) from the workspace. */
export async function backfillConnection(api: InspectorApi, connectionId: number): Promise<void> {
  await readCaptured(api, connectionId, appendToLogs);
}
