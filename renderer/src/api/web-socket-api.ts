import { InspectorError } from '../../../shared/errors.ts';
import type { InspectorApi } from '../../../shared/ipc/api.ts';
import { buildInspectorApi } from '../../../shared/ipc/build-api.ts';
import type { PushName } from '../../../shared/ipc/channels.ts';
import { unwrapReply } from '../../../shared/ipc/reply.ts';
import type { ClientMessage } from '../../../shared/ipc/web-messages.ts';
import type { FromSocketWorker, ToSocketWorker } from './socket-worker-messages.ts';

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The InspectorApi over the web host's WebSocket, which a worker holds and reads (see
 * socket-worker.ts). Calls made before the socket opens are sent once it does; if the socket
 * closes, pending calls fail with a message that says why.
 */
export function createWebSocketApi(pageUrl: URL): InspectorApi {
  const token = pageUrl.searchParams.get('token') ?? '';
  const protocol = pageUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const worker = new Worker(new URL('./socket-worker.ts', import.meta.url), { type: 'module' });
  const post = (request: ToSocketWorker) => worker.postMessage(request);
  post({
    type: 'connect',
    url: `${protocol}//${pageUrl.host}/api?token=${encodeURIComponent(token)}`,
  });
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<PushName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed: InspectorError | null = null;

  const close = () => {
    closed = new InspectorError(
      'disconnected',
      'The connection to the SSE Inspector web host closed. Is `npm run web` still running?',
    );
    for (const call of pending.values()) call.reject(closed);
    pending.clear();
  };
  // A worker that failed (its script did not load, or it threw) holds a socket in an unknown
  // state: end both, as a closed socket would.
  worker.addEventListener('error', () => {
    worker.terminate();
    close();
  });
  worker.addEventListener('message', (event: MessageEvent<FromSocketWorker>) => {
    if (event.data.type === 'close') {
      close();
      return;
    }
    const message = event.data.message;
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

  return buildInspectorApi({
    call(method, args) {
      if (closed) return Promise.reject(closed);
      const id = nextId++;
      const message: ClientMessage = { type: 'call', id, method, args };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'send', text: JSON.stringify(message) });
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
