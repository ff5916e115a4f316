import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectorCore } from '../inspector-core.ts';
import type { CoreApi } from './api-dispatcher.ts';
import { handleIpcCall, refusedSenderMessage, type IpcSender } from './ipc-gate.ts';

let core: InspectorCore;
let api: CoreApi;

beforeAll(() => {
  core = new InspectorCore({ host: 'desktop', version: '1.2.3', workspacePath: ':memory:' });
  api = core.apiFor(core.attachClient(() => {}));
});

afterAll(async () => {
  await core.close();
});

const refused = { ok: false, error: { code: 'refused', message: refusedSenderMessage } };

const ownPage: IpcSender = {
  fromMainWindow: true,
  frameUrl: 'app://inspector/index.html',
  isMainFrame: true,
};

function call(method: string, args: unknown[], sender: IpcSender, devServerUrl?: string) {
  const logged: string[] = [];
  const result = handleIpcCall(api, `inspector:${method}`, method, args, sender, {
    log: (message) => logged.push(message),
    ...(devServerUrl === undefined ? {} : { devServerUrl }),
  });
  return { result, logged };
}

describe('the IPC gate', () => {
  it('runs a well-formed call from the top-level frame of our own page', async () => {
    const { result, logged } = call('getAppInfo', [], ownPage);
    await expect(result).resolves.toMatchObject({
      ok: true,
      value: { host: 'desktop', version: '1.2.3' },
    });
    expect(logged).toEqual([]);
  });

  it.each<[string, IpcSender]>([
    ['a subframe of our page', { ...ownPage, isMainFrame: false }],
    ['another window', { ...ownPage, fromMainWindow: false }],
    [
      'a page the window was navigated to',
      { ...ownPage, frameUrl: 'https://evil.example/index.html' },
    ],
    ['a frame that is gone', { ...ownPage, frameUrl: undefined }],
    ['a look-alike host', { ...ownPage, frameUrl: 'app://inspector.evil/index.html' }],
    ['a local file', { ...ownPage, frameUrl: 'file:///tmp/index.html' }],
  ])('refuses and logs a call from %s, before running anything', async (_label, sender) => {
    const connections = core.listConnections().length;
    const { result, logged } = call(
      'connect',
      [{ url: 'http://127.0.0.1:9/', method: 'GET' }],
      sender,
    );
    await expect(result).resolves.toEqual(refused);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Refused IPC inspector:connect from /);
    expect(core.listConnections()).toHaveLength(connections);
  });

  it('trusts the dev server only when one is configured', async () => {
    const dev: IpcSender = { ...ownPage, frameUrl: 'http://localhost:5173/' };
    await expect(call('getAppInfo', [], dev).result).resolves.toEqual(refused);
    await expect(
      call('getAppInfo', [], dev, 'http://localhost:5173/').result,
    ).resolves.toMatchObject({ ok: true });
  });

  it('refuses and logs malformed arguments and unknown methods with a clear message', async () => {
    const bad = call('connect', [{ url: 42 }], ownPage);
    const reply = await bad.result;
    if (reply.ok) throw new Error('a malformed call was run');
    expect(reply.error.code).toBe('invalid-arguments');
    expect(reply.error.message).toMatch(/^Invalid arguments for connect: /);
    expect(bad.logged).toEqual([`Refused IPC inspector:connect: ${reply.error.message}`]);

    const extra = call('getAppInfo', ['unexpected'], ownPage);
    await expect(extra.result).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments', message: expect.stringMatching(/for getAppInfo/) },
    });
    expect(extra.logged).toHaveLength(1);

    const unknown = call('runShell', ['rm -rf /'], ownPage);
    await expect(unknown.result).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'Unknown API method "runShell".' },
    });
    expect(unknown.logged).toHaveLength(1);
  });

  it('answers a user error with its code and message, without logging it', async () => {
    const { result, logged } = call('disconnect', [9999], ownPage);
    await expect(result).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No connection with id 9999.' },
    });
    expect(logged).toEqual([]);
  });
});
