import { InspectorError } from '../../../shared/errors.ts';
import type { InspectorApi } from '../../../shared/ipc/api.ts';
import { buildInspectorApi } from '../../../shared/ipc/build-api.ts';
import type { PushName } from '../../../shared/ipc/channels.ts';
import { unwrapReply } from '../../../shared/ipc/reply.ts';
import type { ClientMessage, ServerMessage } from '../../../shared/ipc/web-messages.ts';

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
  let closed: InspectorError | null = null;

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
    try {
      call.resolve(unwrapReply(message));
    } catch (error) {
      call.reject(error as InspectorError);
    }
  });
  socket.addEventListener('close', () => {
    closed = new InspectorError(
      'disconnected',
      'The connection to the SSE Inspector web host closed. Is `npm run web` still running?',
    );
    for (const call of pending.values()) call.reject(closed);
    pending.clear();
  });

  return buildInspectorApi({
    call(method, args) {
      if (closed) return Promise.reject(closed);
      const id = nextId++;
      const message: ClientMessage = { type: 'call', id, method, args };
      const text = JSON.stringify(message);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else outbox.push(text);
      });
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
}
