import type { FrameBatch } from '../capture/live-frames.ts';
import type { ProxyState } from '../capture/proxy-settings.ts';
import type { AppIntent, AppNotice, ExportProgress, ResyncNotice } from './api.ts';

/**
 * Every IPC channel, declared once. Kept free of zod so the sandboxed preload bundle stays small:
 * each method's arguments, result and documentation are declared beside it in `schemas.ts`
 * (same keys, checked by the compiler). Invoke channels are `domain:verb` request/response
 * calls; push channels carry main → renderer notifications.
 */
export const invokeChannels = {
  getAppInfo: 'app:info',
  rendererReady: 'app:ready',
  connect: 'sse:connect',
  disconnect: 'sse:disconnect',
  reconnectNow: 'sse:reconnect-now',
  setAutoReconnect: 'sse:set-auto-reconnect',
  setReconnectPolicy: 'sse:set-reconnect-policy',
  setNextLastEventId: 'sse:set-next-last-event-id',
  dropConnection: 'sse:drop',
  removeConnection: 'sse:remove',
  listConnections: 'sse:list',
  readTimeline: 'capture:read-timeline',
  readChunkList: 'capture:read-chunk-list',
  getEvent: 'capture:get-event',
  readChunks: 'capture:read-chunks',
  listSessions: 'session:list',
  openSession: 'session:open',
  getSessionRequest: 'session:request',
  renameSession: 'session:rename',
  deleteSession: 'session:delete',
  searchEvents: 'session:search',
  exportSession: 'session:export',
  importSession: 'session:import',
  startReplay: 'replay:start',
  stopReplay: 'replay:stop',
  listSavedRequests: 'request:list',
  saveRequest: 'request:save',
  deleteSavedRequest: 'request:delete',
  getProxyState: 'proxy:state',
  startProxy: 'proxy:start',
  stopProxy: 'proxy:stop',
  listCollections: 'collection:list',
  importCollection: 'collection:import',
  exportCollection: 'collection:export',
  getCollectionRequest: 'collection:get-request',
  addCollectionRequest: 'collection:add-request',
  updateCollectionRequest: 'collection:update-request',
  renameCollectionItem: 'collection:rename',
  moveCollectionItem: 'collection:move',
  duplicateCollectionItem: 'collection:duplicate',
  deleteCollectionItem: 'collection:delete',
  recordCollectionRun: 'collection:record-run',
  getRequestCheckSpec: 'collection:get-checks',
  saveRequestCheckSpec: 'collection:save-checks',
  listEnvironments: 'environment:list',
  saveEnvironment: 'environment:save',
  deleteEnvironment: 'environment:delete',
  setActiveEnvironment: 'environment:set-active',
} as const;

export type InvokeMethod = keyof typeof invokeChannels;

export const invokeMethods = Object.keys(invokeChannels) as InvokeMethod[];

/** A push from main to the renderers: its channel and, as a type only, its payload. */
export interface PushDeclaration<Payload> {
  readonly channel: string;
  /** Never set: carries the payload type for `PushPayloads`. */
  readonly payload?: Payload;
}

function push<Payload>(channel: string): PushDeclaration<Payload> {
  return { channel };
}

/** Every push; the renderer subscribes to `notice` with `onNotice`, and so on. */
export const pushChannels = {
  /** A message from main the user should see (for example, a workspace that could not be opened). */
  notice: push<AppNotice>('app:notice'),
  /** Live capture frames, batched (a few pushes a second per window, never one per event). */
  frames: push<FrameBatch>('capture:frames'),
  /** How far an export has got. */
  exportProgress: push<ExportProgress>('session:export-progress'),
  /** Live frames were dropped (web host only): read the timelines again after what you have. */
  resync: push<ResyncNotice>('capture:resync'),
  /** The capture proxy started, stopped, or its stream counts changed. */
  proxyState: push<ProxyState>('proxy:state-changed'),
  /** The desktop shell asks the window to open a session, fill the request bar or run a command. */
  appIntent: push<AppIntent>('app:intent'),
};

export type PushName = keyof typeof pushChannels;

export const pushNames = Object.keys(pushChannels) as PushName[];

export type PushPayloads = {
  [P in PushName]: (typeof pushChannels)[P] extends PushDeclaration<infer Payload>
    ? Payload
    : never;
};

/** The InspectorApi method that subscribes to a push: `notice` → `onNotice`. */
export type PushMethod<P extends PushName> = `on${Capitalize<P>}`;

export function pushMethod<P extends PushName>(name: P): PushMethod<P> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as PushMethod<P>;
}
