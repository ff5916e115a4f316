import { describe, expect, it } from 'vitest';
import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import { ClientOutbox, type OutboxSocket } from './client-outbox.ts';

/** A socket that writes out only when told to: what was sent waits in `bufferedAmount`. */
class StalledSocket implements OutboxSocket {
  readyState = 1;
  paused = false;
  readonly sent: Array<{ type: string; name?: string }> = [];
  readonly #waiting: Array<{ bytes: number; done: () => void }> = [];

  get bufferedAmount(): number {
    return this.#waiting.reduce((sum, write) => sum + write.bytes, 0);
  }
  send(data: string, callback: () => void): void {
    this.sent.push(JSON.parse(data) as { type: string; name?: string });
    this.#waiting.push({ bytes: Buffer.byteLength(data), done: callback });
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  /** The client reads: every waiting message is written out, oldest first. */
  drain(): void {
    while (this.#waiting.length > 0) this.writeOne();
  }
  writeOne(): void {
    this.#waiting.shift()?.done();
  }
  pushes(): string[] {
    return this.sent.filter((m) => m.type === 'push').map((m) => m.name ?? '');
  }
}

const frames: FrameBatch = {
  statuses: [],
  rows: [],
  chunks: [{ connectionId: 1, seq: 0, attempt: 1, t: 0, wall: 0, offset: 0, size: 10 }],
};

describe('ClientOutbox', () => {
  it('sends pushes and results while the client keeps up', () => {
    const socket = new StalledSocket();
    const outbox = new ClientOutbox(socket, 10_000);
    outbox.push('frames', frames);
    socket.drain();
    outbox.push('frames', frames);
    outbox.result({ type: 'result', id: 1, ok: true, value: null });
    expect(socket.sent.map((m) => m.type)).toEqual(['push', 'push', 'result']);
    expect(outbox.stats()).toMatchObject({ droppedPushes: 0, resyncs: 0, behind: false });
  });

  it('past the cap leaves frames out, then sends one resync once the client has read', () => {
    const socket = new StalledSocket();
    const outbox = new ClientOutbox(socket, 1000);
    let pushed = 0;
    while (!outbox.stats().behind) {
      outbox.push('frames', frames);
      pushed++;
    }
    const sentBeforeCap = socket.pushes().length;
    for (let i = 0; i < 500; i++) outbox.push('frames', frames);
    outbox.push('exportProgress', { sessionId: 1, done: 1, total: 2 });
    outbox.push('notice', { level: 'warning', message: 'lost while behind' });
    expect(socket.pushes()).toHaveLength(sentBeforeCap);
    expect(outbox.stats().droppedPushes).toBe(pushed - sentBeforeCap + 502);
    const stats = outbox.stats();
    expect(stats.peakBufferedBytes).toBeLessThanOrEqual(1000 + stats.largestMessageBytes);

    socket.drain();
    expect(socket.sent.at(-1)).toEqual({
      type: 'push',
      name: 'resync',
      payload: { missedNotices: 1 },
    });
    expect(outbox.stats()).toMatchObject({ behind: false, resyncs: 1 });
    outbox.push('frames', frames);
    expect(socket.pushes().at(-1)).toBe('frames');
  });

  it('keeps leaving frames out until the resync, even when some room frees up', () => {
    const socket = new StalledSocket();
    const outbox = new ClientOutbox(socket, 1000);
    while (!outbox.stats().behind) outbox.push('frames', frames);
    // The client reads part of the backlog: under the cap, but not down to half of it.
    while (socket.bufferedAmount >= 1000) socket.writeOne();
    expect(socket.bufferedAmount).toBeGreaterThan(500);
    const before = socket.pushes().length;
    outbox.push('frames', frames);
    expect(socket.pushes()).toHaveLength(before);
    expect(outbox.stats().behind).toBe(true);
  });

  it("always sends results, and stops reading the client's calls while over the cap", () => {
    const socket = new StalledSocket();
    const outbox = new ClientOutbox(socket, 1000);
    const big = 'x'.repeat(2000);
    outbox.result({ type: 'result', id: 1, ok: true, value: big });
    outbox.result({ type: 'result', id: 2, ok: true, value: big });
    expect(socket.sent.map((m) => m.type)).toEqual(['result', 'result']);
    expect(socket.paused).toBe(true);
    socket.drain();
    expect(socket.paused).toBe(false);
    // No frame was left out, so there is nothing to resync.
    expect(socket.pushes()).toEqual([]);
  });

  it('sends nothing to a closed socket', () => {
    const socket = new StalledSocket();
    socket.readyState = 3;
    const outbox = new ClientOutbox(socket, 1000);
    outbox.push('notice', { level: 'info', message: 'x' });
    expect(socket.sent).toEqual([]);
  });
});
