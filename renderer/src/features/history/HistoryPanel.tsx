import { useCallback, useEffect, useState } from 'react';
import type { EventSearchHit, SessionListItem } from '../../../../shared/ipc/api.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { formatBytes, formatCount, formatDelta } from '../../format/format.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { ImportButton } from './ImportButton.tsx';
import { openRecordedSession } from './open-session.ts';
import { SessionActions } from './SessionActions.tsx';
import { errorMessage } from '../../../../shared/errors.ts';
import './history.css';

/** The badge that says where a session came from (a live capture has none). */
const originBadges: Record<SessionListItem['origin'], string | null> = {
  live: null,
  import: 'imported',
  'replay-capture': 'replay capture',
  proxy: 'proxied',
};

type SearchMode = 'sessions' | 'events';

/** Recorded sessions (newest first), searchable by name/URL or by event data (full text). */
export function HistoryPanel() {
  const api = useInspectorApi();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<SearchMode>('sessions');
  const [sessions, setSessions] = useState<SessionListItem[]>([]);
  const [hits, setHits] = useState<EventSearchHit[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setError(null);
      if (mode === 'events' && query.trim() !== '') {
        setHits(await api.searchEvents(query, null, 200));
      } else {
        setHits(null);
        setSessions(await api.listSessions(mode === 'sessions' ? query : '', 200));
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [api, mode, query]);

  // Sessions imported by a drop or opened from the OS appear without a manual refresh.
  const historyRevision = useInspectorStore((state) => state.historyRevision);
  useEffect(() => {
    const timer = setTimeout(() => void refresh(), 200);
    return () => clearTimeout(timer);
  }, [refresh, historyRevision]);

  const open = (id: number, seq?: number) => {
    setSelected(id);
    openRecordedSession(api, id, seq).catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <div className="history" data-testid="history-panel">
      <div className="history-tools">
        <input
          type="search"
          aria-label="Search history"
          placeholder={mode === 'sessions' ? 'Filter by name or URL' : 'Search event data'}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <select
          aria-label="Search in"
          value={mode}
          onChange={(event) => setMode(event.target.value as SearchMode)}
        >
          <option value="sessions">Sessions</option>
          <option value="events">Event data</option>
        </select>
      </div>
      <div className="history-tools">
        <ImportButton onImported={(id) => void refresh().then(() => open(id))} />
        <button type="button" className="small-button" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {hits ? (
        <ul className="history-list" aria-label="Search results" data-testid="search-hits">
          {hits.length === 0 && <li className="muted">No event matches “{query}”.</li>}
          {hits.map((hit) => (
            <li key={`${hit.sessionId}:${hit.seq}`}>
              <button
                type="button"
                className="history-item"
                onClick={() => open(hit.sessionId, hit.seq)}
              >
                <span className="history-name">
                  #{hit.sessionId} · {hit.type}
                  {hit.lastEventId && ` · id ${hit.lastEventId}`}
                </span>
                <Snippet text={hit.snippet} />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="history-list" aria-label="Recorded sessions">
          {sessions.length === 0 && (
            <li className="muted">
              {query ? 'No session matches.' : 'Sessions you capture or import appear here.'}
            </li>
          )}
          {sessions.map((session) => (
            <li key={session.id}>
              <button
                type="button"
                className="history-item"
                aria-current={selected === session.id}
                onClick={() => open(session.id)}
                data-testid="history-item"
              >
                <span className="history-name">
                  {session.name}
                  {originBadges[session.origin] !== null && (
                    <span className="history-badge" data-testid="history-origin">
                      {originBadges[session.origin]}
                    </span>
                  )}
                </span>
                <span className="history-meta">
                  {new Date(session.startedAt).toLocaleString()} · {formatDelta(session.durationMs)}
                </span>
                <span className="history-meta">
                  {formatCount(session.events)} ev · {formatBytes(session.bytes)} ·{' '}
                  {session.attempts} att.
                  {session.warnings > 0 && ` · ⚠ ${session.warnings}`} ·{' '}
                  <span className={`outcome outcome-${session.outcome ?? 'recording'}`}>
                    {session.outcome ?? 'recording'}
                  </span>
                </span>
              </button>
              {selected === session.id && (
                <SessionActions
                  session={session}
                  onChanged={() => void refresh()}
                  onDeleted={() => {
                    setSelected(null);
                    void refresh();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The search snippet with its match marks (\u0002…\u0003) shown as highlights, as text. */
function Snippet({ text }: { text: string }) {
  // Splitting on the opening mark leaves "match\u0003rest" in every piece after the first.
  const [before, ...marked] = text.split('\u0002');
  return (
    <span className="history-meta snippet">
      {before}
      {marked.map((piece, i) => {
        const [match, rest = ''] = piece.split('\u0003');
        return (
          <span key={i}>
            <mark>{match}</mark>
            {rest}
          </span>
        );
      })}
    </span>
  );
}
