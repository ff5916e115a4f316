import type { InspectorApi, InspectorBridge, Unsubscribe } from './api.ts';
import {
  invokeMethods,
  pushMethod,
  pushNames,
  type InvokeMethod,
  type PushName,
} from './channels.ts';
import { unwrapReply, type ApiReply } from './reply.ts';

/** How one host carries calls to main and pushes back (Electron IPC, the web host's socket). */
export interface ApiTransport<Answer> {
  call(method: InvokeMethod, args: unknown[]): Promise<Answer>;
  subscribe(name: PushName, listener: (payload: unknown) => void): Unsubscribe;
}

/** Exactly one function per declared method and push: never a generic call by name. */
function buildMethods<Answer>(transport: ApiTransport<Answer>): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const method of invokeMethods) {
    methods[method] = (...args: unknown[]) => transport.call(method, args);
  }
  for (const name of pushNames) {
    methods[pushMethod(name)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(name, listener);
  }
  return methods;
}

/** The InspectorApi over a transport whose calls resolve to results and reject with InspectorErrors. */
export function buildInspectorApi(transport: ApiTransport<unknown>): InspectorApi {
  return buildMethods(transport) as InspectorApi;
}

/** The desktop preload's bridge over a transport whose calls resolve to reply envelopes. */
export function buildInspectorBridge(transport: ApiTransport<ApiReply>): InspectorBridge {
  return buildMethods(transport) as InspectorBridge;
}

/** The renderer's InspectorApi over the preload's bridge: failed replies become InspectorErrors. */
export function apiOverBridge(bridge: InspectorBridge): InspectorApi {
  const methods = bridge as unknown as Record<string, (...args: unknown[]) => unknown>;
  return buildInspectorApi({
    call: async (method, args) => unwrapReply((await methods[method]!(...args)) as ApiReply),
    subscribe: (name, listener) => methods[pushMethod(name)]!(listener) as Unsubscribe,
  });
}
