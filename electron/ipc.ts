import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { invokeChannels, invokeMethods, pushChannels } from '../shared/ipc/channels.ts';
import type { CoreApi } from './core/api/api-dispatcher.ts';
import type { ClientSession } from './core/api/client-session.ts';
import { handleIpcCall } from './core/api/ipc-gate.ts';
import type { InspectorCore } from './core/inspector-core.ts';

/**
 * Wires every invoke channel of the declaration to the core through the IPC gate, which checks
 * each call's sender frame and validates its arguments before anything runs. Each call answers
 * with a reply envelope (the preload hands it to the renderer, which unwraps it).
 */
export function registerIpc(
  core: InspectorCore,
  window: BrowserWindow,
  devServerUrl: string | undefined,
): void {
  let client = attachWindow(core, window);
  let api: CoreApi = core.apiFor(client);
  // A reload starts a new renderer that must subscribe again before pushes flow.
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) {
      core.detachClient(client);
      client = attachWindow(core, window);
      api = core.apiFor(client);
    }
  });
  window.on('closed', () => core.detachClient(client));

  for (const method of invokeMethods) {
    const channel = invokeChannels[method];
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame;
      return handleIpcCall(
        api,
        channel,
        method,
        args,
        {
          fromMainWindow: event.sender === window.webContents,
          frameUrl: frame?.url,
          isMainFrame: frame !== null && frame === event.sender.mainFrame,
        },
        devServerUrl === undefined ? {} : { devServerUrl },
      );
    });
  }
}

function attachWindow(core: InspectorCore, window: BrowserWindow): ClientSession {
  return core.attachClient((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(pushChannels[name].channel, payload);
  });
}
