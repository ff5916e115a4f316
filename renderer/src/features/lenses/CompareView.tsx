import { useMemo, useState } from 'react';
import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import type { EventPreview } from '../../../../shared/capture/live-frames.ts';
import { compareEventSequences, type CompareResult } from '../../../../shared/lenses/index.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { formatCount, formatDelta, visibleControls } from '../../format/format.ts';
import { useThrottledRevision } from '../../store/use-throttled-revision.ts';
import './lenses.css';

const maxEvents = 20_000;
const shownRows = 1_000;

function eventsOf(connectionId: number, attempt: number | null): EventPreview[] {
  const log = timelineLog(connectionId);
  const events: EventPreview[] = [];
  for (let row = 0; row < log.length && events.length < maxEvents; row++) {
    if (log.kindAt(row) !== 'event') continue;
    const record = log.entryAt(row).record as EventPreview;
    if (attempt === null || record.attempt === attempt) events.push(record);
  }
  return events;
}

/** Two connections (or attempts) side by side, with differences in type, id, data and timing. */
export function CompareView({ status }: { status: ConnectionStatus }) {
  const revision = useThrottledRevision(1000);
  const order = useInspectorStore((state) => state.connectionOrder);
  const connections = useInspectorStore((state) => state.connections);
  const others = order.filter((id) => connections[id] !== undefined);
  const [rightId, setRightId] = useState<number | null>(null);
  const [leftAttempt, setLeftAttempt] = useState<number | null>(null);
  const [rightAttempt, setRightAttempt] = useState<number | null>(null);
  const right = rightId === null ? undefined : connections[rightId];

  const result: CompareResult | null = useMemo(() => {
    if (!right) return null;
    return compareEventSequences(
      eventsOf(status.id, leftAttempt),
      eventsOf(right.id, rightAttempt),
    );
    // revision: recompute as events arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status.id, right, leftAttempt, rightAttempt, revision]);

  const attemptOptions = (count: number) => [
    <option key="all" value="">
      all attempts
    </option>,
    ...Array.from({ length: count }, (_, i) => (
      <option key={i + 1} value={i + 1}>
        attempt #{i + 1}
      </option>
    )),
  ];

  return (
    <section className="lens-view" aria-label="Compare" data-testid="compare-view">
      <div className="compare-pickers">
        <span>
          This connection ({status.method} {status.url})
          <select
            aria-label="Left attempt"
            value={leftAttempt ?? ''}
            onChange={(e) => setLeftAttempt(e.target.value === '' ? null : Number(e.target.value))}
          >
            {attemptOptions(status.attempt)}
          </select>
        </span>
        <span>compared with</span>
        <select
          aria-label="Compare with"
          value={rightId ?? ''}
          onChange={(e) => setRightId(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">choose a connection…</option>
          {others.map((id) => (
            <option key={id} value={id}>
              #{id} {connections[id]?.method} {connections[id]?.url}
            </option>
          ))}
        </select>
        {right && (
          <select
            aria-label="Right attempt"
            value={rightAttempt ?? ''}
            onChange={(e) => setRightAttempt(e.target.value === '' ? null : Number(e.target.value))}
          >
            {attemptOptions(right.attempt)}
          </select>
        )}
      </div>
      {!result ? (
        <p className="muted">
          Pick a connection to compare with (it can be this one, attempt against attempt). Events
          are aligned by id when both sides have distinct ids, else by content.
        </p>
      ) : (
        <>
          <p className="lens-note" data-testid="compare-summary">
            {formatCount(result.summary.same)} same · {result.summary.dataDiffs} data ·{' '}
            {result.summary.typeDiffs} type · {result.summary.idDiffs} id ·{' '}
            {result.summary.timingDiffs} timing differences · {result.summary.missingRight} only
            left · {result.summary.missingLeft} only right (aligned by {result.summary.alignment})
          </p>
          <table className="compare-table">
            <thead>
              <tr>
                <th>Left</th>
                <th>Right</th>
                <th>Δ time</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.slice(0, shownRows).map((row, i) => (
                <tr key={i} className={row.diffs.length > 0 ? 'differs' : undefined}>
                  <td className={row.left ? undefined : 'missing'}>
                    {row.left && <CompareCell side={row.left} diffs={row.diffs} />}
                  </td>
                  <td className={row.right ? undefined : 'missing'}>
                    {row.right && <CompareCell side={row.right} diffs={row.diffs} />}
                  </td>
                  <td className={row.diffs.includes('timing') ? 'diff' : 'muted'}>
                    {row.timingDeltaMs === null ? '' : formatDelta(Math.abs(row.timingDeltaMs))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.rows.length > shownRows && (
            <p className="muted">
              First {shownRows} of {formatCount(result.rows.length)} rows.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function CompareCell({
  side,
  diffs,
}: {
  side: { type: string; id: string | null; data: string };
  diffs: readonly string[];
}) {
  return (
    <>
      <span className={diffs.includes('type') ? 'diff' : undefined}>{side.type}</span>{' '}
      <span className={diffs.includes('id') ? 'diff muted' : 'muted'}>{side.id ?? ''}</span>{' '}
      <span className={diffs.includes('data') ? 'diff' : undefined}>
        {visibleControls(side.data)}
      </span>
    </>
  );
}
