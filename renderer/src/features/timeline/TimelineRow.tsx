import { memo } from 'react';
import type { TimelineEntry } from '../../../../shared/capture/live-frames.ts';
import { describeRecord } from '../../format/describe-record.ts';
import { formatClock, formatDelta, typeHue } from '../../format/format.ts';

interface TimelineRowProps {
  id: string;
  /** Its place in the grid, counting the header as row 1 (the list is virtualized). */
  rowIndex: number;
  entry: TimelineEntry;
  previousT: number | null;
  startedAt: number;
  selected: boolean;
  onSelect: (seq: number) => void;
}

export const TimelineRow = memo(function TimelineRow({
  id,
  rowIndex,
  entry,
  previousT,
  startedAt,
  selected,
  onSelect,
}: TimelineRowProps) {
  const record = entry.record;
  const row = describeRecord(record);
  const isEvent = record.kind === 'event';
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`timeline-row ${isEvent ? 'row-event' : `row-lifecycle row-${record.kind}`}${selected ? ' selected' : ''}`}
      onClick={() => onSelect(entry.seq)}
      data-seq={entry.seq}
      data-kind={record.kind}
    >
      <span role="gridcell" className="cell-time">
        {formatClock(startedAt + record.t)}
      </span>
      <span role="gridcell" className="cell-delta">
        {previousT === null ? '' : `+${formatDelta(record.t - previousT)}`}
      </span>
      <span role="gridcell" className="cell-type">
        {isEvent ? (
          <span className="type-pill" style={{ ['--hue' as string]: typeHue(row.label) }}>
            {row.label}
          </span>
        ) : (
          <span className={`kind-label kind-${record.kind}`}>{row.label}</span>
        )}
      </span>
      <span role="gridcell" className="cell-id" title={row.id}>
        {row.id}
      </span>
      <span role="gridcell" className="cell-size">
        {row.size}
      </span>
      <span role="gridcell" className="cell-data">
        {row.text}
      </span>
    </div>
  );
});
