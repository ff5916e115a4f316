import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import { describeState, isActive } from './connection-state.ts';

type Described = Parameters<typeof describeState>[0];

const status = (patch: Partial<Described>): Described => ({
  state: 'open',
  attempt: 1,
  nextAttemptAt: null,
  error: null,
  ...patch,
});

describe('describeState', () => {
  it('names the attempt only after the first', () => {
    expect(describeState(status({ state: 'connecting', attempt: 1 }), 0)).toBe('connecting');
    expect(describeState(status({ state: 'connecting', attempt: 3 }), 0)).toBe(
      'connecting (attempt 3)',
    );
  });

  it('counts down to a scheduled reconnect, with tenths under ten seconds', () => {
    const waiting = (nextAttemptAt: number | null) => status({ state: 'waiting', nextAttemptAt });
    expect(describeState(waiting(12_400), 0)).toBe('reconnecting in 13 s');
    expect(describeState(waiting(2_500), 0)).toBe('reconnecting in 2.5 s');
    expect(describeState(waiting(1_000), 5_000)).toBe('reconnecting in 0.0 s');
    expect(describeState(waiting(null), 0)).toBe('reconnecting');
  });

  it('says why a connection failed when the error is known', () => {
    const error = { category: 'refused' as const, message: 'ECONNREFUSED' };
    expect(describeState(status({ state: 'failed', error }), 0)).toBe('failed: refused');
    expect(describeState(status({ state: 'failed' }), 0)).toBe('failed');
    expect(describeState(status({ state: 'paused' }), 0)).toBe('paused (auto-reconnect off)');
  });
});

describe('isActive', () => {
  it('is true while the connection is running or about to run again', () => {
    const running: Array<ConnectionStatus['state']> = ['connecting', 'open', 'waiting'];
    const stopped: Array<ConnectionStatus['state']> = ['paused', 'closed', 'failed'];
    for (const state of running) expect(isActive({ state })).toBe(true);
    for (const state of stopped) expect(isActive({ state })).toBe(false);
  });
});
