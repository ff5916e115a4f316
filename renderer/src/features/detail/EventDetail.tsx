import { memo, useEffect, useMemo, useState } from 'react';
import type { TimelineEntry, TimelineRecord } from '../../../../shared/capture/live-frames.ts';
import { useInspectorApi } from '../../api/api-context.ts';
import { CopyButton } from '../../lib/CopyButton.tsx';
import { useInspectorStore } from '../../store/inspector-store.ts';
import { timelineLog } from '../../store/timeline-log.ts';
import { describeRecord } from '../../format/describe-record.ts';
import { formatClock, formatCount } from '../../format/format.ts';
import { JsonTree, parseJson } from './JsonTree.tsx';
import './detail.css';

/** The full data of an event whose live preview was cut, fetched from main on demand. */
function useFullData(connectionId: number, record: TimelineRecord): string | null {
  const api = useInspectorApi();
  const [full, setFull] = useState<{ key: string; data: string } | null>(null);
  const needsFetch = record.kind === 'event' && record.truncated;
  const key = record.kind === 'event' ? `${connectionId}:${record.index}` : '';
  useEffect(() => {
    if (!needsFetch || record.kind !== 'event') return;
    let cancelled = false;
    void api.getEvent(connectionId, record.index).then((event) => {
      if (!cancelled && event) setFull({ key, data: event.data });
    });
    return () => {
      cancelled = true;
    };
  }, [api, connectionId, needsFetch, record, key]);
  if (record.kind !== 'event') return null;
  if (!record.truncated) return record.data;
  return full?.key === key ? full.data : null;
}

interface EventDetailProps {
  connectionId: number;
  /** Wall-clock ms of the connection's start: record times are relative to it. */
  startedAt: number;
}

/**
 * The selected row in full. It takes the connection's id and start, not its status, so the
 * status changing with every batch does not re-render it; the revision is read only until the
 * selected row has arrived.
 */
export const EventDetail = memo(function EventDetail({
  connectionId,
  startedAt,
}: EventDetailProps) {
  const selectedSeq = useInspectorStore((state) => state.selectedSeq[connectionId] ?? null);
  useInspectorStore((state) =>
    selectedSeq === null || timelineLog(connectionId).rowOfSeq(selectedSeq) !== -1
      ? -1
      : state.revision,
  );
  const entry =
    selectedSeq === null ? undefined : timelineLog(connectionId).entryBySeq(selectedSeq);
  if (!entry) {
    return (
      <section className="detail" aria-label="Event detail" data-testid="event-detail">
        <div className="empty-state small">
          <p>Select a row to see its details.</p>
          <p className="muted">Arrow keys move the selection in the timeline.</p>
        </div>
      </section>
    );
  }
  return (
    <EntryDetail key={entry.seq} connectionId={connectionId} startedAt={startedAt} entry={entry} />
  );
});

function EntryDetail({
  connectionId,
  startedAt,
  entry,
}: EventDetailProps & { entry: TimelineEntry }) {
  const record = entry.record;
  const data = useFullData(connectionId, record);
  const json = useMemo(() => (data === null ? undefined : parseJson(data)), [data]);
  const [showRaw, setShowRaw] = useState(false);
  const wall = startedAt + record.t;
  return (
    <section className="detail" aria-label="Event detail" data-testid="event-detail">
      <div className="detail-header">
        <h2 className="detail-title">
          {record.kind === 'event' ? `Event “${record.type}”` : describeRecord(record).label}
        </h2>
        {data !== null && <CopyButton text={data} label="Copy data" />}
        <CopyButton text={JSON.stringify(record, null, 2)} label="Copy as JSON" />
      </div>
      <dl className="detail-fields">
        <dt>Arrived</dt>
        <dd>
          {formatClock(wall)} <span className="muted">(+{record.t.toFixed(1)} ms)</span>
        </dd>
        <dt>Attempt</dt>
        <dd>#{record.attempt}</dd>
        {record.kind === 'event' && (
          <>
            <dt>Type</dt>
            <dd>{record.type}</dd>
            <dt>Last-Event-ID</dt>
            <dd>
              {record.lastEventId === '' ? (
                <span className="muted">(empty)</span>
              ) : (
                record.lastEventId
              )}
            </dd>
            <dt>Bytes</dt>
            <dd data-testid="detail-byte-range">
              [{record.start}, {record.end}) · {record.end - record.start} bytes
            </dd>
            <dt>Data</dt>
            <dd>{formatCount(record.dataLength)} characters</dd>
          </>
        )}
        {record.kind !== 'event' && <LifecycleFields record={record} />}
      </dl>
      {record.kind === 'event' && (
        <div className="detail-data">
          {data === null ? (
            <p className="muted">Loading the full data…</p>
          ) : json !== undefined && !showRaw ? (
            <>
              <button type="button" className="link-button" onClick={() => setShowRaw(true)}>
                Show raw text
              </button>
              <JsonTree value={json} />
            </>
          ) : (
            <>
              {json !== undefined && (
                <button type="button" className="link-button" onClick={() => setShowRaw(false)}>
                  Show JSON tree
                </button>
              )}
              <pre className="data-text" data-testid="detail-data-text">
                {data}
              </pre>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function LifecycleFields({ record }: { record: Exclude<TimelineRecord, { kind: 'event' }> }) {
  const text = describeRecord(record).text;
  const headers =
    record.kind === 'response' || record.kind === 'redirect'
      ? record.headers
      : record.kind === 'attempt'
        ? record.request.headers
        : null;
  return (
    <>
      <dt>Summary</dt>
      <dd>{text}</dd>
      {record.kind === 'comment' && record.truncated && (
        <>
          <dt>Text</dt>
          <dd data-testid="detail-comment-cut">
            first {formatCount(record.text.length)} of {formatCount(record.textLength)} characters
            shown; the raw view has every byte
          </dd>
        </>
      )}
      {'offset' in record && record.offset !== null && (
        <>
          <dt>Byte offset</dt>
          <dd>{record.offset}</dd>
        </>
      )}
      {headers && (
        <>
          <dt>Headers</dt>
          <dd>
            <table className="headers-table">
              <tbody>
                {headers.map(([name, value], i) => (
                  <tr key={i}>
                    <th scope="row">{name}</th>
                    <td>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </dd>
        </>
      )}
    </>
  );
}
