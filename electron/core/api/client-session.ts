import type { PushName } from '../../../shared/ipc/channels.ts';
import type { PushPayloads } from '../../../shared/ipc/api.ts';

export type PushTransport = <P extends PushName>(name: P, payload: PushPayloads[P]) => void;

/**
 * One connected renderer (a desktop window or a web-host tab). Pushes are held until the renderer
 * says it has subscribed, so nothing sent during start-up is lost (Electron Fiddle's handshake).
 */
export class ClientSession {
  #ready = false;
  #queued: Array<() => void> = [];
  readonly #transport: PushTransport;

  constructor(transport: PushTransport) {
    this.#transport = transport;
  }

  get ready(): boolean {
    return this.#ready;
  }

  push<P extends PushName>(name: P, payload: PushPayloads[P]): void {
    if (this.#ready) {
      this.#transport(name, payload);
    } else {
      this.#queued.push(() => this.#transport(name, payload));
    }
  }

  markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    const queued = this.#queued;
    this.#queued = [];
    for (const send of queued) send();
  }
}
