import { InspectorError } from '../../../shared/errors.ts';
import { mimeEssence } from '../connections/response-check.ts';
import { timelineEntries } from '../files/session-pages.ts';
import type { AttemptDetail, SessionDetail } from '../workspace/types.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** What one replayed response sends: a status, headers, and an attempt's body from an offset. */
export type ReplayPlan =
  | {
      kind: 'stream';
      attempt: AttemptDetail;
      /** First body byte to send (after the resumed event), 0 from the start. */
      fromOffset: number;
      status: number;
      statusText: string;
      headers: Record<string, string>;
    }
  | {
      /** Nothing left after the client's Last-Event-ID: 204 tells an EventSource to stop. */
      kind: 'done';
    };

/**
 * The attempt served when the client sends no Last-Event-ID: the one asked for, else the first
 * that got a response (attempt 1 unless it failed before any response).
 */
export function defaultAttempt(session: SessionDetail, wanted: number | null): AttemptDetail {
  if (wanted !== null) {
    const chosen = session.attemptDetails.find((a) => a.attempt === wanted);
    if (chosen === undefined) {
      throw new InspectorError(
        'not-found',
        `Session ${session.id} has no attempt ${wanted} (it has ${session.attempts}).`,
      );
    }
    return chosen;
  }
  const first =
    session.attemptDetails.find((a) => a.status !== null) ?? session.attemptDetails[0] ?? null;
  if (first === null) {
    throw new InspectorError(
      'not-found',
      `Session ${session.id} has no connection attempt to replay.`,
    );
  }
  return first;
}

/**
 * Where a reconnecting client resumes: just after the first event whose last event ID is `id`
 * (the event that set it; later events only carry it on), in the attempt where it occurred; or,
 * when no event of that attempt follows it (only keep-alives, or nothing), the next attempt with
 * a body: what the server sent the recorded client when it reconnected. Replaying the rest of
 * the attempt instead would send a client that already had it round in circles. Null when the
 * session has no such event.
 */
export function resumePoint(
  workspace: Workspace,
  session: SessionDetail,
  id: string,
): { attempt: AttemptDetail; fromOffset: number } | 'end' | null {
  let found: { attempt: number; end: number } | null = null;
  let eventFollows = false;
  for (const entry of timelineEntries(workspace, session.id, {
    kinds: ['event'],
    fullData: false,
    previewChars: 0,
  })) {
    const record = entry.record;
    if (record.kind !== 'event') continue;
    if (found !== null) {
      eventFollows = record.attempt === found.attempt;
      break;
    }
    if (record.lastEventId === id) found = { attempt: record.attempt, end: record.end };
  }
  if (found === null) return null;
  const { attempt, end } = found;
  const same = session.attemptDetails.find((a) => a.attempt === attempt);
  if (same !== undefined && eventFollows) return { attempt: same, fromOffset: end };
  const next = session.attemptDetails.find((a) => a.attempt > attempt && a.bytes > 0);
  return next === undefined ? 'end' : { attempt: next, fromOffset: 0 };
}

function responseHeaders(session: SessionDetail, attempt: AttemptDetail): Record<string, string> {
  const recorded = attempt.contentType;
  return {
    // The recorded type when it is an event stream (keeps a charset parameter), else the right one.
    'Content-Type':
      recorded !== null && mimeEssence(recorded) === 'text/event-stream'
        ? recorded
        : 'text/event-stream',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
    'X-SSE-Inspector-Replay': `session ${session.id} attempt ${attempt.attempt}`,
  };
}

export function planReplay(
  workspace: Workspace,
  session: SessionDetail,
  options: { attempt: number | null; lastEventId: string | null; loop: boolean },
): ReplayPlan {
  let attempt = defaultAttempt(session, options.attempt);
  let fromOffset = 0;
  if (options.lastEventId !== null) {
    const point = resumePoint(workspace, session, options.lastEventId);
    if (point === 'end') {
      if (!options.loop) return { kind: 'done' };
    } else if (point !== null) {
      ({ attempt, fromOffset } = point);
    }
  }
  return {
    kind: 'stream',
    attempt,
    fromOffset,
    // A recorded failure replays as such; an attempt with no response at all is served as 200.
    status: attempt.status ?? 200,
    statusText: attempt.statusText ?? 'OK',
    headers: responseHeaders(session, attempt),
  };
}
