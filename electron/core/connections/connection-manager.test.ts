import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { InspectorError } from '../../../shared/errors.ts';
import { createHarness, testSpec } from './connection-test-kit.ts';

let fixture: FixtureServer;
beforeAll(async () => (fixture = await startFixtureServer()));
afterAll(() => fixture.close());

describe('ConnectionManager.remove', () => {
  it('closes a running connection and keeps nothing of it; its session stays recorded', async () => {
    const { manager, store, of, state } = createHarness();
    const id = manager.open(testSpec(`${fixture.url}/drip?count=1000&interval=50`));
    await state(id, 'open');
    manager.remove(id);
    expect(manager.list()).toEqual([]);
    const unknown = expect.objectContaining({
      code: 'not-found',
      message: `No connection with id ${id}.`,
    });
    expect(() => manager.get(id)).toThrow(InspectorError);
    expect(() => manager.get(id)).toThrow(unknown);
    expect(() => manager.reconnectNow(id)).toThrow(unknown);
    // The close still reached the store: the session ended as closed.
    expect(of(id, 'closed')).toHaveLength(1);
    expect(store.sessions.get(id)?.outcome).toBe('closed');
  });

  it('forgets a finished connection', async () => {
    const { manager, finished } = createHarness();
    const id = manager.open(
      testSpec(`${fixture.url}/drip?count=2&interval=0`, { reconnect: { maxAttempts: 1 } }),
    );
    await finished(id);
    manager.remove(id);
    expect(manager.list()).toEqual([]);
  });
});
