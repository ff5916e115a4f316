import type { PushName } from '../../../shared/ipc/channels.ts';
import type { PushPayloads } from '../../../shared/ipc/api.ts';

export type PushTransport = <P extends PushName>(name: P, payload: PushPayloads[P]) => void;

/**
 * One connected renderer (a desktop window or a web-host tab). Notices are held until the
 * renderer says it has subscribed, so none is lost during start-up (Electron Fiddle's
 * handshake). Capture frames are not held: a renderer that never becomes ready must not make
 * main buffer a live stream without bound, and a ready one reads what it missed with
 * readTimeline/readChunkList.
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
    } else if (name !== 'frames') {
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
