import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { invokeChannels, invokeMethods, pushChannels } from '../shared/ipc/channels.ts';
import { dispatchApiCall } from './core/api/api-dispatcher.ts';
import type { ClientSession } from './core/api/client-session.ts';
import { isTrustedSender } from './core/api/sender-check.ts';
import type { InspectorCore } from './core/inspector-core.ts';

/**
 * Wires every invoke channel of the contract to the core. Each call's sender frame is checked
 * and its arguments validated (in the dispatcher) before anything runs.
 */
export function registerIpc(
  core: InspectorCore,
  window: BrowserWindow,
  devServerUrl: string | undefined,
): void {
  let client = attachWindow(core, window);
  // A reload starts a new renderer that must subscribe again before pushes flow.
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) {
      core.detachClient(client);
      client = attachWindow(core, window);
    }
  });
  window.on('closed', () => core.detachClient(client));

  for (const method of invokeMethods) {
    ipcMain.handle(
      invokeChannels[method],
      async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
        const frame = event.senderFrame;
        const trusted =
          event.sender === window.webContents &&
          isTrustedSender(
            frame?.url,
            frame !== null && frame === event.sender.mainFrame,
            devServerUrl,
          );
        if (!trusted) {
          console.warn(
            `Refused IPC ${invokeChannels[method]} from ${frame?.url ?? 'an unknown frame'}`,
          );
          throw new Error('This sender is not allowed to use the inspector API.');
        }
        return dispatchApiCall(core, client, method, args);
      },
    );
  }
}

function attachWindow(core: InspectorCore, window: BrowserWindow): ClientSession {
  return core.attachClient((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(pushChannels[name], payload);
  });
}
