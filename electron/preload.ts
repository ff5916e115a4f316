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
const api: InspectorApi = {
  getAppInfo: () => ipcRenderer.invoke(invokeChannels.getAppInfo),
  rendererReady: () => ipcRenderer.invoke(invokeChannels.rendererReady),
  onNotice: (listener) => subscribe('notice', listener),
};

contextBridge.exposeInMainWorld('inspector', api);
