import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { invokeChannels, pushChannels, type PushName } from '../shared/ipc/channels.ts';
import type { InspectorApi, PushPayloads, Unsubscribe } from '../shared/ipc/api.ts';

function subscribe<P extends PushName>(
  name: P,
  listener: (payload: PushPayloads[P]) => void,
): Unsubscribe {
  const channel = pushChannels[name];
  const wrapped = (_event: IpcRendererEvent, payload: PushPayloads[P]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

// One method per capability; the renderer never sees ipcRenderer or a generic channel.
const c = invokeChannels;
const api: InspectorApi = {
  getAppInfo: () => ipcRenderer.invoke(c.getAppInfo),
  rendererReady: () => ipcRenderer.invoke(c.rendererReady),
  connect: (spec) => ipcRenderer.invoke(c.connect, spec),
  disconnect: (id) => ipcRenderer.invoke(c.disconnect, id),
  reconnectNow: (id) => ipcRenderer.invoke(c.reconnectNow, id),
  setAutoReconnect: (id, enabled) => ipcRenderer.invoke(c.setAutoReconnect, id, enabled),
  setReconnectPolicy: (id, policy) => ipcRenderer.invoke(c.setReconnectPolicy, id, policy),
  setNextLastEventId: (id, value) => ipcRenderer.invoke(c.setNextLastEventId, id, value),
  dropConnection: (id) => ipcRenderer.invoke(c.dropConnection, id),
  removeConnection: (id) => ipcRenderer.invoke(c.removeConnection, id),
  listConnections: () => ipcRenderer.invoke(c.listConnections),
  readTimeline: (id, after, limit) => ipcRenderer.invoke(c.readTimeline, id, after, limit),
  readChunkList: (id, after, limit) => ipcRenderer.invoke(c.readChunkList, id, after, limit),
  getEvent: (id, index) => ipcRenderer.invoke(c.getEvent, id, index),
  readChunks: (id, attempt, from, to) => ipcRenderer.invoke(c.readChunks, id, attempt, from, to),
  listSessions: (query, limit) => ipcRenderer.invoke(c.listSessions, query, limit),
  openSession: (id) => ipcRenderer.invoke(c.openSession, id),
  getSessionRequest: (id) => ipcRenderer.invoke(c.getSessionRequest, id),
  renameSession: (id, name) => ipcRenderer.invoke(c.renameSession, id, name),
  deleteSession: (id) => ipcRenderer.invoke(c.deleteSession, id),
  searchEvents: (query, id, limit) => ipcRenderer.invoke(c.searchEvents, query, id, limit),
  exportSession: (id, format) => ipcRenderer.invoke(c.exportSession, id, format),
  importSession: (name, base64) => ipcRenderer.invoke(c.importSession, name, base64),
  startReplay: (id, speed, loop, cors) => ipcRenderer.invoke(c.startReplay, id, speed, loop, cors),
  stopReplay: (id) => ipcRenderer.invoke(c.stopReplay, id),
  listSavedRequests: () => ipcRenderer.invoke(c.listSavedRequests),
  saveRequest: (name, spec) => ipcRenderer.invoke(c.saveRequest, name, spec),
  deleteSavedRequest: (id) => ipcRenderer.invoke(c.deleteSavedRequest, id),
  onNotice: (listener) => subscribe('notice', listener),
  onFrames: (listener) => subscribe('frames', listener),
  onExportProgress: (listener) => subscribe('exportProgress', listener),
  onResync: (listener) => subscribe('resync', listener),
};

contextBridge.exposeInMainWorld('inspector', api);
