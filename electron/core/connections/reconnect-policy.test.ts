import { describe, expect, it } from 'vitest';
import {
  reconnectPolicySchema,
  type ReconnectPolicy,
} from '../../../shared/capture/request-spec.ts';
import {
  attemptsExhausted,
  nextReconnectDelay,
  type ReconnectDelayInput,
} from './reconnect-policy.ts';

function input(
  policy: Partial<ReconnectPolicy>,
  rest: Partial<ReconnectDelayInput> = {},
): ReconnectDelayInput {
  return {
    policy: reconnectPolicySchema.parse(policy),
    reconnectionTimeMs: 3000,
    retryFromServer: false,
    failureStreak: 1,
    random: () => 0.5,
    ...rest,
  };
}

describe('nextReconnectDelay', () => {
  it('waits the default reconnection time in spec mode', () => {
    expect(nextReconnectDelay(input({}))).toEqual({
      delayMs: 3000,
      baseDelayMs: 3000,
      reason: 'default reconnection time 3000 ms',
    });
  });

  it("waits the server's retry value in spec mode", () => {
    const delay = nextReconnectDelay(input({}, { reconnectionTimeMs: 250, retryFromServer: true }));
    expect(delay).toMatchObject({ delayMs: 250, reason: 'server retry field: 250 ms' });
  });

  it('ignores the server in fixed mode', () => {
    const delay = nextReconnectDelay(
      input(
        { delayMode: 'fixed', fixedDelayMs: 40 },
        { reconnectionTimeMs: 250, retryFromServer: true },
      ),
    );
    expect(delay).toEqual({ delayMs: 40, baseDelayMs: 40, reason: 'fixed delay 40 ms (override)' });
  });

  it('grows the delay exponentially with the failure streak, up to the cap', () => {
    const policy = {
      delayMode: 'backoff',
      initialDelayMs: 100,
      multiplier: 3,
      maxDelayMs: 1000,
    } as const;
    const delays = [1, 2, 3, 4, 10].map(
      (failureStreak) => nextReconnectDelay(input(policy, { failureStreak })).delayMs,
    );
    expect(delays).toEqual([100, 300, 900, 1000, 1000]);
    expect(nextReconnectDelay(input(policy, { failureStreak: 4 })).reason).toBe(
      'backoff step 4: 100 ms × 3^3, capped at 1000 ms',
    );
  });

  it('treats a streak of 0 (the last attempt delivered events) as the first step', () => {
    const policy = { delayMode: 'backoff', initialDelayMs: 100 } as const;
    expect(nextReconnectDelay(input(policy, { failureStreak: 0 })).delayMs).toBe(100);
  });

  it('keeps jitter within ±jitter of the base delay, and backoff within its cap', () => {
    const policy = {
      delayMode: 'backoff',
      initialDelayMs: 1000,
      maxDelayMs: 1500,
      jitter: 0.3,
    } as const;
    for (let i = 0; i <= 100; i++) {
      const random = () => Math.min(i / 100, 0.999999);
      const first = nextReconnectDelay(input(policy, { random }));
      expect(first.baseDelayMs).toBe(1000);
      expect(first.delayMs).toBeGreaterThanOrEqual(700);
      expect(first.delayMs).toBeLessThanOrEqual(1300);
      const capped = nextReconnectDelay(input(policy, { random, failureStreak: 2 }));
      expect(capped.baseDelayMs).toBe(1500);
      expect(capped.delayMs).toBeGreaterThanOrEqual(1050);
      expect(capped.delayMs).toBeLessThanOrEqual(1500);
    }
  });

  it('says how much jitter was applied', () => {
    const delay = nextReconnectDelay(input({ jitter: 0.5 }, { random: () => 0 }));
    expect(delay).toEqual({
      delayMs: 1500,
      baseDelayMs: 3000,
      reason: 'default reconnection time 3000 ms (−50% jitter)',
    });
  });
});

describe('attemptsExhausted', () => {
  it('never stops without a limit, and stops at the limit', () => {
    expect(attemptsExhausted(reconnectPolicySchema.parse({}), 1_000_000)).toBe(false);
    const policy = reconnectPolicySchema.parse({ maxAttempts: 3 });
    expect(attemptsExhausted(policy, 2)).toBe(false);
    expect(attemptsExhausted(policy, 3)).toBe(true);
  });
});
