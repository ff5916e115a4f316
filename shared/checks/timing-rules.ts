import {
  fail,
  formatMs,
  pass,
  pending,
  skipped,
  type CheckRule,
  type Verdict,
} from './check-types.ts';

/**
 * The timing checks read the records' `t` (ms on the session's monotonic clock), so tests feed
 * synthetic times and no verdict depends on how fast the machine is. A raw file has no times:
 * they are skipped.
 */

const offlineNote = 'a raw stream file has no arrival times';

/**
 * `maxGapMs`: no silence longer than the limit between two events of an attempt, nor after an
 * attempt's last event until the stream ended (a stream that goes quiet and stays quiet fails).
 */
export function maxGapRule(limit: number, offline: boolean): CheckRule {
  let last: { attempt: number; index: number; t: number } | null = null;
  let worst: { ms: number; detail: string } | null = null;
  let ended = false;
  const note = (ms: number, detail: string): void => {
    if (ms > limit && (worst === null || ms > worst.ms)) worst = { ms, detail };
  };
  return {
    name: 'maxGapMs',
    push(record) {
      if (offline) return;
      if (record.kind === 'event' && record.t !== null) {
        if (last !== null && last.attempt === record.attempt) {
          const ms = record.t - last.t;
          note(
            ms,
            `${formatMs(ms)} between events ${last.index} and ${record.index} (limit ${limit})`,
          );
        }
        last = { attempt: record.attempt, index: record.index, t: record.t };
      } else if (record.kind === 'closed' && last !== null && last.attempt === record.attempt) {
        // A drop for the resume check or a user's close is not the server's silence.
        if (record.reason !== 'user-dropped') trailing(record.t);
        last = null;
      }
    },
    tick(t) {
      if (!offline) trailing(t);
    },
    end() {
      ended = true;
    },
    result(): Verdict {
      if (offline) return skipped(offlineNote);
      if (worst !== null) return fail(worst.detail);
      return ended ? pass(`no gap over ${limit} ms`) : pending(`no gap over ${limit} ms so far`);
    },
  };

  function trailing(t: number): void {
    if (last === null) return;
    const ms = t - last.t;
    note(ms, `${formatMs(ms)} after event ${last.index} without another (limit ${limit})`);
  }
}

/** `firstEventWithinMs`: from the first request to the first event. */
export function firstEventRule(limit: number, offline: boolean): CheckRule {
  let sentAt: number | null = null;
  let verdict: Verdict = offline ? skipped(offlineNote) : pending('no event yet');
  const late = (ms: number, what: string): Verdict =>
    fail(`${what} ${formatMs(ms)} after the request (limit ${limit})`);
  return {
    name: 'firstEventWithinMs',
    push(record) {
      if (offline || verdict.state !== 'pending') return;
      if (record.kind === 'attempt' && sentAt === null) sentAt = record.t;
      if (record.kind !== 'event' || record.t === null || sentAt === null) return;
      const ms = record.t - sentAt;
      verdict =
        ms > limit
          ? late(ms, 'the first event came')
          : pass(`the first event came ${formatMs(ms)} after the request`);
    },
    tick(t) {
      if (verdict.state === 'pending' && sentAt !== null && t - sentAt > limit) {
        verdict = late(t - sentAt, 'no event yet');
      }
    },
    end() {
      if (verdict.state === 'pending') verdict = fail('no event arrived');
    },
    result: () => verdict,
  };
}
