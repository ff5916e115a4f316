import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';

/** The state as the user reads it, with the countdown while a reconnect is scheduled. */
export function describeState(
  status: Pick<ConnectionStatus, 'state' | 'attempt' | 'nextAttemptAt' | 'error'>,
  now: number,
): string {
  switch (status.state) {
    case 'connecting':
      return status.attempt > 1 ? `connecting (attempt ${status.attempt})` : 'connecting';
    case 'open':
      return 'open';
    case 'waiting': {
      if (status.nextAttemptAt === null) return 'reconnecting';
      const seconds = Math.max(0, (status.nextAttemptAt - now) / 1000);
      return `reconnecting in ${seconds < 10 ? seconds.toFixed(1) : Math.ceil(seconds)} s`;
    }
    case 'paused':
      return 'paused (auto-reconnect off)';
    case 'closed':
      return 'closed';
    case 'failed':
      return status.error ? `failed: ${status.error.category}` : 'failed';
  }
}

export function isActive(status: Pick<ConnectionStatus, 'state'>): boolean {
  return status.state === 'connecting' || status.state === 'open' || status.state === 'waiting';
}
