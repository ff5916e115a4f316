// The web host's WebSocket, owned by a worker. At 50,000 events a second the host pushes a
// frame of a few hundred kilobytes every 40 ms or so: receiving one and parsing its JSON costs
// 3–5 ms, which on the window's own thread lands between animation frames and delays them. Here
// it costs the window only the parsed message's structured clone.
import type { ServerMessage } from '../../../shared/ipc/web-messages.ts';
import type { FromSocketWorker, ToSocketWorker } from './socket-worker-messages.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToSocketWorker>) => void) | null;
  postMessage(message: FromSocketWorker): void;
}

const scope = globalThis as unknown as WorkerScope;
let socket: WebSocket | null = null;
/** Messages sent before the socket opened, in order. */
const outbox: string[] = [];

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'connect') {
    socket = new WebSocket(request.url);
    const opened = socket;
    opened.addEventListener('open', () => {
      for (const text of outbox.splice(0)) opened.send(text);
    });
    opened.addEventListener('message', (message: MessageEvent<string>) => {
      scope.postMessage({ type: 'message', message: JSON.parse(message.data) as ServerMessage });
    });
    opened.addEventListener('close', () => scope.postMessage({ type: 'close' }));
  } else if (socket?.readyState === WebSocket.OPEN) {
    socket.send(request.text);
  } else {
    outbox.push(request.text);
  }
};
