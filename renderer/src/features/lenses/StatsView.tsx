import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import type { StreamStats } from '../../../../shared/lenses/index.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { formatBytes, formatCount, formatDelta, typeHue } from '../../format/format.ts';
import { BarChart } from './BarChart.tsx';
import { Metric } from './Metric.tsx';
import { lensFeed } from './lens-feeds.ts';
import { useThrottledRevision } from '../../store/use-throttled-revision.ts';
import './lenses.css';

const ms = (value: number | null): string => (value === null ? '—' : formatDelta(value));

/** Statistics for any stream: rates, inter-arrival times, per-attempt timing, buffering. */
export function StatsView({ status }: { status: ConnectionStatus }) {
  useThrottledRevision(500);
  const stats = lensFeed(timelineLog(status.id)).stats();
  return (
    <section className="lens-view" aria-label="Stream statistics" data-testid="stats-view">
      <Buffering stats={stats} />
      <div className="lens-columns">
        <div>
          <h3>Events per second</h3>
          <BarChart
            ariaLabel="Events per second"
            unit="events/s"
            bars={stats.rates.buckets.map((bucket) => ({
              label: `${(bucket.t / 1000).toFixed(0)} s`,
              value: (bucket.events * 1000) / stats.rates.bucketMs,
            }))}
          />
          <h3>Bytes per second</h3>
          <BarChart
            ariaLabel="Bytes per second"
            unit="B/s"
            bars={stats.rates.buckets.map((bucket) => ({
              label: `${(bucket.t / 1000).toFixed(0)} s`,
              value: (bucket.bytes * 1000) / stats.rates.bucketMs,
              title: `${formatBytes((bucket.bytes * 1000) / stats.rates.bucketMs)}/s`,
            }))}
          />
        </div>
        <div>
          <h3>Time between events</h3>
          <div className="lens-metrics">
            <Metric label="p50" value={ms(stats.interArrival.p50Ms)} testId="stats-p50" />
            <Metric label="p95" value={ms(stats.interArrival.p95Ms)} testId="stats-p95" />
            <Metric label="max" value={ms(stats.interArrival.maxMs)} />
            <Metric label="gaps" value={formatCount(stats.interArrival.count)} />
          </div>
          <BarChart
            ariaLabel="Inter-arrival histogram"
            unit="gaps"
            height={70}
            bars={stats.interArrival.histogram.map((bin) => ({
              label: `${formatDelta(bin.fromMs)}`,
              value: bin.count,
              title: `${formatDelta(bin.fromMs)}–${bin.toMs === null ? '∞' : formatDelta(bin.toMs)}: ${formatCount(bin.count)} gaps`,
            }))}
          />
          <h3>Event types</h3>
          <table className="stats-table">
            <tbody>
              {stats.eventTypes.slice(0, 30).map((row) => (
                <tr key={row.type}>
                  <td>
                    <span className="type-pill" style={{ ['--hue' as string]: typeHue(row.type) }}>
                      {row.type}
                    </span>
                  </td>
                  <td className="number">{formatCount(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <h3>Attempts</h3>
      <table className="stats-table attempts-table" data-testid="stats-attempts">
        <thead>
          <tr>
            <th>#</th>
            <th>Status</th>
            <th>To response</th>
            <th>To first byte</th>
            <th>To first event</th>
            <th>Events</th>
            <th>Bytes</th>
          </tr>
        </thead>
        <tbody>
          {stats.attempts.map((attempt) => (
            <tr key={attempt.attempt}>
              <td>{attempt.attempt}</td>
              <td>{attempt.status ?? '—'}</td>
              <td>{ms(attempt.timeToResponseMs)}</td>
              <td>{ms(attempt.timeToFirstByteMs)}</td>
              <td>{ms(attempt.timeToFirstEventMs)}</td>
              <td className="number">{formatCount(attempt.events)}</td>
              <td className="number">{formatBytes(attempt.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Buffering({ stats }: { stats: StreamStats }) {
  const report = stats.buffering;
  if (!report.suspected) {
    return (
      <p className="lens-note" data-testid="buffering">
        No buffering detected: events arrive without long silences followed by bursts.
      </p>
    );
  }
  return (
    <div className="lens-problems" data-testid="buffering">
      <strong>Buffering suspected</strong> — something between the server and you (a proxy,
      compression, a framework) may be holding events back.
      <ul>
        {report.reasons.map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
      {report.bursts.length > 0 && (
        <table className="stats-table">
          <thead>
            <tr>
              <th>Attempt</th>
              <th>At</th>
              <th>Silence before</th>
              <th>Events</th>
              <th>Bytes</th>
              <th>Span</th>
            </tr>
          </thead>
          <tbody>
            {report.bursts.slice(0, 20).map((burst, i) => (
              <tr key={i}>
                <td>{burst.attempt}</td>
                <td>+{formatDelta(burst.t)}</td>
                <td>{formatDelta(burst.silenceMs)}</td>
                <td className="number">{burst.events}</td>
                <td className="number">{formatBytes(burst.bytes)}</td>
                <td>{formatDelta(burst.spanMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
