export function Timeline() {
  return (
    <main className="timeline" aria-label="Timeline" data-testid="timeline">
      <div className="timeline-header" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Δ</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">ID</span>
        <span role="columnheader">Size</span>
        <span role="columnheader">Data</span>
      </div>
      <div className="empty-state">
        <p className="empty-title">Nothing captured yet</p>
        <p className="muted">
          Events appear here as they arrive, with attempts, responses and reconnects in between.
        </p>
      </div>
    </main>
  );
}
