import type { PushPayloads } from '../../../shared/ipc/api.ts';
import type { PushName } from '../../../shared/ipc/channels.ts';
import type { ServerMessage } from './web-protocol.ts';

/** The part of a `ws` WebSocket the outbox uses. */
export interface OutboxSocket {
  /** Bytes accepted by send() that the socket has not written out yet. */
  readonly bufferedAmount: number;
  readonly readyState: number;
  /** The callback runs once the message is written out (or the socket failed). */
  send(data: string, callback: (error?: Error) => void): void;
  /** Stops (and restarts) reading the client's messages. */
  pause(): void;
  resume(): void;
}

export interface OutboxStats {
  bufferedBytes: number;
  /** The most ever waiting to be written: at most the cap plus one message. */
  peakBufferedBytes: number;
  largestMessageBytes: number;
  /** Pushes left out since the client connected (frames, progress and notices). */
  droppedPushes: number;
  resyncs: number;
  /** Pushes are being left out until the client has read what waits. */
  behind: boolean;
}

/** Default cap on what may wait for one web host client: a few seconds of a fast stream. */
export const defaultMaxBufferedBytes = 8 * 1024 * 1024;

const openState = 1;

/**
 * Everything the web host sends one browser tab, with its memory bounded. A tab that stops
 * reading (a background tab, a paused debugger, a slow machine) makes the socket's buffer grow
 * with every push; past `maxBufferedBytes` the outbox leaves pushes out, stops reading the tab's
 * calls (so their results cannot pile up either), and once the tab has read down to half the
 * cap it sends one `resync`: the tab then reads what it missed from the workspace, where every
 * frame was recorded. Call results are always sent: the tab is waiting for them.
 */
export class ClientOutbox {
  readonly #socket: OutboxSocket;
  readonly #maxBufferedBytes: number;
  #behind = false;
  #paused = false;
  #missedNotices = 0;
  #stats = { peakBufferedBytes: 0, largestMessageBytes: 0, droppedPushes: 0, resyncs: 0 };

  constructor(socket: OutboxSocket, maxBufferedBytes = defaultMaxBufferedBytes) {
    this.#socket = socket;
    this.#maxBufferedBytes = maxBufferedBytes;
  }

  push<P extends PushName>(name: P, payload: PushPayloads[P]): void {
    if (this.#behind || this.#socket.bufferedAmount >= this.#maxBufferedBytes) {
      // Once one frame is left out, every later one must be too until the resync, or the tab
      // would append rows after a gap it could not see.
      this.#behind = true;
      this.#stats.droppedPushes++;
      if (name === 'notice') this.#missedNotices++;
      return;
    }
    this.#send({ type: 'push', name, payload });
  }

  result(message: Extract<ServerMessage, { type: 'result' }>): void {
    this.#send(message);
  }

  stats(): OutboxStats {
    return {
      ...this.#stats,
      bufferedBytes: this.#socket.bufferedAmount,
      behind: this.#behind,
    };
  }

  #send(message: ServerMessage): void {
    if (this.#socket.readyState !== openState) return;
    const text = JSON.stringify(message);
    const bytes = Buffer.byteLength(text);
    this.#stats.largestMessageBytes = Math.max(this.#stats.largestMessageBytes, bytes);
    this.#socket.send(text, () => this.#written());
    const buffered = this.#socket.bufferedAmount;
    this.#stats.peakBufferedBytes = Math.max(this.#stats.peakBufferedBytes, buffered);
    if (buffered >= this.#maxBufferedBytes && !this.#paused) {
      this.#paused = true;
      this.#socket.pause();
    }
  }

  /** A message went out: when the backlog is down to half the cap, catch the tab up. */
  #written(): void {
    if (this.#socket.readyState !== openState) return;
    if (this.#socket.bufferedAmount > this.#maxBufferedBytes / 2) return;
    if (this.#paused) {
      this.#paused = false;
      this.#socket.resume();
    }
    if (this.#behind) {
      this.#behind = false;
      this.#stats.resyncs++;
      const missedNotices = this.#missedNotices;
      this.#missedNotices = 0;
      this.#send({ type: 'push', name: 'resync', payload: { missedNotices } });
    }
  }
}
