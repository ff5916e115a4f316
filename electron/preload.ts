import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildInspectorBridge } from '../shared/ipc/build-api.ts';
import { invokeChannels, pushChannels } from '../shared/ipc/channels.ts';
import type { ApiReply } from '../shared/ipc/reply.ts';

// One function per declared method and push; the page never sees ipcRenderer or a channel name.
const bridge = buildInspectorBridge({
  call: (method, args) => ipcRenderer.invoke(invokeChannels[method], ...args) as Promise<ApiReply>,
  subscribe: (name, listener) => {
    const channel = pushChannels[name].channel;
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('inspector', bridge);
