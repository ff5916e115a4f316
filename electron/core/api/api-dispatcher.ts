import type { z } from 'zod';
import { invokeChannels, type InvokeMethod } from '../../../shared/ipc/channels.ts';
import { invokeArgs } from '../../../shared/ipc/schemas.ts';
import type { InspectorCore } from '../inspector-core.ts';
import type { ClientSession } from './client-session.ts';

export type ApiErrorCode = 'unknown-method' | 'invalid-arguments' | 'failed';

/** An API call that main refused or that failed; `message` is meant for the user. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

function isInvokeMethod(method: string): method is InvokeMethod {
  return Object.hasOwn(invokeChannels, method);
}

type Handlers = {
  [M in InvokeMethod]: (
    core: InspectorCore,
    client: ClientSession,
    args: z.infer<(typeof invokeArgs)[M]>,
  ) => unknown;
};

/** What each method does once its arguments are validated. */
const handlers: Handlers = {
  getAppInfo: (core) => core.getAppInfo(),
  rendererReady: (_core, client) => client.markReady(),
  connect: (core, _client, [spec]) => core.connect(spec),
  disconnect: (core, _client, [id]) => core.disconnect(id),
  reconnectNow: (core, _client, [id]) => core.reconnectNow(id),
  setAutoReconnect: (core, _client, [id, enabled]) => core.setAutoReconnect(id, enabled),
  setReconnectPolicy: (core, _client, [id, policy]) => core.setReconnectPolicy(id, policy),
  setNextLastEventId: (core, _client, [id, value]) => core.setNextLastEventId(id, value),
  dropConnection: (core, _client, [id]) => core.dropConnection(id),
  removeConnection: (core, _client, [id]) => core.removeConnection(id),
  listConnections: (core) => core.listConnections(),
  readTimeline: (core, _client, [id, after, limit]) => core.readTimeline(id, after, limit),
  readChunkList: (core, _client, [id, after, limit]) => core.readChunkList(id, after, limit),
  getEvent: (core, _client, [id, index]) => core.getEvent(id, index),
  readChunks: (core, _client, [id, attempt, from, to]) => core.readChunks(id, attempt, from, to),
  listSessions: (core, _client, [query, limit]) => core.sessions.list(query, limit),
  openSession: (core, _client, [id]) => core.sessions.open(id),
  getSessionRequest: (core, _client, [id]) => core.sessions.request(id),
  renameSession: (core, _client, [id, name]) => core.sessions.rename(id, name),
  deleteSession: (core, _client, [id]) => core.sessions.delete(id),
  searchEvents: (core, _client, [query, id, limit]) => core.sessions.search(query, id, limit),
  exportSession: (core, _client, [id, format]) => core.sessions.export(id, format),
  importSession: (core, _client, [name, base64]) => core.sessions.import(name, base64),
  startReplay: (core, _client, [id, speed, loop, cors]) =>
    core.sessions.startReplay(id, speed, loop, cors),
  stopReplay: (core, _client, [id]) => core.sessions.stopReplay(id),
  listSavedRequests: (core) => core.sessions.listSavedRequests(),
  saveRequest: (core, _client, [name, spec]) => core.sessions.saveRequest(name, spec),
  deleteSavedRequest: (core, _client, [id]) => core.sessions.deleteSavedRequest(id),
};

/**
 * Validates a call from a renderer (method name and every argument) and runs it on the core.
 * Both the Electron IPC registration and the web host go through here, so they behave alike.
 */
export async function dispatchApiCall(
  core: InspectorCore,
  client: ClientSession,
  method: string,
  args: unknown,
): Promise<unknown> {
  if (!isInvokeMethod(method)) {
    throw new ApiCallError('unknown-method', `Unknown API method "${method}".`);
  }
  const parsed = invokeArgs[method].safeParse(args);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
      .join('; ');
    throw new ApiCallError('invalid-arguments', `Invalid arguments for ${method}: ${detail}`);
  }
  const handler = handlers[method] as (
    core: InspectorCore,
    client: ClientSession,
    args: unknown,
  ) => unknown;
  return handler(core, client, parsed.data);
}
