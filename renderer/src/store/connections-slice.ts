import type { StateCreator } from 'zustand';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import { appendToLogs, dropTimelineLog } from './timeline-log.ts';

export interface ConnectionsSlice {
  /** Statuses by connection id (small objects, replaced when main reports a change). */
  connections: Record<number, ConnectionStatus>;
  /** Connection ids in the order they were opened. */
  connectionOrder: number[];
  selectedConnectionId: number | null;
  /** Bumped at most once per animation frame when new timeline data arrived. */
  revision: number;
  upsertStatuses(statuses: readonly ConnectionStatus[]): void;
  selectConnection(id: number | null): void;
  forgetConnection(id: number): void;
  bumpRevision(): void;
  /** One animation frame's worth of pushes: new statuses and, if rows arrived, a new revision. */
  applyFrame(statuses: readonly ConnectionStatus[], rowsArrived: boolean): void;
}

export const createConnectionsSlice: StateCreator<ConnectionsSlice, [], [], ConnectionsSlice> = (
  set,
) => ({
  connections: {},
  connectionOrder: [],
  selectedConnectionId: null,
  revision: 0,
  upsertStatuses: (statuses) => set((state) => withStatuses(state, statuses)),
  selectConnection: (id) => set({ selectedConnectionId: id }),
  forgetConnection: (id) =>
    set((state) => {
      const connections = { ...state.connections };
      delete connections[id];
      const order = state.connectionOrder.filter((other) => other !== id);
      dropTimelineLog(id);
      const selected =
        state.selectedConnectionId === id
          ? (order[order.length - 1] ?? null)
          : state.selectedConnectionId;
      return { connections, connectionOrder: order, selectedConnectionId: selected };
    }),
  bumpRevision: () => set((state) => ({ revision: state.revision + 1 })),
  applyFrame: (statuses, rowsArrived) =>
    set((state) => {
      const next = withStatuses(state, statuses);
      return rowsArrived ? { ...next, revision: state.revision + 1 } : next;
    }),
});

function withStatuses(
  state: ConnectionsSlice,
  statuses: readonly ConnectionStatus[],
): Pick<ConnectionsSlice, 'connections' | 'connectionOrder' | 'selectedConnectionId'> {
  if (statuses.length === 0) return state;
  const connections = { ...state.connections };
  let order = state.connectionOrder;
  let selected = state.selectedConnectionId;
  for (const status of statuses) {
    if (!(status.id in connections)) {
      order = [...order, status.id];
      // A new connection becomes the selected one: it is what the user just asked for. A
      // proxied stream was asked for by the user's own app: it does not take the view away
      // from another connection.
      if (!status.proxied || selected === null) selected = status.id;
    }
    connections[status.id] = status;
  }
  return { connections, connectionOrder: order, selectedConnectionId: selected };
}

/** What the frame ingestor schedules with (the window's, or a test's fakes). */
export interface FrameScheduler {
  requestFrame(callback: () => void): void;
  now(): number;
  delay(callback: () => void, ms: number): void;
}

/**
 * Rows in one frame past which a frame is a flood: the timeline is replaced wholesale (several
 * screens of rows arrived since the last frame), so no row stays on screen long enough to read.
 */
export const floodRows = 100;
/**
 * After a flood frame the next one waits this long: a flood redraws the timeline at most ten
 * times a second. Each such frame lays out, paints and layerizes every visible row: at fifteen
 * to twenty a second on a busy 2-core machine they made 8–20% of all frames late, and ten a
 * second of a view that changes wholesale show the user as much.
 */
export const floodFrameGapMs = 100;

/**
 * Feeds pushed batches into the non-reactive logs at once, and into the store once per
 * animation frame, however many batches arrive: each store change re-renders synchronously,
 * so a status change and a revision bump apart would cost two renders and two layouts. After a
 * flood frame, the next comes `floodFrameGapMs` later at the earliest.
 * Returns false when rows or chunks of some connection came after a gap (they are not added:
 * the rows in between must be read from main first, see resync.ts).
 */
export function createFrameIngestor(
  getState: () => ConnectionsSlice,
  scheduler: FrameScheduler,
): (batch: FrameBatch) => boolean {
  let frameRequested = false;
  let pendingStatuses = new Map<number, ConnectionStatus>();
  let rowsArrived = false;
  let pendingRows = 0;
  /** No frame is applied before this time (set by a flood frame). */
  let notBefore = -Infinity;
  const apply = () => {
    frameRequested = false;
    const statuses = [...pendingStatuses.values()];
    const arrived = rowsArrived;
    if (pendingRows > floodRows) notBefore = scheduler.now() + floodFrameGapMs;
    pendingStatuses = new Map();
    rowsArrived = false;
    pendingRows = 0;
    getState().applyFrame(statuses, arrived);
  };
  // Rendered a frame later: the frame that also took the batch in would hold both costs.
  const requestFrames = () => scheduler.requestFrame(() => scheduler.requestFrame(apply));
  return (batch) => {
    const complete = appendToLogs(batch);
    rowsArrived ||= batch.rows.length > 0 || batch.chunks.length > 0;
    for (const block of batch.rows) pendingRows += block.t.length;
    for (const status of batch.statuses) pendingStatuses.set(status.id, status);
    if (!frameRequested && (pendingStatuses.size > 0 || rowsArrived)) {
      frameRequested = true;
      const wait = notBefore - scheduler.now();
      if (wait > 0) scheduler.delay(requestFrames, wait);
      else requestFrames();
    }
    return complete;
  };
}
