import type { InspectorApi } from '../../../../shared/ipc/api.ts';
import { backfillConnection } from '../../store/backfill.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';

/** Opens a recorded session in the views (read-only) and, optionally, selects one of its rows. */
export async function openRecordedSession(
  api: InspectorApi,
  sessionId: number,
  selectSeq?: number,
): Promise<void> {
  const status = await api.openSession(sessionId);
  const store = useInspectorStore.getState();
  store.upsertStatuses([status]);
  store.selectConnection(sessionId);
  await backfillConnection(api, sessionId);
  if (selectSeq !== undefined) store.selectSeq(sessionId, selectSeq);
  store.bumpRevision();
}
