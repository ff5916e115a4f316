import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import './warnings.css';
import { formatCount } from '../../format/format.ts';

const shownLimit = 500;

/** The parser's and the engine's warnings; each links to its row and bytes. */
export function WarningsPanel({ status }: { status: ConnectionStatus }) {
  useInspectorStore((state) => state.revision);
  const selectSeq = useInspectorStore((state) => state.selectSeq);
  const log = timelineLog(status.id);
  const warnings = log.warningRows;
  if (warnings.length === 0) {
    return (
      <div className="empty-state small" data-testid="warnings-panel">
        <p>No warnings.</p>
        <p className="muted">
          Spec problems in the stream (bad retry, unknown fields, invalid UTF-8…) appear here.
        </p>
      </div>
    );
  }
  const shown = warnings.slice(-shownLimit).map((row) => log.entryAt(row));
  return (
    <div className="warnings-panel" data-testid="warnings-panel">
      {warnings.length > shownLimit && (
        <p className="muted">
          Showing the last {shownLimit} of {formatCount(warnings.length)} warnings.
        </p>
      )}
      <ul>
        {shown.map((entry) => {
          const record = entry.record;
          if (record.kind !== 'warning') return null;
          return (
            <li key={entry.seq}>
              <button
                type="button"
                className="warning-link"
                onClick={() => selectSeq(status.id, entry.seq)}
              >
                <span className={`kind-label kind-warning`}>{record.source}</span>
                <span className="warning-code">{record.code}</span>
                <span className="warning-message">{record.message}</span>
                <span className="muted">
                  attempt #{record.attempt}
                  {record.offset !== null && ` · byte ${record.offset}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
