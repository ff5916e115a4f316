import type { AppCommandId } from '../../../shared/desktop/app-commands.ts';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';

/** What the commands look at: the selected connection and the list's order. */
export interface CommandContext {
  selected: Pick<ConnectionStatus, 'id' | 'state' | 'historical' | 'proxied'> | null;
  order: readonly number[];
}

export type CommandPlan =
  { applies: true; connectionId?: number } | { applies: false; reason: string };

const ended = (state: ConnectionStatus['state']) => state === 'closed' || state === 'failed';

/**
 * Whether a command applies now, and to which connection; otherwise the sentence the status
 * line reads out instead (a shortcut that does nothing must still say why).
 */
export function planCommand(command: AppCommandId, context: CommandContext): CommandPlan {
  const { selected, order } = context;
  switch (command) {
    case 'focus-url':
    case 'connect':
    case 'shortcuts':
      return { applies: true };
    case 'next-connection':
    case 'previous-connection': {
      if (order.length === 0) return { applies: false, reason: 'No connections to move between.' };
      const step = command === 'next-connection' ? 1 : -1;
      const at = selected === null ? -1 : order.indexOf(selected.id);
      const from = at === -1 ? (step > 0 ? -1 : order.length) : at;
      const next = order[(from + step + order.length) % order.length] as number;
      return { applies: true, connectionId: next };
    }
  }
  if (selected === null) return { applies: false, reason: 'No connection is selected.' };
  switch (command) {
    case 'search':
    case 'export':
      return { applies: true, connectionId: selected.id };
    case 'disconnect':
    case 'reconnect': {
      if (selected.historical)
        return { applies: false, reason: 'A recorded session is read-only.' };
      if (selected.proxied) {
        return {
          applies: false,
          reason: 'A proxied stream belongs to your client: only Drop applies.',
        };
      }
      if (ended(selected.state)) {
        return {
          applies: false,
          reason: 'This connection has ended; press Connect to start a new one.',
        };
      }
      return { applies: true, connectionId: selected.id };
    }
    case 'drop': {
      if (selected.historical)
        return { applies: false, reason: 'A recorded session is read-only.' };
      const live = selected.proxied
        ? selected.state === 'open'
        : selected.state === 'open' || selected.state === 'connecting';
      if (!live) return { applies: false, reason: 'The connection is not open: nothing to drop.' };
      return { applies: true, connectionId: selected.id };
    }
  }
}
