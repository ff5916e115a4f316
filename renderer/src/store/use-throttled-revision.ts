import { useEffect, useState } from 'react';
import { useInspectorStore } from './inspector-store.ts';

/**
 * The store's revision, but at most every `intervalMs`: views that recompute over the whole
 * capture (statistics, lenses) refresh a few times a second, not on every animation frame.
 */
export function useThrottledRevision(intervalMs = 250): number {
  const [revision, setRevision] = useState(() => useInspectorStore.getState().revision);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useInspectorStore.subscribe((state) => {
      if (timer !== null || state.revision === revision) return;
      timer = setTimeout(() => {
        timer = null;
        setRevision(useInspectorStore.getState().revision);
      }, intervalMs);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [intervalMs, revision]);
  return revision;
}
