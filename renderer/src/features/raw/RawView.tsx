import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChunkMeta } from '../../../../shared/capture/live-frames.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { formatBytes, formatClock, formatCount } from '../../format/format.ts';
import { useThrottledRevision } from '../../store/use-throttled-revision.ts';
import { chunkBytesCache } from './chunk-bytes-cache.ts';
import { anchorAt, chunkWindow, ChunkLayout, type ChunkAnchor } from './chunk-layout.ts';
import { ChunkContent, hexLimit, textLimit, type ByteRange } from './ChunkContent.tsx';
import './raw.css';

interface RawViewport {
  /** The attempt the place is in: another attempt starts at its top. */
  attempt: number;
  anchor: ChunkAnchor;
  /** The element's position as the user scrolled it, or null for the one the place calls for. */
  scrollTop: number | null;
  /** The content's and the viewport's heights when `scrollTop` was read. */
  total: number;
  height: number;
}

/**
 * The body bytes exactly as received, chunk by chunk, for one attempt. The selected event's
 * bytes are highlighted and scrolled to; clicking bytes selects the event they belong to.
 */
export const RawView = memo(function RawView({
  connectionId,
  currentAttempt,
}: {
  connectionId: number;
  /** The connection's latest attempt: shown while no row of another attempt is selected. */
  currentAttempt: number;
}) {
  const api = useInspectorApi();
  // New chunks show a few times a second: re-laying out kilobytes of raw text on every frame
  // would starve the timeline during a fast stream.
  const revision = useThrottledRevision(250);
  const selectedSeq = useInspectorStore((state) => state.selectedSeq[connectionId] ?? null);
  const selectSeq = useInspectorStore((state) => state.selectSeq);
  const [mode, setMode] = useState<'text' | 'hex'>('text');
  const [, setLoaded] = useState(0);
  const log = timelineLog(connectionId);
  const selected = selectedSeq === null ? undefined : log.entryBySeq(selectedSeq);
  const [highlightStart, highlightEnd] =
    selected?.record.kind === 'event'
      ? [selected.record.start, selected.record.end]
      : selected && 'offset' in selected.record && selected.record.offset !== null
        ? [selected.record.offset, selected.record.offset + 1]
        : [-1, -1];
  // The same object while the selection stays, so memoized chunk contents skip re-rendering.
  const highlight: ByteRange | null = useMemo(
    () => (highlightStart < 0 ? null : { start: highlightStart, end: highlightEnd }),
    [highlightStart, highlightEnd],
  );
  const attempt = selected?.record.attempt ?? currentAttempt;
  const attemptRef = useRef(attempt);
  attemptRef.current = attempt;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const chunks = useMemo(() => log.chunksOfAttempt(attempt), [log, attempt, revision]);

  // The chunks' heights: estimates until drawn, then measured (a chunk header plus its lines,
  // about a 16 px row per 16 bytes shown: a hex row, or text lines of short fields), so the first
  // render does not lay out many chunks' text on the guess that they are small.
  const layoutRef = useRef<{ key: string; layout: ChunkLayout } | null>(null);
  const layoutKey = `${connectionId}:${attempt}:${mode}`;
  if (layoutRef.current?.key !== layoutKey) {
    layoutRef.current = { key: layoutKey, layout: new ChunkLayout() };
  }
  const layout = layoutRef.current.layout;
  const limit = mode === 'text' ? textLimit : hexLimit;
  layout.sync(chunks.length, (index) => 24 + Math.min((chunks[index] as ChunkMeta).size, limit));
  // Bumped when a measurement changes the layout (the layout itself is mutable).
  const [, setMeasured] = useState(0);

  // Where the viewport is: the place at its top (which stays put as chunks are measured or
  // appended), and the element's position as the user scrolled it, while the scale it was read
  // on holds. Past `maxSpacerHeight` the position stands for a place (see lib/scroll-scale.ts).
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<RawViewport>({
    attempt,
    anchor: { index: 0, within: 0 },
    scrollTop: null,
    total: 0,
    height: 600,
  });
  const [height, setHeight] = useState(600);
  const total = layout.total();
  const sameAttempt = view.attempt === attempt;
  const { scrollTop, first, last, shift, scale } = chunkWindow(
    layout,
    sameAttempt ? view.anchor : { index: 0, within: 0 },
    height,
    sameAttempt && view.total === total && view.height === height ? view.scrollTop : null,
  );
  // Only the chunks in view: a chunk is hundreds of lines, and every line on the page costs
  // each frame that repaints anything (the timeline during a stream) its share of paint and
  // layerization, off screen or not.
  const shown = chunks.slice(first, last);
  const firstShown = shown[0];
  const lastShown = shown[shown.length - 1];

  // The element's position as last committed: a scroll event that finds it there is one this
  // view made.
  const committedTop = useRef(0);
  const empty = chunks.length === 0;
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || 600);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [empty]);

  /** Takes the heights of the chunks on the page; whether any changed. */
  const measureChunks = useCallback((elements: Iterable<Element>) => {
    const current = layoutRef.current;
    if (!current) return false;
    let changed = false;
    for (const element of elements) {
      if (!(element instanceof HTMLElement) || element.dataset.layout !== current.key) continue;
      const index = Number(element.dataset.index);
      // The layout's own height (border-box), not the box on the screen: millions of pixels
      // down, a transformed box's edges are rounded to a pixel or more, differently at each
      // place, and a chunk measured where it is drawn would move itself and measure again.
      const height = parseFloat(getComputedStyle(element).height);
      if (current.layout.measure(index, height)) changed = true;
    }
    return changed;
  }, []);
  // Chunks change height after they are drawn too (expanded, or the panel resized).
  const resizeObserver = useRef<ResizeObserver | null>(null);
  useLayoutEffect(() => {
    const observer = new ResizeObserver((entries) => {
      if (measureChunks(entries.map((entry) => entry.target))) setMeasured((n) => n + 1);
    });
    resizeObserver.current = observer;
    return () => observer.disconnect();
  }, [measureChunks]);
  const observeChunk = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    resizeObserver.current?.observe(element);
    return () => resizeObserver.current?.unobserve(element);
  }, []);

  // After every render: measure the chunks drawn (a change lays them out again before the
  // frame is painted), then put the element where the place is. It settles: a second pass
  // measures the same heights.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (measureChunks(element.querySelectorAll('.raw-chunk'))) {
      setMeasured((n) => n + 1);
      return;
    }
    if (Math.abs(element.scrollTop - scrollTop) >= 1) element.scrollTop = scrollTop;
    committedTop.current = element.scrollTop;
  });

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    const current = layoutRef.current;
    if (!element || !current || element.scrollTop === committedTop.current) return;
    const top = element.scrollTop;
    const height = element.clientHeight || 600;
    committedTop.current = top;
    setView({
      attempt: attemptRef.current,
      anchor: anchorAt(current.layout, top, height),
      scrollTop: top,
      total: current.layout.total(),
      height,
    });
  }, []);

  useEffect(() => {
    if (!firstShown || !lastShown) return;
    const missing = shown.some((chunk) => !chunkBytesCache.get(connectionId, chunk.seq));
    if (!missing) return;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      retry = setTimeout(() => setLoaded((n) => n + 1), 500);
    };
    void chunkBytesCache
      .load(api, connectionId, attempt, firstShown.offset, lastShown.offset + lastShown.size)
      // Re-render to show the bytes; if none came back (or the call failed), ask again shortly.
      .then((loadedAny) => (loadedAny ? setLoaded((n) => n + 1) : again()), again);
    return () => clearTimeout(retry);
  });

  // Scroll the selected event's first byte into view: when the selection changes, and once
  // more when its chunk is first listed (the list refreshes a few times a second, so a row
  // selected as it arrives can come before its chunk). Its chunk goes at the top of the
  // viewport (the last ones as far up as they go) and stays there as chunks are measured.
  const selectedChunk = highlight
    ? chunks.findIndex(
        (chunk) => highlight.start < chunk.offset + chunk.size && highlight.start >= chunk.offset,
      )
    : -1;
  const selectedChunkListed = selectedChunk >= 0;
  useEffect(() => {
    if (selectedChunkListed) {
      setView((view) => ({
        ...view,
        attempt,
        anchor: { index: selectedChunk, within: 0 },
        scrollTop: null,
      }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedSeq, attempt, selectedChunkListed]);

  // One callback for the component's life, so the memoized chunk contents do not re-render
  // with every batch; it reads the attempt of the moment through a ref (attemptRef).
  const selectAtOffset = useCallback(
    (offset: number) => {
      const entry = log.eventAtOffset(attemptRef.current, offset);
      if (entry) selectSeq(connectionId, entry.seq);
    },
    [log, selectSeq, connectionId],
  );

  return (
    <section className="raw-view" aria-label="Raw bytes" data-testid="raw-view">
      <div className="raw-toolbar">
        <span>
          Attempt #{attempt} · {formatCount(chunks.length)} chunks
        </span>
        <span className="controls-spacer" />
        <div className="segmented" role="group" aria-label="Raw view mode">
          <button type="button" aria-pressed={mode === 'text'} onClick={() => setMode('text')}>
            Text
          </button>
          <button type="button" aria-pressed={mode === 'hex'} onClick={() => setMode('hex')}>
            Hex
          </button>
        </div>
      </div>
      {chunks.length === 0 ? (
        <div className="empty-state small">
          <p className="muted">No body bytes received in this attempt yet.</p>
        </div>
      ) : (
        <div
          ref={scrollRef}
          className="raw-scroll"
          onScroll={onScroll}
          tabIndex={0}
          role="region"
          aria-label="Raw bytes"
        >
          <div className="raw-items" style={{ height: scale.spacerHeight }}>
            {shown.map((chunk, slot) => {
              const index = first + slot;
              const bytes = chunkBytesCache.get(connectionId, chunk.seq);
              return (
                <div
                  key={chunk.seq}
                  ref={observeChunk}
                  data-index={index}
                  data-layout={layoutKey}
                  className="raw-chunk"
                  style={{ transform: `translateY(${shift + layout.start(index)}px)` }}
                  data-testid="raw-chunk"
                >
                  <div className="raw-chunk-header">
                    <span>#{chunk.seq}</span>
                    <span>{formatClock(chunk.wall)}</span>
                    <span>+{chunk.t.toFixed(1)} ms</span>
                    <span>{formatBytes(chunk.size)}</span>
                    <span className="muted">
                      bytes {chunk.offset}–{chunk.offset + chunk.size}
                    </span>
                  </div>
                  {bytes ? (
                    <ChunkContent
                      bytes={bytes}
                      offset={chunk.offset}
                      mode={mode}
                      highlight={highlight}
                      onSelectOffset={selectAtOffset}
                    />
                  ) : (
                    <div className="muted raw-loading">Loading bytes…</div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
});
