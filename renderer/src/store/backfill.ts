import type { ChunkMeta, TimelineEntry } from '../../../shared/capture/live-frames.ts';
import type { InspectorApi } from '../../../shared/ipc/api.ts';
import { timelineLog } from './timeline-log.ts';

const pageSize = 10_000;

/** Timeline rows and chunks main captured after the given seqs (null: from the start). */
export async function readCapturedAfter(
  api: InspectorApi,
  connectionId: number,
  afterEntry: number | null,
  afterChunk: number | null,
): Promise<{ entries: TimelineEntry[]; chunks: ChunkMeta[] }> {
  const entries: TimelineEntry[] = [];
  for (let after = afterEntry; ;) {
    const page = await api.readTimeline(connectionId, after, pageSize);
    entries.push(...page);
    if (page.length < pageSize) break;
    after = (page.at(-1) as TimelineEntry).seq;
  }
  const chunks: ChunkMeta[] = [];
  for (let after = afterChunk; ;) {
    const page = await api.readChunkList(connectionId, after, pageSize);
    chunks.push(...page);
    if (page.length < pageSize) break;
    after = (page.at(-1) as ChunkMeta).seq;
  }
  return { entries, chunks };
}

/**
 * Fills a connection's timeline with what main captured before this window subscribed (after a
 * reload or in a second browser tab); live batches keep arriving meanwhile and stay in order.
 */
export async function backfillConnection(api: InspectorApi, connectionId: number): Promise<void> {
  const { entries, chunks } = await readCapturedAfter(api, connectionId, null, null);
  timelineLog(connectionId).backfill(entries, chunks);
}
