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

/**
 * Feeds pushed batches into the non-reactive logs at once, and into the store once per
 * animation frame, however many batches arrive: each store change re-renders synchronously,
 * so a status change and a revision bump apart would cost two renders and two layouts.
 * Returns false when rows or chunks of some connection came after a gap (they are not added:
 * the rows in between must be read from main first, see resync.ts).
 */
export function createFrameIngestor(
  getState: () => ConnectionsSlice,
  requestFrame: (callback: () => void) => void,
): (batch: FrameBatch) => boolean {
  let frameRequested = false;
  let pendingStatuses = new Map<number, ConnectionStatus>();
  let rowsArrived = false;
  return (batch) => {
    const complete = appendToLogs(batch);
    rowsArrived ||= batch.rows.length > 0 || batch.chunks.length > 0;
    for (const status of batch.statuses) pendingStatuses.set(status.id, status);
    if (!frameRequested && (pendingStatuses.size > 0 || rowsArrived)) {
      frameRequested = true;
      // Rendered a frame later: the frame that also parsed the batch would hold both costs.
      requestFrame(() =>
        requestFrame(() => {
          frameRequested = false;
          const statuses = [...pendingStatuses.values()];
          const arrived = rowsArrived;
          pendingStatuses = new Map();
          rowsArrived = false;
          getState().applyFrame(statuses, arrived);
        }),
      );
    }
    return complete;
  };
}
