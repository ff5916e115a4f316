import { describe, expect, it } from 'vitest';
import { appCommands } from '../../../shared/desktop/app-commands.ts';
import { planCommand, type CommandContext } from './command-plan.ts';

type Selected = NonNullable<CommandContext['selected']>;
const live = (patch: Partial<Selected> = {}): Selected => ({
  id: 2,
  state: 'open',
  historical: false,
  proxied: false,
  ...patch,
});
const context = (selected: Selected | null, order = [1, 2, 3]): CommandContext => ({
  selected,
  order,
});

describe('planCommand', () => {
  it('always focuses the URL, connects and opens the shortcuts sheet', () => {
    for (const command of ['focus-url', 'connect', 'shortcuts'] as const) {
      expect(planCommand(command, context(null, []))).toEqual({ applies: true });
    }
  });

  it('runs the connection commands on the selected open connection', () => {
    for (const command of ['disconnect', 'reconnect', 'drop', 'search', 'export'] as const) {
      expect(planCommand(command, context(live()))).toEqual({ applies: true, connectionId: 2 });
    }
  });

  it('says why every connection command does nothing without a selection', () => {
    for (const command of ['disconnect', 'reconnect', 'drop', 'search', 'export'] as const) {
      expect(planCommand(command, context(null))).toEqual({
        applies: false,
        reason: 'No connection is selected.',
      });
    }
  });

  it('refuses the engine controls on a proxied stream but drops its client', () => {
    const proxied = context(live({ proxied: true }));
    expect(planCommand('disconnect', proxied)).toMatchObject({ applies: false });
    expect(planCommand('reconnect', proxied)).toMatchObject({
      applies: false,
      reason: expect.stringContaining('proxied stream'),
    });
    expect(planCommand('drop', proxied)).toEqual({ applies: true, connectionId: 2 });
    expect(
      planCommand('drop', context(live({ proxied: true, state: 'connecting' }))),
    ).toMatchObject({ applies: false });
  });

  it('treats a recorded session as read-only but still exports and searches it', () => {
    const recorded = context(live({ historical: true, state: 'closed' }));
    for (const command of ['disconnect', 'reconnect', 'drop'] as const) {
      expect(planCommand(command, recorded)).toEqual({
        applies: false,
        reason: 'A recorded session is read-only.',
      });
    }
    expect(planCommand('export', recorded)).toEqual({ applies: true, connectionId: 2 });
    expect(planCommand('search', recorded)).toEqual({ applies: true, connectionId: 2 });
  });

  it('does not disconnect, reconnect or drop a connection that has ended', () => {
    for (const state of ['closed', 'failed'] as const) {
      for (const command of ['disconnect', 'reconnect', 'drop'] as const) {
        expect(planCommand(command, context(live({ state })))).toMatchObject({ applies: false });
      }
    }
    expect(planCommand('reconnect', context(live({ state: 'waiting' })))).toMatchObject({
      applies: true,
    });
  });

  it('moves to the next and previous connection, wrapping at the ends', () => {
    expect(planCommand('next-connection', context(live({ id: 2 })))).toEqual({
      applies: true,
      connectionId: 3,
    });
    expect(planCommand('next-connection', context(live({ id: 3 })))).toEqual({
      applies: true,
      connectionId: 1,
    });
    expect(planCommand('previous-connection', context(live({ id: 1 })))).toEqual({
      applies: true,
      connectionId: 3,
    });
  });

  it('starts from the first (next) or last (previous) connection when none is selected', () => {
    expect(planCommand('next-connection', context(null))).toEqual({
      applies: true,
      connectionId: 1,
    });
    expect(planCommand('previous-connection', context(null))).toEqual({
      applies: true,
      connectionId: 3,
    });
    expect(planCommand('next-connection', context(null, []))).toMatchObject({ applies: false });
  });

  it('has a plan for every command in the list', () => {
    for (const command of appCommands) {
      expect(planCommand(command.id, context(live()))).toHaveProperty('applies');
    }
  });
});
