import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import { defaultReconnectPolicy } from '../../../shared/capture/request-spec.ts';
import {
  createConnectionsSlice,
  createFrameIngestor,
  floodFrameGapMs,
  floodRows,
  type ConnectionsSlice,
  type FrameScheduler,
} from './connections-slice.ts';
import { timelineLog } from './timeline-log.ts';
import { batchOf, eventEntry } from './timeline-test-kit.ts';

const status = (id: number, events = 0): ConnectionStatus => ({
  id,
  url: 'http://127.0.0.1/x',
  method: 'GET',
  state: 'open',
  attempt: 1,
  status: 200,
  contentType: 'text/event-stream',
  httpVersion: '1.1',
  lastEventId: null,
  reconnectionTimeMs: 3000,
  policy: { ...defaultReconnectPolicy },
  nextAttemptAt: null,
  nextDelayMs: null,
  events,
  bytes: 0,
  warnings: 0,
  error: null,
  startedAt: 0,
  endedAt: null,
  outcome: null,
});

describe('connections slice', () => {
  it('adds new connections in order and selects the newest', () => {
    const store = create<ConnectionsSlice>()((...a) => createConnectionsSlice(...a));
    store.getState().upsertStatuses([status(1)]);
    store.getState().upsertStatuses([status(2)]);
    store.getState().upsertStatuses([status(1, 5)]);
    expect(store.getState().connectionOrder).toEqual([1, 2]);
    expect(store.getState().selectedConnectionId).toBe(2);
    expect(store.getState().connections[1]?.events).toBe(5);
  });

  it('lists a proxied stream without taking the view from the selected connection', () => {
    const store = create<ConnectionsSlice>()((...a) => createConnectionsSlice(...a));
    store.getState().upsertStatuses([{ ...status(1), proxied: true }]);
    // Nothing was selected: the first proxied stream is shown.
    expect(store.getState().selectedConnectionId).toBe(1);
    store.getState().upsertStatuses([status(2)]);
    store.getState().upsertStatuses([{ ...status(3), proxied: true }]);
    expect(store.getState().connectionOrder).toEqual([1, 2, 3]);
    expect(store.getState().selectedConnectionId).toBe(2);
  });

  it('selects another connection when the selected one is forgotten', () => {
    const store = create<ConnectionsSlice>()((...a) => createConnectionsSlice(...a));
    store.getState().upsertStatuses([status(1), status(2)]);
    store.getState().forgetConnection(2);
    expect(store.getState().selectedConnectionId).toBe(1);
    expect(store.getState().connectionOrder).toEqual([1]);
  });

  it('appends batches to the log and bumps the revision once per animation frame', () => {
    const store = create<ConnectionsSlice>()((...a) => createConnectionsSlice(...a));
    const { frames, scheduler } = fakeScheduler();
    const ingest = createFrameIngestor(store.getState, scheduler);
    const entry = (seq: number) => ({
      connectionId: 7,
      seq,
      record: {
        kind: 'comment' as const,
        attempt: 1,
        t: seq,
        text: 'x',
        offset: 0,
        textLength: 1,
        truncated: false,
      },
    });
    expect(ingest(batchOf([entry(0)], [], [status(7)]))).toBe(true);
    expect(ingest(batchOf([entry(1)], [], [status(7, 2)]))).toBe(true);
    expect(frames).toHaveLength(1);
    // The log has the rows at once; the store (and so React) hears of them once, in the frame.
    const log = timelineLog(7);
    expect([log.seqAt(0), log.seqAt(1)]).toEqual([0, 1]);
    expect(store.getState().revision).toBe(0);
    expect(store.getState().connections[7]).toBeUndefined();
    let changes = 0;
    store.subscribe(() => changes++);
    // Applied in the frame after the next (the next one may be busy parsing batches).
    frames[0]?.();
    expect(changes).toBe(0);
    frames[1]?.();
    expect(changes).toBe(1);
    expect(store.getState().revision).toBe(1);
    expect(store.getState().connections[7]?.events).toBe(2);
    // Rows after missing ones are not added, and the ingestor says so.
    expect(ingest(batchOf([entry(5)]))).toBe(false);
    expect(log.length).toBe(2);
  });

  it('applies a status-only batch in the next frame without bumping the revision', () => {
    const store = create<ConnectionsSlice>()((...a) => createConnectionsSlice(...a));
    const { frames, scheduler } = fakeScheduler();
    const ingest = createFrameIngestor(store.getState, scheduler);
    ingest({ statuses: [status(8)], rows: [], chunks: [] });
    expect(frames).toHaveLength(1);
    frames[0]?.();
    frames[1]?.();
    expect(store.getState().revision).toBe(0);
    expect(store.getState().connections[8]?.state).toBe('open');
    ingest({ statuses: [], rows: [], chunks: [] });
    expect(frames).toHaveLength(2);
  });

  it('after a flood frame, applies the next one no sooner than the flood gap', () => {
    const store = create<ConnectionsSlice>()((...a) => createConnectionsSlice(...a));
    const { frames, delays, scheduler, clock } = fakeScheduler();
    const ingest = createFrameIngestor(store.getState, scheduler);
    const events = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => eventEntry(from + i, { connectionId: 9 }));
    const runFrames = () => {
      while (frames.length > 0) frames.shift()?.();
    };
    // A trickle: each frame follows the last at once.
    ingest(batchOf(events(0, floodRows)));
    runFrames();
    clock.now += 5;
    ingest(batchOf(events(floodRows, 1)));
    expect(delays).toEqual([]);
    expect(frames).toHaveLength(1);
    runFrames();
    // A flood: the frame after it waits for the rest of the gap, then for animation frames.
    ingest(batchOf(events(floodRows + 1, floodRows + 1)));
    runFrames();
    expect(store.getState().revision).toBe(3);
    clock.now += 30;
    ingest(batchOf(events(2 * floodRows + 2, 1)));
    expect(frames).toHaveLength(0);
    expect(delays.map((delay) => delay.ms)).toEqual([floodFrameGapMs - 30]);
    ingest(batchOf(events(2 * floodRows + 3, 1)));
    expect(delays).toHaveLength(1);
    clock.now += floodFrameGapMs - 30;
    delays.shift()?.callback();
    runFrames();
    expect(store.getState().revision).toBe(4);
    expect(timelineLog(9).length).toBe(2 * floodRows + 4);
    // The gap is over: the next frame comes at once again.
    ingest(batchOf(events(2 * floodRows + 4, 1)));
    expect(delays).toEqual([]);
    expect(frames).toHaveLength(1);
  });
});

/** Animation frames and timers a test runs by hand, and a clock it moves. */
function fakeScheduler() {
  const frames: Array<() => void> = [];
  const delays: Array<{ callback: () => void; ms: number }> = [];
  const clock = { now: 1000 };
  const scheduler: FrameScheduler = {
    requestFrame: (callback) => frames.push(callback),
    now: () => clock.now,
    delay: (callback, ms) => delays.push({ callback, ms }),
  };
  return { frames, delays, scheduler, clock };
}
