import { useCallback, useMemo, type KeyboardEvent } from 'react';
import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { FilteredRows } from './timeline-filter.ts';
import { TimelineRow } from './TimelineRow.tsx';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { rowWindow } from '../../lib/scroll-scale.ts';
import { useFollowTail } from './use-follow-tail.ts';
import './timeline.css';
import { formatCount } from '../../format/format.ts';

const rowHeight = 24;
/** Rows rendered beyond the visible ones, for smooth scrolling; fewer while following the tail. */
const overscanRows = 10;
const followingOverscanRows = 2;
const filteredByConnection = new Map<number, FilteredRows>();

const rowId = (connectionId: number, seq: number) => `timeline-${connectionId}-row-${seq}`;

function filteredRows(connectionId: number): FilteredRows {
  let rows = filteredByConnection.get(connectionId);
  if (!rows) {
    rows = new FilteredRows();
    filteredByConnection.set(connectionId, rows);
  }
  return rows;
}

/** The live timeline: events interleaved with lifecycle rows, virtualized, following the tail. */
export function Timeline({ status }: { status: ConnectionStatus | null }) {
  if (!status) {
    return (
      <main className="timeline" aria-label="Timeline" data-testid="timeline">
        <TimelineHeader id={null} />
        <div className="empty-state">
          <p className="empty-title">Nothing captured yet</p>
          <p className="muted">
            Events appear here as they arrive, with attempts, responses and reconnects in between.
          </p>
        </div>
      </main>
    );
  }
  return <LiveTimeline key={status.id} status={status} />;
}

/**
 * The column headings. With rows, the grid below takes this row in (aria-owns: it stays out of
 * the scrolling area, so the row arithmetic needs no header offset); without, it is decoration.
 */
function TimelineHeader({ id }: { id: string | null }) {
  return (
    <div
      className="timeline-header"
      id={id ?? undefined}
      role="row"
      aria-rowindex={id === null ? undefined : 1}
      aria-hidden={id === null ? true : undefined}
    >
      <span role="columnheader">Time</span>
      <span role="columnheader">Δ</span>
      <span role="columnheader">Type</span>
      <span role="columnheader">ID</span>
      <span role="columnheader">Size</span>
      <span role="columnheader">Data</span>
    </div>
  );
}

function LiveTimeline({ status }: { status: ConnectionStatus }) {
  const connectionId = status.id;
  useInspectorStore((state) => state.revision);
  const filters = useInspectorStore((state) => state.filters);
  const pausedAt = useInspectorStore((state) => state.pausedAt[connectionId] ?? null);
  const selectedSeq = useInspectorStore((state) => state.selectedSeq[connectionId] ?? null);
  const selectSeq = useInspectorStore((state) => state.selectSeq);
  const log = timelineLog(connectionId);
  const visibleCount = pausedAt ?? log.length;
  const rows = filteredRows(connectionId);
  rows.update(log, filters, visibleCount);
  const count = rows.length;

  const {
    scrollRef,
    atBottom,
    top,
    height,
    scrollTop,
    spacerHeight,
    newRows,
    onScroll,
    followTail,
    reveal,
  } = useFollowTail(count, rowHeight);
  // Following a fast stream, every row changes every frame: render little beyond the screen.
  const { first, last, translate } = rowWindow(
    count,
    rowHeight,
    scrollTop,
    top,
    height,
    atBottom ? followingOverscanRows : overscanRows,
    overscanRows,
  );

  const select = useCallback(
    (seq: number) => selectSeq(connectionId, seq),
    [connectionId, selectSeq],
  );

  const selectedPosition = useMemo(() => {
    if (selectedSeq === null) return -1;
    // Rows are in seq order, so the selected one is found by binary search.
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = log.seqAt(rows.at(mid));
      if (value === selectedSeq) return mid;
      if (value < selectedSeq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedSeq, rows, filters, count, log]);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 };
    let target: number | null = null;
    if (event.key in moves) {
      const from =
        selectedPosition === -1
          ? (moves[event.key] as number) > 0
            ? -1
            : count
          : selectedPosition;
      target = Math.min(count - 1, Math.max(0, from + (moves[event.key] as number)));
    } else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = count - 1;
    if (target === null || count === 0) return;
    event.preventDefault();
    select(log.seqAt(rows.at(target)));
    reveal(target * rowHeight, (target + 1) * rowHeight);
  };

  const headerId = `timeline-${connectionId}-header`;
  return (
    <main className="timeline" aria-label="Timeline" data-testid="timeline">
      <TimelineToolbar
        connectionId={connectionId}
        log={log}
        shown={count}
        total={log.length}
        searchError={rows.searchError}
      />
      <div className="timeline-table">
        <TimelineHeader id={count === 0 ? null : headerId} />
        {count === 0 ? (
          <div className="empty-state">
            {log.length === 0 ? (
              <>
                <p className="empty-title">Waiting for the first bytes…</p>
                <p className="muted">
                  The connection is {status.state}. Events and lifecycle rows appear here live.
                </p>
              </>
            ) : (
              <>
                <p className="empty-title">No row matches the filters</p>
                <p className="muted">
                  {formatCount(log.length)} rows are hidden by the current filters or search.
                </p>
              </>
            )}
          </div>
        ) : (
          <div
            ref={scrollRef}
            className="timeline-scroll"
            role="grid"
            aria-label="Events"
            aria-owns={headerId}
            // Rows beyond the rendered window still count: the header plus every row.
            aria-rowcount={count + 1}
            aria-activedescendant={
              selectedPosition >= first && selectedPosition < last
                ? rowId(connectionId, selectedSeq as number)
                : undefined
            }
            tabIndex={0}
            onScroll={onScroll}
            onKeyDown={onKeyDown}
            data-testid="timeline-scroll"
          >
            <div
              role="rowgroup"
              className={
                spacerHeight < count * rowHeight ? 'timeline-rows scaled' : 'timeline-rows'
              }
              style={{ height: spacerHeight }}
            >
              {/* The window of rows moves as one (the rows never do): a frame's changes are
                  the rows' text and this one offset. */}
              <div
                role="presentation"
                className="timeline-window"
                style={{ transform: `translateY(${translate}px)` }}
              >
                {Array.from({ length: Math.max(0, last - first) }, (_, slot) => {
                  const position = first + slot;
                  const index = rows.at(position);
                  const entry = log.entryAt(index);
                  const previousIndex = position > 0 ? rows.at(position - 1) : null;
                  const previousT = previousIndex === null ? null : log.tAt(previousIndex);
                  return (
                    // Keyed by place in the window, not by row: when the window moves (by a
                    // whole screen per frame during a flood) the same row elements take the new
                    // contents instead of being torn down and built again.
                    <TimelineRow
                      key={slot}
                      id={rowId(connectionId, entry.seq)}
                      rowIndex={position + 2}
                      entry={entry}
                      previousT={previousT}
                      startedAt={status.startedAt}
                      selected={entry.seq === selectedSeq}
                      onSelect={select}
                    />
                  );
                })}
              </div>
            </div>
          </div>
        )}
        {/* The selection, read out when it changes (by click or by key). */}
        <div className="offscreen" role="status" data-testid="selection-announcement">
          {selectedPosition === -1
            ? ''
            : `Row ${formatCount(selectedPosition + 1)} of ${formatCount(count)} selected`}
        </div>
        {!atBottom && newRows > 0 && (
          <button type="button" className="new-rows-pill" onClick={followTail}>
            {formatCount(newRows)} new ↓
          </button>
        )}
      </div>
    </main>
  );
}
