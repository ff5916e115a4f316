import { useEffect } from 'react';
import { useInspectorApi } from '../api/api-context.ts';
import { createResyncHandlers } from './resync.ts';
import { createFrameIngestor } from '../store/connections-slice.ts';
import { useInspectorStore } from '../store/inspector-store.ts';
import { errorMessage } from '../../../shared/errors.ts';

/** Subscribes to main's pushes, then performs the ready handshake and loads the app state. */
export function useBackend(): void {
  const api = useInspectorApi();
  useEffect(() => {
    const { setAppInfo, setBackendError, addNotice } = useInspectorStore.getState();
    const ingest = createFrameIngestor(useInspectorStore.getState, {
      requestFrame: (callback) => requestAnimationFrame(callback),
      now: () => performance.now(),
      delay: (callback, ms) => setTimeout(callback, ms),
    });
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
      .then(() => api.getAppInfo())
      .then((info) => {
        if (cancelled) return;
        setAppInfo(info);
        // What was captured before this window subscribed (a reload, a second tab).
        resync.catchUp();
      })
      .catch(fail);
    return () => {
      cancelled = true;
      resync.stop();
      unsubscribeNotice();
      unsubscribeFrames();
      unsubscribeResync();
    };
  }, [api]);
}
