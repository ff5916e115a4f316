import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { ConnectionManager } from './connection-manager.ts';

/**
 * Runs one connection to its end for a command: `open()` starts it (returning its id), Ctrl-C
 * (SIGINT/SIGTERM) and `durationMs` call `stop`, and the manager is closed and flushed whatever
 * happens. Resolves with the connection's final status (closed or failed).
 */
export async function runToEnd(
  manager: ConnectionManager,
  open: () => number,
  stop: () => void,
  durationMs: number | null,
): Promise<ConnectionStatus> {
  const finished = new Promise<ConnectionStatus>((resolve) => {
    manager.onStatus((status) => {
      if (status.state === 'closed' || status.state === 'failed') resolve(status);
    });
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const timer = durationMs === null ? null : setTimeout(stop, durationMs);
  try {
    open();
    return await finished;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (timer !== null) clearTimeout(timer);
    await manager.closeAll();
  }
}
