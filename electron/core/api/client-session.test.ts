import { describe, expect, it } from 'vitest';
import type { AppNotice } from '../../../shared/ipc/api.ts';
import { ClientSession, maxHeldNotices } from './client-session.ts';

describe('ClientSession', () => {
  it('holds pushes until the renderer is ready, then delivers them in order', () => {
    const sent: string[] = [];
    const client = new ClientSession((_name, payload) => sent.push((payload as AppNotice).message));
    client.push('notice', { level: 'info', message: 'one' });
    client.push('notice', { level: 'info', message: 'two' });
    expect(sent).toEqual([]);
    client.rendererReady();
    client.push('notice', { level: 'info', message: 'three' });
    expect(sent).toEqual(['one', 'two', 'three']);
  });

  it('does not hold capture frames before the renderer is ready', () => {
    const sent: string[] = [];
    const client = new ClientSession((name) => sent.push(name));
    client.push('frames', { statuses: [], rows: [], chunks: [] });
    client.push('notice', { level: 'info', message: 'kept' });
    client.rendererReady();
    expect(sent).toEqual(['notice']);
  });

  it('holds what the OS asked the app to open, in order with the notices', () => {
    const sent: string[] = [];
    const client = new ClientSession((name) => sent.push(name));
    client.push('appIntent', { kind: 'open-session', sessionId: 4, name: 'x' });
    client.push('notice', { level: 'info', message: 'imported' });
    client.push('proxyState', { running: false });
    client.rendererReady();
    expect(sent).toEqual(['appIntent', 'notice']);
  });
});

describe('ClientSession before the renderer is ready', () => {
  it(`holds at most ${maxHeldNotices} notices, then only counts them`, () => {
    const sent: string[] = [];
    const client = new ClientSession((_name, payload) => sent.push((payload as AppNotice).message));
    for (let i = 0; i < maxHeldNotices + 50; i++) {
      client.push('notice', { level: 'error', message: `notice ${i}` });
      client.push('exportProgress', { sessionId: 1, done: i, total: 1000 });
    }
    client.rendererReady();
    expect(sent).toHaveLength(maxHeldNotices + 1);
    expect(sent[0]).toBe('notice 0');
    expect(sent.at(-1)).toBe(
      '50 more notices arrived before this window was ready and were dropped.',
    );
  });
});
