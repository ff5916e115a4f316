import type { BufferBurst } from './types.ts';

/** Candidate bursts kept (they need a silence of minSilenceMs, so a stream has few). */
const MAX_CANDIDATES = 5000;

interface OpenBurst extends BufferBurst {
  lastT: number;
}

/**
 * Splits timed events into bursts (runs whose gaps are ≤ burstGapMs) as they arrive, keeping the
 * ones big enough and after a long enough silence to look like a buffer being flushed. Whether a
 * silence is "long" also depends on the median gap, known only at the end, so candidates are kept
 * with their silence and filtered when a report is made.
 */
export class BurstTracker {
  private readonly burstGapMs: number;
  private readonly minBurstEvents: number;
  private readonly minSilenceMs: number;
  private readonly candidates: BufferBurst[] = [];
  private open: OpenBurst | null = null;
  /** Bursts started per attempt: one burst for a whole attempt means nothing streamed. */
  readonly burstsPerAttempt = new Map<number, number>();

  constructor(burstGapMs: number, minBurstEvents: number, minSilenceMs: number) {
    this.burstGapMs = burstGapMs;
    this.minBurstEvents = minBurstEvents;
    this.minSilenceMs = minSilenceMs;
  }

  /** `sinceT`: what the silence before an attempt's first event is measured from (null: unknown). */
  add(attempt: number, t: number, bytes: number, sinceT: number | null): void {
    const open = this.open;
    if (open !== null && open.attempt === attempt && t - open.lastT <= this.burstGapMs) {
      open.events++;
      open.bytes += bytes;
      open.lastT = Math.max(open.lastT, t);
      open.spanMs = open.lastT - open.t;
      return;
    }
    if (open !== null) this.keepIfCandidate(open);
    const sameAttempt = open !== null && open.attempt === attempt;
    const silence = sameAttempt ? t - open.lastT : sinceT === null ? null : t - sinceT;
    this.burstsPerAttempt.set(attempt, (this.burstsPerAttempt.get(attempt) ?? 0) + 1);
    this.open = { attempt, t, lastT: t, silenceMs: silence ?? -1, events: 1, bytes, spanMs: 0 };
  }

  /** Bursts of at least minBurstEvents after a silence of at least `thresholdMs`. */
  bursts(thresholdMs: number): BufferBurst[] {
    const all =
      this.open !== null && this.isCandidate(this.open)
        ? [...this.candidates, this.open]
        : this.candidates;
    return all
      .filter((burst) => burst.silenceMs >= thresholdMs)
      .map(({ attempt, t, silenceMs, events, bytes, spanMs }) => ({
        attempt,
        t,
        silenceMs,
        events,
        bytes,
        spanMs,
      }));
  }

  private isCandidate(burst: BufferBurst): boolean {
    return burst.events >= this.minBurstEvents && burst.silenceMs >= this.minSilenceMs;
  }

  private keepIfCandidate(burst: OpenBurst): void {
    if (this.isCandidate(burst) && this.candidates.length < MAX_CANDIDATES) {
      const { lastT: _lastT, ...kept } = burst;
      this.candidates.push(kept);
    }
  }
}
