import { useEffect } from 'react';
import { useInspectorApi } from '../api/api-context.ts';
import { backfillConnection } from './backfill.ts';
import { createFrameIngestor } from '../store/connections-slice.ts';
import { useInspectorStore } from '../store/inspector-store.ts';

/** Subscribes to main's pushes, then performs the ready handshake and loads the app state. */
export function useBackend(): void {
  const api = useInspectorApi();
  useEffect(() => {
    const { setAppInfo, setBackendError, addNotice } = useInspectorStore.getState();
    const ingest = createFrameIngestor(useInspectorStore.getState, (callback) =>
      requestAnimationFrame(callback),
    );
    const unsubscribeNotice = api.onNotice(addNotice);
    const unsubscribeFrames = api.onFrames(ingest);
    let cancelled = false;
    const fail = (error: unknown) => {
      if (!cancelled) setBackendError(error instanceof Error ? error.message : String(error));
    };
    api
      .rendererReady()
      .then(() => Promise.all([api.getAppInfo(), api.listConnections()]))
      .then(async ([info, connections]) => {
        if (cancelled) return;
        setAppInfo(info);
        useInspectorStore.getState().upsertStatuses(connections);
        await Promise.all(connections.map((status) => backfillConnection(api, status.id)));
        if (!cancelled) useInspectorStore.getState().bumpRevision();
      })
      .catch(fail);
    return () => {
      cancelled = true;
      unsubscribeNotice();
      unsubscribeFrames();
    };
  }, [api]);
}
