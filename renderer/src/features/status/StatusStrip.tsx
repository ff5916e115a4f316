import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionStatus } from '../../../../shared/capture/connection-status.ts';
import { useNow } from '../../lib/use-now.ts';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { describeState, isActive } from '../../format/connection-state.ts';
import { formatBytes, formatCount } from '../../format/format.ts';
import { rateHistory } from './rate-history.ts';
import { Sparkline } from './Sparkline.tsx';
import './status.css';

function Item({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="strip-item">
      <span className="strip-label">{label}</span>
      <span className="strip-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

/** The selected connection at a glance. */
export function StatusStrip({ status }: { status: ConnectionStatus }) {
  const now = useNow(isActive(status), 250);
  const [rate, setRate] = useState(0);
  const history = rateHistory(status.id);
  // The status object changes with every batch; the sampler reads the latest count from the
  // store so its one-second interval is not restarted each time.
  const active = isActive(status);
  const id = status.id;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      const events = useInspectorStore.getState().connections[id]?.events ?? 0;
      setRate(history.sample(events, Date.now()));
    }, 1000);
    return () => clearInterval(timer);
  }, [history, active, id]);

  return (
    <div className="status-strip" data-testid="status-strip">
      <Item
        label="State"
        value={
          <span className={`state-text state-${status.state}`}>{describeState(status, now)}</span>
        }
        testId="status-state"
      />
      <Item label="Status" value={status.status ?? '—'} testId="status-code" />
      <Item label="Content-Type" value={status.contentType ?? '—'} />
      <Item label="HTTP" value={status.httpVersion ?? '—'} />
      <Item label="Attempt" value={status.attempt} testId="status-attempt" />
      <Item label="Last-Event-ID" value={status.lastEventId ?? '—'} testId="status-last-event-id" />
      <Item label="Retry" value={`${status.reconnectionTimeMs} ms`} />
      <Item label="Events" value={formatCount(status.events)} testId="status-events" />
      <Item label="Bytes" value={formatBytes(status.bytes)} />
      <Item
        label="Events/s"
        value={
          <span className="rate">
            {formatCount(Math.round(rate))} <Sparkline values={history.samples} />
          </span>
        }
      />
      <Item label="Warnings" value={status.warnings} testId="status-warnings" />
      {status.error && (
        <div className="strip-error" role="status">
          {status.error.category}: {status.error.message}
        </div>
      )}
    </div>
  );
}
