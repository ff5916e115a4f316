import { useInspectorApi } from '../../api/api-context.ts';
import { useNow } from '../../lib/use-now.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { formatBytes, formatCount } from '../../format/format.ts';
import { describeState, isActive } from '../../format/connection-state.ts';
import './connections.css';

export function ConnectionsList() {
  const api = useInspectorApi();
  const order = useInspectorStore((state) => state.connectionOrder);
  const connections = useInspectorStore((state) => state.connections);
  const selected = useInspectorStore((state) => state.selectedConnectionId);
  const select = useInspectorStore((state) => state.selectConnection);
  const anyWaiting = order.some((id) => connections[id]?.state === 'waiting');
  const now = useNow(anyWaiting);

  const remove = async (id: number) => {
    try {
      // A session opened from history is only closed in this window.
      if (!connections[id]?.historical) await api.removeConnection(id);
    } finally {
      useInspectorStore.getState().forgetConnection(id);
    }
  };

  return (
    <div className="connections-panel" aria-label="Connections" data-testid="connections-list">
      {order.length === 0 ? (
        <div className="empty-state small">
          <p>No connections yet.</p>
          <p className="muted">Enter an event-stream URL above and press Connect.</p>
        </div>
      ) : (
        <ul className="connection-items" aria-label="Open connections">
          {order.map((id) => {
            const status = connections[id];
            if (!status) return null;
            const url = new URL(status.url);
            return (
              <li
                key={id}
                className={`connection-item state-${status.state}${id === selected ? ' selected' : ''}`}
                data-testid="connection-item"
              >
                {/* A button per connection: reachable by Tab, its state read as text. */}
                <button
                  type="button"
                  className="connection-select"
                  aria-current={id === selected ? 'true' : undefined}
                  onClick={() => select(id)}
                >
                  <span className="connection-line">
                    <span className={`state-dot ${isActive(status) ? 'live' : ''}`} aria-hidden />
                    <span className="connection-method">{status.method}</span>
                    {status.historical && <span className="history-badge">recorded</span>}
                    {status.proxied && <span className="history-badge">proxied</span>}
                    <span className="connection-url" title={status.url}>
                      {url.host}
                      {url.pathname}
                    </span>
                  </span>
                  <span className="connection-meta">
                    <span data-testid="connection-state">{describeState(status, now)}</span>
                    <span>
                      {formatCount(status.events)} ev · {formatBytes(status.bytes)}
                      {status.warnings > 0 && (
                        <span className="warn-count">
                          {' '}
                          · <span aria-hidden>⚠</span> {status.warnings} warning
                          {status.warnings === 1 ? '' : 's'}
                        </span>
                      )}
                    </span>
                  </span>
                </button>
                <button
                  type="button"
                  className="icon-button connection-close"
                  aria-label={`Close connection ${id}`}
                  title={
                    status.proxied
                      ? 'Remove from the list (your client keeps its stream; it is still recorded)'
                      : 'Close and remove from the list (the session stays in history)'
                  }
                  onClick={() => void remove(id)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
