import { useEffect } from 'react';
import { useInspectorApi } from '../api/api-context.ts';
import { backfillConnection } from '../store/backfill.ts';
import { createResyncHandlers } from './resync.ts';
import { createFrameIngestor } from '../store/connections-slice.ts';
import { useInspectorStore } from '../store/inspector-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

/** Subscribes to main's pushes, then performs the ready handshake and loads the app state. */
export function useBackend(): void {
  const api = useInspectorApi();
  useEffect(() => {
    const { setAppInfo, setBackendError, addNotice } = useInspectorStore.getState();
    const ingest = createFrameIngestor(useInspectorStore.getState, (callback) =>
      requestAnimationFrame(callback),
    );
    let cancelled = false;
    const fail = (error: unknown) => {
      if (!cancelled) setBackendError(errorMessage(error));
    };
    const resync = createResyncHandlers(api, ingest, {
      missedNotices: (count) =>
        addNotice({
          level: 'warning',
          message: `${count} notices from the inspector were dropped while this tab was not reading.`,
        }),
      onError: fail,
    });
    const unsubscribeNotice = api.onNotice(addNotice);
    const unsubscribeFrames = api.onFrames(resync.frames);
    const unsubscribeResync = api.onResync(resync.resync);
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
      unsubscribeResync();
    };
  }, [api]);
}
