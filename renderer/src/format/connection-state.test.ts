import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import { defaultReconnectPolicy } from '../../../shared/capture/request-spec.ts';
import { describeState, isActive } from './connection-state.ts';

const status = (patch: Partial<ConnectionStatus>): ConnectionStatus => ({
  id: 1,
  url: 'http://127.0.0.1/x',
  method: 'GET',
  state: 'open',
  attempt: 1,
  status: 200,
  contentType: 'text/event-stream',
  httpVersion: '1.1',
  lastEventId: null,
  reconnectionTimeMs: 3000,
  policy: { ...defaultReconnectPolicy },
  nextAttemptAt: null,
  nextDelayMs: null,
  events: 0,
  bytes: 0,
  warnings: 0,
  error: null,
  startedAt: 0,
  endedAt: null,
  outcome: null,
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
    expect(
      ['connecting', 'open', 'waiting', 'paused', 'closed', 'failed'].map((state) =>
        isActive(status({ state: state as ConnectionStatus['state'] })),
      ),
    ).toEqual([true, true, true, false, false, false]);
  });
});
