import type { PushName } from '../../../shared/ipc/channels.ts';
import type { PushPayloads } from '../../../shared/ipc/api.ts';

export type PushTransport = <P extends PushName>(name: P, payload: PushPayloads[P]) => void;

/** Notices held for a renderer that has not said it is ready; later ones are only counted. */
export const maxHeldNotices = 100;

/** Pushes a renderer must not miss while it starts: notices, and what the OS asked the app to open. */
type HeldName = 'notice' | 'appIntent';
type Held = { [P in HeldName]: { name: P; payload: PushPayloads[P] } }[HeldName];

function isHeld(name: PushName): name is HeldName {
  return name === 'notice' || name === 'appIntent';
}

/**
 * One connected renderer (a desktop window or a web-host tab). Notices (and app intents: a file
 * or link the OS handed the app at launch) are held until the
 * renderer says it has subscribed, so none is lost during start-up (Electron Fiddle's
 * handshake), up to `maxHeldNotices`: a renderer that never becomes ready must not make main
 * hold anything without bound. Capture frames and export progress are not held: a ready
 * renderer reads what it missed with readTimeline/readChunkList, and an export's result comes
 * back as its call's result.
 */
export class ClientSession {
  #ready = false;
  #held: Held[] = [];
  #overflow = 0;
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
    } else if (isHeld(name)) {
      if (this.#held.length < maxHeldNotices) this.#held.push({ name, payload } as Held);
      else this.#overflow++;
    }
  }

  /** The renderer has subscribed: deliver what was held for it (the API's `rendererReady`). */
  rendererReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    const held = this.#held;
    this.#held = [];
    for (const push of held) this.#transport(push.name, push.payload);
    if (this.#overflow > 0) {
      this.#transport('notice', {
        level: 'warning',
        message: `${this.#overflow} more notices arrived before this window was ready and were dropped.`,
      });
      this.#overflow = 0;
    }
  }
}
