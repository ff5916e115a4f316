import { useEffect, useRef, useState } from 'react';
import { useInspectorStore } from './inspector-store.ts';

/** The part of a zustand store that `followRevision` reads. */
export interface RevisionSource {
  getState(): { revision: number };
  subscribe(listener: (state: { revision: number }) => void): () => void;
}

/**
 * Calls `show` with the source's latest revision at most every `intervalMs` while it differs
 * from `shown()`. The timer reads the revision when it fires, and a change checked at
 * subscription time counts too, so the last change of a burst is never lost (a stream that
 * stops leaves the view on its final state). Returns the unsubscribe.
 */
export function followRevision(
  source: RevisionSource,
  intervalMs: number,
  shown: () => number,
  show: (revision: number) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      const latest = source.getState().revision;
      if (latest !== shown()) show(latest);
    }, intervalMs);
  };
  const unsubscribe = source.subscribe((state) => {
    if (state.revision !== shown()) schedule();
  });
  if (source.getState().revision !== shown()) schedule();
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

/**
 * The store's revision, but at most every `intervalMs`: views that recompute over the whole
 * capture (statistics, lenses, raw bytes) refresh a few times a second, not on every frame.
 */
export function useThrottledRevision(intervalMs = 250): number {
  const [revision, setRevision] = useState(() => useInspectorStore.getState().revision);
  const shownRef = useRef(revision);
  useEffect(
    () =>
      followRevision(
        useInspectorStore,
        intervalMs,
        () => shownRef.current,
        (latest) => {
          shownRef.current = latest;
          setRevision(latest);
        },
      ),
    [intervalMs],
  );
  return revision;
}
