import { useState } from 'react';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { lifecycleKinds, type TimelineLog } from '../../store/timeline-log.ts';
import { formatCount, typeHue } from '../../format/format.ts';

interface ToolbarProps {
  connectionId: number;
  log: TimelineLog;
  shown: number;
  total: number;
  searchError: string | null;
}

/** Filters by event type and lifecycle kind, text/regex search with its count, pause view. */
export function TimelineToolbar({ connectionId, log, shown, total, searchError }: ToolbarProps) {
  const filters = useInspectorStore((state) => state.filters);
  const toggleKind = useInspectorStore((state) => state.toggleKind);
  const toggleType = useInspectorStore((state) => state.toggleType);
  const setSearch = useInspectorStore((state) => state.setSearch);
  const clearFilters = useInspectorStore((state) => state.clearFilters);
  const pausedAt = useInspectorStore((state) => state.pausedAt[connectionId] ?? null);
  const pauseView = useInspectorStore((state) => state.pauseView);
  const resumeView = useInspectorStore((state) => state.resumeView);
  const [menuOpen, setMenuOpen] = useState(false);
  const hiddenCount = filters.hiddenKinds.length + filters.hiddenTypes.length;
  const filtering = hiddenCount > 0 || filters.searchText !== '';

  return (
    <div className="timeline-toolbar toolbar" role="toolbar" aria-label="Timeline tools">
      <div className="filter-menu">
        <button type="button" aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
          Filter{hiddenCount > 0 ? ` (${hiddenCount} hidden)` : ''} ▾
        </button>
        {menuOpen && (
          <div
            className="filter-popover"
            role="group"
            aria-label="Row filters"
            data-testid="filter-popover"
          >
            <div className="filter-section">
              <div className="filter-heading">Event types</div>
              {log.eventTypes.length === 0 && <div className="muted">No events yet</div>}
              {log.eventTypes.map((type) => (
                <label key={type} className="filter-option">
                  <input
                    type="checkbox"
                    checked={!filters.hiddenTypes.includes(type)}
                    onChange={() => toggleType(type)}
                  />
                  <span className="type-pill" style={{ ['--hue' as string]: typeHue(type) }}>
                    {type}
                  </span>
                </label>
              ))}
            </div>
            <div className="filter-section">
              <div className="filter-heading">Lifecycle rows</div>
              {lifecycleKinds.map((kind) => (
                <label key={kind} className="filter-option">
                  <input
                    type="checkbox"
                    checked={!filters.hiddenKinds.includes(kind)}
                    onChange={() => toggleKind(kind)}
                  />
                  <span className={`kind-label kind-${kind}`}>{kind}</span>
                </label>
              ))}
            </div>
          </div>
        )}
      </div>
      <input
        type="search"
        id="timeline-search"
        aria-label="Search timeline"
        className="search-input"
        placeholder={filters.searchIsRegex ? 'Regular expression' : 'Search type, id, data…'}
        value={filters.searchText}
        aria-invalid={searchError !== null}
        onChange={(event) => setSearch(event.target.value, filters.searchIsRegex)}
      />
      <label className="toggle" title="Treat the search as a regular expression">
        <input
          type="checkbox"
          checked={filters.searchIsRegex}
          onChange={(event) => setSearch(filters.searchText, event.target.checked)}
        />
        .*
      </label>
      <span className="match-count" data-testid="match-count" role="status">
        {searchError
          ? `Invalid pattern: ${searchError}`
          : filtering
            ? `${formatCount(shown)} of ${formatCount(total)} rows`
            : `${formatCount(total)} rows`}
      </span>
      {filtering && (
        <button type="button" className="link-button" onClick={clearFilters}>
          Clear
        </button>
      )}
      <span className="controls-spacer" />
      {pausedAt === null ? (
        <button
          type="button"
          onClick={() => pauseView(connectionId, log.length)}
          title="Freeze the view; capture keeps going"
        >
          Pause view
        </button>
      ) : (
        <button type="button" className="button-attention" onClick={() => resumeView(connectionId)}>
          Resume view ({formatCount(log.length - pausedAt)} held)
        </button>
      )}
    </div>
  );
}
