import { useEffect } from 'react';
import { useInspectorApi } from '../api/api-context.ts';
import { useInspectorStore } from '../store/inspector-store.ts';

/** Subscribes to main's pushes, then performs the ready handshake and loads the app info. */
export function useBackend(): void {
  const api = useInspectorApi();
  useEffect(() => {
    const { setAppInfo, setBackendError, addNotice } = useInspectorStore.getState();
    const unsubscribe = api.onNotice(addNotice);
    let cancelled = false;
    api
      .rendererReady()
      .then(() => api.getAppInfo())
      .then(
        (info) => {
          if (!cancelled) setAppInfo(info);
        },
        (error: unknown) => {
          if (!cancelled) setBackendError(error instanceof Error ? error.message : String(error));
        },
      );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [api]);
}
