import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChunkMeta } from '../../../../shared/capture/live-frames.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { formatBytes, formatClock, formatCount } from '../../format/format.ts';
import { useThrottledRevision } from '../../store/use-throttled-revision.ts';
import { chunkBytesCache } from './chunk-bytes-cache.ts';
import { ChunkContent, hexLimit, textLimit, type ByteRange } from './ChunkContent.tsx';
import './raw.css';

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
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const chunks = useMemo(() => log.chunksOfAttempt(attempt), [log, attempt, revision]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: chunks.length,
    getScrollElement: () => scrollRef.current,
    // About a 16 px row per 16 bytes shown (a hex row; text lines of short fields), so the first
    // render does not lay out many chunks' text on the guess that they are small.
    estimateSize: (index) =>
      24 + Math.min((chunks[index] as ChunkMeta).size, mode === 'text' ? textLimit : hexLimit),
    // Only the chunks in view: a chunk is hundreds of lines, and every line on the page costs
    // each frame that repaints anything (the timeline during a stream) its share of paint and
    // layerization, off screen or not.
    overscan: 0,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0] ? chunks[items[0].index] : undefined;
  const lastItem = items[items.length - 1];
  const last = lastItem ? chunks[lastItem.index] : undefined;

  useEffect(() => {
    if (!first || !last) return;
    const missing = items.some((item) => {
      const chunk = chunks[item.index] as ChunkMeta;
      return !chunkBytesCache.get(connectionId, chunk.seq);
    });
    if (!missing) return;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      retry = setTimeout(() => setLoaded((n) => n + 1), 500);
    };
    void chunkBytesCache
      .load(api, connectionId, attempt, first.offset, last.offset + last.size)
      // Re-render to show the bytes; if none came back (or the call failed), ask again shortly.
      .then((loadedAny) => (loadedAny ? setLoaded((n) => n + 1) : again()), again);
    return () => clearTimeout(retry);
  });

  // Scroll the selected event's first byte into view: when the selection changes, and once
  // more when its chunk is first listed (the list refreshes a few times a second, so a row
  // selected as it arrives can come before its chunk).
  const selectedChunk = highlight
    ? chunks.findIndex(
        (chunk) => highlight.start < chunk.offset + chunk.size && highlight.start >= chunk.offset,
      )
    : -1;
  const selectedChunkListed = selectedChunk >= 0;
  useEffect(() => {
    if (selectedChunkListed) virtualizer.scrollToIndex(selectedChunk, { align: 'start' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedSeq, attempt, selectedChunkListed]);

  // One callback for the component's life, so the memoized chunk contents do not re-render
  // with every batch; it reads the attempt of the moment through a ref.
  const attemptRef = useRef(attempt);
  attemptRef.current = attempt;
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
          tabIndex={0}
          role="region"
          aria-label="Raw bytes"
        >
          <div className="raw-items" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const chunk = chunks[item.index] as ChunkMeta;
              const bytes = chunkBytesCache.get(connectionId, chunk.seq);
              return (
                <div
                  key={chunk.seq}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className="raw-chunk"
                  style={{ transform: `translateY(${item.start}px)` }}
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
