import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectorCore } from '../inspector-core.ts';
import { ApiCallError } from './api-dispatcher.ts';
import type { ClientSession } from './client-session.ts';
import { handleIpcCall, refusedSenderMessage, type IpcSender } from './ipc-gate.ts';

let core: InspectorCore;
let client: ClientSession;

beforeAll(() => {
  core = new InspectorCore({ host: 'desktop', version: '1.2.3', workspacePath: ':memory:' });
  client = core.attachClient(() => {});
});

afterAll(async () => {
  await core.close();
});

const ownPage: IpcSender = {
  fromMainWindow: true,
  frameUrl: 'app://inspector/index.html',
  isMainFrame: true,
};

function call(method: string, args: unknown[], sender: IpcSender, devServerUrl?: string) {
  const logged: string[] = [];
  const result = handleIpcCall(core, client, `inspector:${method}`, method, args, sender, {
    log: (message) => logged.push(message),
    ...(devServerUrl === undefined ? {} : { devServerUrl }),
  });
  return { result, logged };
}

describe('the IPC gate', () => {
  it('runs a well-formed call from the top-level frame of our own page', async () => {
    const { result, logged } = call('getAppInfo', [], ownPage);
    await expect(result).resolves.toMatchObject({ host: 'desktop', version: '1.2.3' });
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
    await expect(result).rejects.toThrow(refusedSenderMessage);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Refused IPC inspector:connect from /);
    expect(core.listConnections()).toHaveLength(connections);
  });

  it('trusts the dev server only when one is configured', async () => {
    const dev: IpcSender = { ...ownPage, frameUrl: 'http://localhost:5173/' };
    await expect(call('getAppInfo', [], dev).result).rejects.toThrow(refusedSenderMessage);
    await expect(
      call('getAppInfo', [], dev, 'http://localhost:5173/').result,
    ).resolves.toBeTruthy();
  });

  it('refuses and logs malformed arguments and unknown methods with a clear message', async () => {
    const bad = call('connect', [{ url: 42 }], ownPage);
    const error = await bad.result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).code).toBe('invalid-arguments');
    expect((error as ApiCallError).message).toMatch(/^Invalid arguments for connect: /);
    expect(bad.logged).toEqual([`Refused IPC inspector:connect: ${(error as Error).message}`]);

    const extra = call('getAppInfo', ['unexpected'], ownPage);
    await expect(extra.result).rejects.toThrow(/Invalid arguments for getAppInfo/);
    expect(extra.logged).toHaveLength(1);

    const unknown = call('runShell', ['rm -rf /'], ownPage);
    await expect(unknown.result).rejects.toThrow('Unknown API method "runShell".');
    expect(unknown.logged).toHaveLength(1);
  });
});
