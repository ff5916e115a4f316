import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultReconnectPolicy } from '../../../shared/capture/request-spec.ts';
import { InspectorError } from '../../../shared/errors.ts';
import { InspectorCore } from '../inspector-core.ts';
import { composeApi, dispatchApiCall, type CoreApi } from './api-dispatcher.ts';
import type { ClientSession } from './client-session.ts';

let core: InspectorCore;
let client: ClientSession;
let api: CoreApi;

beforeAll(() => {
  core = new InspectorCore({ host: 'web', version: '1.0.0', workspacePath: ':memory:' });
  client = core.attachClient(() => {});
  api = core.apiFor(client);
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await core.close();
});

function dispatch(method: string, args: unknown[]) {
  const logged: string[] = [];
  const reply = dispatchApiCall(api, method, args, (text) => logged.push(text));
  return { reply, logged };
}

describe('composing the API from its implementations', () => {
  it('sends each method to the one object that implements it', async () => {
    expect(client.ready).toBe(false);
    await api.rendererReady();
    expect(client.ready).toBe(true);
    expect(await api.getAppInfo()).toMatchObject({ version: '1.0.0' });
    expect(await api.listSessions('', 10)).toEqual([]);
  });

  it('refuses a method implemented twice', () => {
    const impostor = { getAppInfo: () => core.getAppInfo() };
    expect(() =>
      composeApi([client, core, core.sessions, core.proxy, core.collections, impostor]),
    ).toThrow('API method getAppInfo has 2 implementations, not one.');
  });

  it('refuses, at compile time and at run time, objects that leave methods unimplemented', () => {
    // @ts-expect-error the sessions service's methods (listSessions, …) are missing
    expect(() => composeApi([client, core])).toThrow(
      'API method listSessions has 0 implementations, not one.',
    );
  });
});

describe('dispatching a call', () => {
  it('says a collection file is too large for the window, and where to import it instead', async () => {
    const tooLarge = 'x'.repeat(50 * 1024 * 1024 + 1);
    const { reply } = dispatch('importCollection', [tooLarge, 'huge.postman_collection.json']);
    expect(await reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-arguments',
        message: expect.stringContaining(
          'too large to import here (over 50 MiB); use `npm run cli -- collection import`',
        ),
      },
    });
  });

  it('hands the core its arguments as the schema parsed them, defaults filled in', async () => {
    const connect = vi.spyOn(core, 'connect').mockImplementation(() => core.listConnections()[0]!);
    await dispatch('connect', [{ url: 'http://127.0.0.1:9/stream' }]).reply;
    expect(connect).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'http://127.0.0.1:9/stream',
        method: 'GET',
        headers: [],
        lastEventId: null,
        reconnect: defaultReconnectPolicy,
      }),
    );
  });

  it('refuses an unknown method and malformed arguments before running anything', async () => {
    const connect = vi.spyOn(core, 'connect');
    await expect(dispatch('runShell', []).reply).resolves.toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'Unknown API method "runShell".' },
    });
    await expect(dispatch('connect', [{ url: 'ftp://x/' }]).reply).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments', message: /^Invalid arguments for connect: 0\.url: / },
    });
    await expect(dispatch('constructor', []).reply).resolves.toMatchObject({
      error: { code: 'unknown-method' },
    });
    expect(connect).not.toHaveBeenCalled();
  });

  it('answers a user error with its code and message, and logs nothing', async () => {
    const { reply, logged } = dispatch('openSession', [404]);
    await expect(reply).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no session 404; it may have been deleted.' },
    });
    expect(logged).toEqual([]);
  });

  it('answers a bug with "internal" and an id under which its stack is logged', async () => {
    vi.spyOn(core, 'listConnections').mockImplementation(() => {
      throw new TypeError('Cannot read properties of undefined');
    });
    const { reply, logged } = dispatch('listConnections', []);
    const answer = await reply;
    if (answer.ok) throw new Error('the bug was not reported');
    expect(answer.error.code).toBe('internal');
    const id = /^Internal error \(id ([0-9a-f]{6})\); see the log\.$/.exec(
      answer.error.message,
    )?.[1];
    expect(id).toBeDefined();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`Internal error ${id} in listConnections: TypeError: Cannot read`);
    expect(logged[0]).toMatch(/\n\s+at /);
    expect(answer.error.message).not.toContain('Cannot read');
  });

  it('tells a user error thrown deep in the core from a bug by its type alone', async () => {
    vi.spyOn(core, 'listConnections').mockImplementation(() => {
      throw new InspectorError('busy', 'Try again when the capture has stopped.');
    });
    await expect(dispatch('listConnections', []).reply).resolves.toEqual({
      ok: false,
      error: { code: 'busy', message: 'Try again when the capture has stopped.' },
    });
  });
});
