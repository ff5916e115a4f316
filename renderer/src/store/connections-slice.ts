import type { StateCreator } from 'zustand';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { FrameBatch } from '../../../shared/capture/live-frames.ts';
import { dropTimelineLog, timelineLog } from './timeline-log.ts';

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
}

export const createConnectionsSlice: StateCreator<ConnectionsSlice, [], [], ConnectionsSlice> = (
  set,
) => ({
  connections: {},
  connectionOrder: [],
  selectedConnectionId: null,
  revision: 0,
  upsertStatuses: (statuses) =>
    set((state) => {
      if (statuses.length === 0) return state;
      const connections = { ...state.connections };
      let order = state.connectionOrder;
      let selected = state.selectedConnectionId;
      for (const status of statuses) {
        if (!(status.id in connections)) {
          order = [...order, status.id];
          // A new connection becomes the selected one: it is what the user just asked for.
          selected = status.id;
        }
        connections[status.id] = status;
      }
      return { connections, connectionOrder: order, selectedConnectionId: selected };
    }),
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
});

/**
 * Feeds one pushed batch into the non-reactive logs and the store. The revision bump is
 * coalesced to one per animation frame, however many batches arrive.
 */
export function createFrameIngestor(
  getState: () => ConnectionsSlice,
  requestFrame: (callback: () => void) => void,
): (batch: FrameBatch) => void {
  let frameRequested = false;
  return (batch) => {
    const byConnection = new Map<
      number,
      { entries: FrameBatch['entries']; chunks: FrameBatch['chunks'] }
    >();
    const group = (id: number) => {
      let bucket = byConnection.get(id);
      if (!bucket) {
        bucket = { entries: [], chunks: [] };
        byConnection.set(id, bucket);
      }
      return bucket;
    };
    for (const entry of batch.entries) group(entry.connectionId).entries.push(entry);
    for (const chunk of batch.chunks) group(chunk.connectionId).chunks.push(chunk);
    for (const [id, bucket] of byConnection) timelineLog(id).append(bucket.entries, bucket.chunks);
    getState().upsertStatuses(batch.statuses);
    if (byConnection.size > 0 && !frameRequested) {
      frameRequested = true;
      requestFrame(() => {
        frameRequested = false;
        getState().bumpRevision();
      });
    }
  };
}
