// Test helper (not part of the app): every timeline query of a session, checked against the plain
// list of records it should hold.
import { expect } from 'vitest';
import type { TimelineKind } from '../../../shared/capture/record-kinds.ts';
import type { StoredRecord, TimelineFilter } from './types.ts';
import type { Workspace } from './workspace.ts';

function matches(filter: TimelineFilter, record: StoredRecord): boolean {
  if (filter.kinds !== undefined && !filter.kinds.includes(record.kind)) return false;
  return (
    record.kind !== 'event' ||
    filter.eventTypes === undefined ||
    filter.eventTypes.includes(record.type)
  );
}

/** The filters worth checking for these records: none, by kind, by each event type, mixed. */
function filtersFor(timeline: readonly StoredRecord[]): TimelineFilter[] {
  const types = [...new Set(timeline.flatMap((r) => (r.kind === 'event' ? [r.type] : [])))];
  const kinds = [...new Set(timeline.map((r) => r.kind))].filter((kind) => kind !== 'event');
  const some = kinds.slice(0, 1) as TimelineKind[];
  return [
    {},
    { kinds: ['event'] },
    { kinds: ['event', ...some] },
    ...kinds.map((kind) => ({ kinds: [kind] })),
    ...types.map((type) => ({ kinds: ['event' as const], eventTypes: [type] })),
    { kinds: ['event', ...some], eventTypes: types.slice(0, 2) },
    { eventTypes: types.slice(-1) },
  ];
}

/**
 * Counts, positions ↔ seqs, pages forward, backward and between two seqs (for every seq), and
 * events by index: each as `timeline` (the session's records without chunks, by seq) says.
 */
export function expectTimelineQueries(
  workspace: Workspace,
  sessionId: number,
  timeline: readonly StoredRecord[],
): void {
  for (const filter of filtersFor(timeline)) {
    const matching = timeline
      .map((record, seq) => ({ seq, record }))
      .filter(({ record }) => matches(filter, record));
    const seqs = matching.map((entry) => entry.seq);
    const where = JSON.stringify(filter);
    expect(workspace.countTimeline(sessionId, filter), where).toBe(matching.length);
    seqs.forEach((seq, position) => {
      expect(workspace.timelineSeqAt(sessionId, position, filter), where).toBe(seq);
      expect(workspace.timelinePositionOf(sessionId, seq, filter), where).toBe(position);
    });
    expect(workspace.timelineSeqAt(sessionId, matching.length, filter), where).toBeNull();
    for (let seq = -1; seq <= timeline.length; seq++) {
      const after = workspace.readTimeline(sessionId, { ...filter, afterSeq: seq, limit: 3 });
      expect(after, `${where} after ${seq}`).toEqual(
        matching.filter((entry) => entry.seq > seq).slice(0, 3),
      );
      const before = workspace.readTimeline(sessionId, { ...filter, beforeSeq: seq, limit: 3 });
      expect(
        before.map((entry) => entry.seq),
        `${where} before ${seq}`,
      ).toEqual(seqs.filter((s) => s < seq).slice(-3));
      const between = workspace.readTimeline(sessionId, {
        ...filter,
        afterSeq: seq - 4,
        beforeSeq: seq,
        limit: 10,
      });
      expect(
        between.map((entry) => entry.seq),
        `${where} in (${seq - 4}, ${seq})`,
      ).toEqual(seqs.filter((s) => s > seq - 4 && s < seq));
    }
  }
  const events = timeline.filter((record) => record.kind === 'event');
  events.forEach((record, index) => {
    expect(workspace.getEvent(sessionId, index)?.record).toEqual(record);
  });
  expect(workspace.getEvent(sessionId, events.length)).toBeNull();
}
