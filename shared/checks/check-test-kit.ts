// Record builders for the checks' tests (not a test file itself): synthetic times, no clock.
import type { CheckRecord } from './check-types.ts';

export interface StreamEvent {
  type?: string;
  data?: string;
  id?: string;
  t?: number;
  attempt?: number;
}

/** A live capture: attempt 1 sent at t=0, a 200 event-stream response, the events, a close. */
export function liveRecords(
  events: StreamEvent[],
  response: { status?: number; contentType?: string | null } = {},
): CheckRecord[] {
  const records: CheckRecord[] = [
    { kind: 'attempt', attempt: 1, t: 0, lastEventId: null },
    {
      kind: 'response',
      attempt: 1,
      t: 5,
      status: response.status ?? 200,
      contentType: response.contentType === undefined ? 'text/event-stream' : response.contentType,
    },
  ];
  let last = 5;
  events.forEach((event, index) => {
    last = event.t ?? last + 10;
    records.push(eventRecord(event, index, last));
  });
  records.push({ kind: 'closed', attempt: 1, t: last + 1, reason: 'server-closed' });
  return records;
}

export function eventRecord(event: StreamEvent, index: number, t: number | null): CheckRecord {
  return {
    kind: 'event',
    attempt: event.attempt ?? 1,
    t,
    index,
    type: event.type ?? 'message',
    data: event.data ?? '',
    lastEventId: event.id ?? '',
  };
}
