export function ConnectionsList() {
  return (
    <aside className="connections" aria-label="Connections" data-testid="connections-list">
      <h2 className="panel-title">Connections</h2>
      <div className="empty-state small">
        <p>No connections yet.</p>
        <p className="muted">Enter an event-stream URL above and press Connect.</p>
      </div>
    </aside>
  );
}
