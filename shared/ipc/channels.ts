/**
 * Every IPC channel, declared once. Kept free of zod so the sandboxed preload bundle stays small.
 * Invoke channels are `domain:verb` request/response calls; push channels carry main → renderer
 * notifications.
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
} as const;

export const pushChannels = {
  notice: 'app:notice',
  frames: 'capture:frames',
  exportProgress: 'session:export-progress',
  resync: 'capture:resync',
} as const;

export type InvokeMethod = keyof typeof invokeChannels;
export type PushName = keyof typeof pushChannels;

export const invokeMethods = Object.keys(invokeChannels) as InvokeMethod[];
