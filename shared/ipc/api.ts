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
  /**
   * Whether an OS key store seals secrets of saved requests here (false: web host, CLI, Linux
   * without a keyring: secrets are not saved, and the user is asked for them again).
   */
  secretsCanBeSaved: boolean;
}

/** A message from main the user should see (for example, a workspace that could not be opened). */
export interface AppNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Payloads of push channels, by push name. */
export interface ExportProgress {
  sessionId: number;
  /** Units depend on the format (records, events or bytes); show done / total as a share. */
  done: number;
  total: number;
}

/**
 * The web host stopped sending live frames to a tab that was not reading them (its socket
 * buffer passed a cap): the tab re-reads what it missed from the workspace.
 */
export interface ResyncNotice {
  /** Notices that could not be delivered meanwhile (only their count is kept). */
  missedNotices: number;
}

export interface PushPayloads {
  notice: AppNotice;
  frames: FrameBatch;
  exportProgress: ExportProgress;
  resync: ResyncNotice;
}

export type Unsubscribe = () => void;

/** A recorded session in the history list. */
export interface SessionListItem {
  id: number;
  name: string;
  url: string;
  method: string;
  origin: 'live' | 'import' | 'replay-capture';
  startedAt: number;
  endedAt: number | null;
  durationMs: number;
  /** null while it is being recorded. */
  outcome: 'closed' | 'completed' | 'failed' | 'interrupted' | null;
  attempts: number;
  events: number;
  bytes: number;
  warnings: number;
}

/** A full-text search hit over event data, across sessions. */
export interface EventSearchHit {
  sessionId: number;
  seq: number;
  index: number;
  type: string;
  lastEventId: string;
  t: number;
  /** Data around the match; the match is between \u0002 and \u0003. */
  snippet: string;
}

export interface SavedRequestItem {
  id: number;
  name: string;
  method: string;
  url: string;
  /** With its secrets when they could be kept; otherwise with "[REDACTED]" markers in place. */
  spec: RequestSpecInput;
  updatedAt: number;
  /** Headers and URL parts that need a value before it can run (see secretsNeedingValue). */
  missingSecrets: string[];
  /**
   * Why they are missing: `not-saved` (saved where no key store was available), `unreadable`
   * (sealed, but this machine cannot open them); null when nothing is missing.
   */
  missingReason: 'not-saved' | 'unreadable' | null;
}

export type SessionExportFormat = 'json' | 'har' | 'ndjson' | 'raw';

/** Where an export went: a file the user chose (desktop), a download (browser), or nowhere. */
export type ExportOutcome =
  | { status: 'saved'; path: string; bytes: number }
  | { status: 'download'; url: string; fileName: string; bytes: number }
  | { status: 'cancelled' };

export interface ImportOutcome {
  sessions: Array<{ sessionId: number; name: string; events: number }>;
  /** What the importer wants the user to know (e.g. how events were rebuilt). */
  notes: string[];
}

export interface ReplayInfo {
  replayId: number;
  sessionId: number;
  url: string;
  /** The origin pages may read the replay from (`*`: any); null: no CORS. */
  cors: string | null;
}

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
  /** Recorded sessions, newest first; `query` filters by name or URL. */
  listSessions(query: string, limit: number): Promise<SessionListItem[]>;
  /** Opens a recorded session read-only in the same views as a live connection. */
  openSession(sessionId: number): Promise<ConnectionStatus>;
  /** The request a session was recorded from, with markers where its secrets were. */
  getSessionRequest(sessionId: number): Promise<RequestSpecInput>;
  renameSession(sessionId: number, name: string): Promise<void>;
  deleteSession(sessionId: number): Promise<void>;
  /** Full-text search over event data (words matched literally), newest first. */
  searchEvents(query: string, sessionId: number | null, limit: number): Promise<EventSearchHit[]>;
  /** Exports with secrets redacted (the workspace keeps none). */
  exportSession(sessionId: number, format: SessionExportFormat): Promise<ExportOutcome>;
  /** Imports a session file (native, HAR or a raw capture) given as base64. */
  importSession(fileName: string, base64: string): Promise<ImportOutcome>;
  /**
   * Serves a recorded session as an SSE endpoint on 127.0.0.1 with its original timing; `cors`
   * is the origin allowed to read it from a page (`*` for any, null for none).
   */
  startReplay(
    sessionId: number,
    speed: number,
    loop: boolean,
    cors: string | null,
  ): Promise<ReplayInfo>;
  stopReplay(replayId: number): Promise<void>;
  listSavedRequests(): Promise<SavedRequestItem[]>;
  saveRequest(name: string, spec: RequestSpecInput): Promise<number>;
  deleteSavedRequest(id: number): Promise<void>;
  onNotice(listener: (notice: AppNotice) => void): Unsubscribe;
  onFrames(listener: (batch: FrameBatch) => void): Unsubscribe;
  onExportProgress(listener: (progress: ExportProgress) => void): Unsubscribe;
  /** Live frames were dropped (web host only): read the timelines again after what you have. */
  onResync(listener: (notice: ResyncNotice) => void): Unsubscribe;
}
