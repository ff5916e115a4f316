import type { InspectorApi, PushPayloads, Unsubscribe } from '../../../shared/ipc/api.ts';
import type { InvokeMethod, PushName } from '../../../shared/ipc/channels.ts';
import type { ClientMessage, ServerMessage } from '../../../shared/ipc/web-messages.ts';

/** A failed API call as the web host reported it; `message` is meant for the user. */
export class InspectorApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'InspectorApiError';
    this.code = code;
  }
}

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The InspectorApi over the web host's WebSocket. Calls made before the socket opens are sent
 * once it does; if the socket closes, pending calls fail with a message that says why.
 */
export function createWebSocketApi(pageUrl: URL): InspectorApi {
  const token = pageUrl.searchParams.get('token') ?? '';
  const protocol = pageUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(
    `${protocol}//${pageUrl.host}/api?token=${encodeURIComponent(token)}`,
  );
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<PushName, Set<(payload: unknown) => void>>();
  const outbox: string[] = [];
  let nextId = 1;
  let closedReason: string | null = null;

  socket.addEventListener('open', () => {
    for (const text of outbox.splice(0)) socket.send(text);
  });
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as ServerMessage;
    if (message.type === 'push') {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.value);
    else call.reject(new InspectorApiError(message.error.code, message.error.message));
  });
  socket.addEventListener('close', () => {
    closedReason =
      'The connection to the SSE Inspector web host closed. Is `npm run web` still running?';
    for (const call of pending.values()) call.reject(new InspectorApiError('closed', closedReason));
    pending.clear();
  });

  function call<T>(method: InvokeMethod, args: unknown[]): Promise<T> {
    if (closedReason) return Promise.reject(new InspectorApiError('closed', closedReason));
    const id = nextId++;
    const message: ClientMessage = { type: 'call', id, method, args };
    const text = JSON.stringify(message);
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    });
  }

  function subscribe<P extends PushName>(
    name: P,
    listener: (payload: PushPayloads[P]) => void,
  ): Unsubscribe {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  return {
    getAppInfo: () => call('getAppInfo', []),
    rendererReady: () => call('rendererReady', []),
    connect: (spec) => call('connect', [spec]),
    disconnect: (id) => call('disconnect', [id]),
    reconnectNow: (id) => call('reconnectNow', [id]),
    setAutoReconnect: (id, enabled) => call('setAutoReconnect', [id, enabled]),
    setReconnectPolicy: (id, policy) => call('setReconnectPolicy', [id, policy]),
    setNextLastEventId: (id, value) => call('setNextLastEventId', [id, value]),
    dropConnection: (id) => call('dropConnection', [id]),
    removeConnection: (id) => call('removeConnection', [id]),
    listConnections: () => call('listConnections', []),
    readTimeline: (id, after, limit) => call('readTimeline', [id, after, limit]),
    readChunkList: (id, after, limit) => call('readChunkList', [id, after, limit]),
    getEvent: (id, index) => call('getEvent', [id, index]),
    readChunks: (id, attempt, from, to) => call('readChunks', [id, attempt, from, to]),
    listSessions: (query, limit) => call('listSessions', [query, limit]),
    openSession: (id) => call('openSession', [id]),
    getSessionRequest: (id) => call('getSessionRequest', [id]),
    renameSession: (id, name) => call('renameSession', [id, name]),
    deleteSession: (id) => call('deleteSession', [id]),
    searchEvents: (query, id, limit) => call('searchEvents', [query, id, limit]),
    exportSession: (id, format) => call('exportSession', [id, format]),
    importSession: (name, base64) => call('importSession', [name, base64]),
    startReplay: (id, speed, loop, cors) => call('startReplay', [id, speed, loop, cors]),
    stopReplay: (id) => call('stopReplay', [id]),
    listSavedRequests: () => call('listSavedRequests', []),
    saveRequest: (name, spec) => call('saveRequest', [name, spec]),
    deleteSavedRequest: (id) => call('deleteSavedRequest', [id]),
    onNotice: (listener) => subscribe('notice', listener),
    onFrames: (listener) => subscribe('frames', listener),
    onExportProgress: (listener) => subscribe('exportProgress', listener),
    onResync: (listener) => subscribe('resync', listener),
  };
}
