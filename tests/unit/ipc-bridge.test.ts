import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreApi } from '../../electron/core/api/api-dispatcher.ts';
import { handleIpcCall, type IpcSender } from '../../electron/core/api/ipc-gate.ts';
import { InspectorCore } from '../../electron/core/inspector-core.ts';
import type { InspectorApi, InspectorBridge } from '../../shared/ipc/api.ts';
import { apiOverBridge, buildInspectorBridge } from '../../shared/ipc/build-api.ts';
import { invokeChannels, invokeMethods, pushMethod, pushNames } from '../../shared/ipc/channels.ts';
import { failureOf } from './failure-of.ts';

// The desktop route without Electron: the preload's bridge over the IPC gate, each reply
// cloned as Electron's IPC would, and the renderer's API over that bridge.
let core: InspectorCore;
let coreApi: CoreApi;
const logged: string[] = [];
const ownPage: IpcSender = {
  fromMainWindow: true,
  frameUrl: 'app://inspector/index.html',
  isMainFrame: true,
};

function desktopApi(sender: IpcSender): { bridge: InspectorBridge; api: InspectorApi } {
  const bridge = buildInspectorBridge({
    call: async (method, args) =>
      structuredClone(
        await handleIpcCall(coreApi, invokeChannels[method], method, args, sender, {
          log: (line) => logged.push(line),
        }),
      ),
    subscribe: () => () => {},
  });
  return { bridge, api: apiOverBridge(bridge) };
}

beforeAll(() => {
  core = new InspectorCore({ host: 'desktop', version: '3.0.0', workspacePath: ':memory:' });
  coreApi = core.apiFor(core.attachClient(() => {}));
});

afterAll(async () => {
  await core.close();
});

describe('the desktop bridge', () => {
  it('exposes exactly the declared methods and subscriptions, all functions', () => {
    const { bridge } = desktopApi(ownPage);
    expect(Object.keys(bridge).sort()).toEqual(
      [...invokeMethods, ...pushNames.map((name) => pushMethod(name))].sort(),
    );
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it('resolves a call with its result', async () => {
    await expect(desktopApi(ownPage).api.getAppInfo()).resolves.toMatchObject({
      host: 'desktop',
      version: '3.0.0',
    });
  });

  it('brings a user error to the renderer with its code and message', async () => {
    const error = await failureOf(desktopApi(ownPage).api.renameSession(77, 'x'));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('There is no session 77.');
  });

  it('brings a bug to the renderer as "internal", with the id of its logged stack', async () => {
    const spy = vi.spyOn(core.sessions, 'listSavedRequests').mockImplementation(() => {
      throw new Error('database handle is gone');
    });
    const error = await failureOf(desktopApi(ownPage).api.listSavedRequests());
    spy.mockRestore();
    expect(error.code).toBe('internal');
    const id = /\(id ([0-9a-f]+)\)/.exec(error.message)?.[1];
    expect(logged.find((line) => line.startsWith(`Internal error ${id} `))).toContain(
      'database handle is gone',
    );
  });

  it('refuses a foreign frame with "refused", saying nothing about the API', async () => {
    const foreign = desktopApi({ ...ownPage, frameUrl: 'https://evil.example/' });
    const error = await failureOf(foreign.api.listSessions('', 10));
    expect(error.code).toBe('refused');
    expect(error.message).toBe('This sender is not allowed to use the inspector API.');
  });
});
