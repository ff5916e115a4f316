import type { InspectorApi, InspectorBridge } from '../../../shared/ipc/api.ts';
import { apiOverBridge } from '../../../shared/ipc/build-api.ts';
import { takePageToken } from './page-token.ts';
import { createWebSocketApi } from './web-socket-api.ts';

declare global {
  interface Window {
    /** Set by the desktop preload; absent in a browser tab served by the web host. */
    readonly inspector?: InspectorBridge;
  }
}

/** The desktop preload's API when present, else the web host's WebSocket client. */
export function resolveInspectorApi(): InspectorApi {
  return window.inspector
    ? apiOverBridge(window.inspector)
    : createWebSocketApi(takePageToken(window.location, window.history));
}
