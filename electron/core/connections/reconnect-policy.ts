import type { ReconnectPolicy } from '../../../shared/capture/request-spec.ts';

export interface ReconnectDelayInput {
  policy: ReconnectPolicy;
  /** The event source's reconnection time: the last valid `retry` field, else the default. */
  reconnectionTimeMs: number;
  /** Whether a `retry` field set `reconnectionTimeMs` (only changes the reason text). */
  retryFromServer: boolean;
  /** Consecutive attempts that ended without delivering an event, counting the last (≥ 1). */
  failureStreak: number;
  /** Uniform in [0, 1), like Math.random; injected so tests are deterministic. */
  random: () => number;
}

export interface ReconnectDelay {
  /** What to wait, jitter included. */
  delayMs: number;
  /** The delay the mode chose before jitter. */
  baseDelayMs: number;
  /** How it was chosen, for the timeline, e.g. "backoff step 3: 1000 ms × 2^2 (−8% jitter)". */
  reason: string;
}

/**
 * The wait before the next attempt. `spec` mode is the standard's "wait a delay equal to the
 * reconnection time of the event source" (WHATWG HTML §9.2.3, reestablish the connection, step
 * 1); `fixed` and `backoff` are the inspector's overrides (the standard allows a UA to wait more,
 * "in particular, if the previous attempt failed"). Jitter, when set, spreads every mode by up to
 * ±jitter × delay; backoff stays within its cap even after jitter.
 */
export function nextReconnectDelay(input: ReconnectDelayInput): ReconnectDelay {
  const { policy } = input;
  let base: number;
  let reason: string;
  let cap = Number.POSITIVE_INFINITY;
  if (policy.delayMode === 'fixed') {
    base = policy.fixedDelayMs;
    reason = `fixed delay ${base} ms (override)`;
  } else if (policy.delayMode === 'backoff') {
    const step = Math.max(1, Math.floor(input.failureStreak));
    const raw = policy.initialDelayMs * policy.multiplier ** (step - 1);
    cap = policy.maxDelayMs;
    base = Math.round(Math.min(raw, cap));
    reason =
      `backoff step ${step}: ${policy.initialDelayMs} ms × ${policy.multiplier}^${step - 1}` +
      (raw > cap ? `, capped at ${cap} ms` : '');
  } else {
    base = input.reconnectionTimeMs;
    reason = input.retryFromServer
      ? `server retry field: ${base} ms`
      : `default reconnection time ${base} ms`;
  }
  if (policy.jitter <= 0 || base === 0) return { delayMs: base, baseDelayMs: base, reason };
  const factor = policy.jitter * (2 * input.random() - 1);
  const delayMs = Math.max(0, Math.min(cap, Math.round(base * (1 + factor))));
  const percent = Math.round(((delayMs - base) / base) * 100);
  const signed = percent >= 0 ? `+${percent}` : `−${-percent}`;
  return { delayMs, baseDelayMs: base, reason: `${reason} (${signed}% jitter)` };
}

/** Whether `attemptsMade` attempts use up the policy's limit (no limit when null). */
export function attemptsExhausted(policy: ReconnectPolicy, attemptsMade: number): boolean {
  return policy.maxAttempts !== null && attemptsMade >= policy.maxAttempts;
}
