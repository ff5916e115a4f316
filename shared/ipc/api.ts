/** The typed surface the renderer calls. The desktop preload and the web host client both implement it. */
import type { ConnectionStatus } from '../capture/connection-status.ts';
import type { ChunkBytes, ChunkMeta, FrameBatch, TimelineEntry } from '../capture/live-frames.ts';
import type { EventRecord } from '../capture/records.ts';
import type { ReconnectPolicy, RequestSpecInput } from '../capture/request-spec.ts';

export type HostKind = 'desktop' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  platform: string;
  /** Where the workspace database lives. */
  workspacePath: string;
}

/** A message from main the user should see (for example, a workspace that could not be opened). */
export interface AppNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Payloads of push channels, by push name. */
export interface PushPayloads {
  notice: AppNotice;
  frames: FrameBatch;
}

export type Unsubscribe = () => void;

export interface InspectorApi {
  getAppInfo(): Promise<AppInfo>;
  /** Tells main the renderer has subscribed; pushes queued before it are then delivered. */
  rendererReady(): Promise<void>;
  /** Opens a connection; rejects with a user-readable message when the spec is invalid. */
  connect(spec: RequestSpecInput): Promise<ConnectionStatus>;
  disconnect(connectionId: number): Promise<void>;
  reconnectNow(connectionId: number): Promise<void>;
  setAutoReconnect(connectionId: number, enabled: boolean): Promise<void>;
  setReconnectPolicy(connectionId: number, policy: Partial<ReconnectPolicy>): Promise<void>;
  setNextLastEventId(connectionId: number, lastEventId: string | null): Promise<void>;
  /** Cuts the socket abruptly, as a network failure would, to test the server's resume logic. */
  dropConnection(connectionId: number): Promise<void>;
  /** Disconnects if needed and removes the connection from the list (its session stays saved). */
  removeConnection(connectionId: number): Promise<void>;
  listConnections(): Promise<ConnectionStatus[]>;
  /**
   * Timeline rows already captured (seq > afterSeq, in order, at most `limit`), shaped like the
   * live frames: a reloaded window fills its timeline from here, then follows the pushes.
   */
  readTimeline(
    connectionId: number,
    afterSeq: number | null,
    limit: number,
  ): Promise<TimelineEntry[]>;
  /** Chunks already captured (seq > afterSeq), without their bytes. */
  readChunkList(connectionId: number, afterSeq: number | null, limit: number): Promise<ChunkMeta[]>;
  /** The full event (live frames carry a preview of long data). */
  getEvent(connectionId: number, index: number): Promise<EventRecord | null>;
  /** Body chunks of one attempt overlapping the byte range [fromOffset, toOffset). */
  readChunks(
    connectionId: number,
    attempt: number,
    fromOffset: number,
    toOffset: number,
  ): Promise<ChunkBytes[]>;
  onNotice(listener: (notice: AppNotice) => void): Unsubscribe;
  onFrames(listener: (batch: FrameBatch) => void): Unsubscribe;
}
