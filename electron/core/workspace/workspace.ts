import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { resolve } from 'node:path';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import { moveAside, openDatabase } from './open-database.ts';
import { SessionRecorder, type SessionRecorderOptions } from './recorder.ts';
import type { SqlContext } from './sql-context.ts';
import { SqlConnection } from './sql-connection.ts';
import { isRecordingHere, processIsAlive } from './live-sessions.ts';
import * as sessions from './sessions-store.ts';
import * as timeline from './timeline-queries.ts';
import * as chunks from './chunk-queries.ts';
import * as saved from './saved-requests.ts';
import { searchEvents } from './event-search.ts';
import type {
  ChunkPageOptions,
  ChunkRangeOptions,
  ListSessionsOptions,
  RawChunk,
  SavedRequest,
  SavedRequestSummary,
  SearchHit,
  SearchOptions,
  SessionDetail,
  SessionSummary,
  StoredEntry,
  TimelineFilter,
  TimelinePageOptions,
} from './types.ts';

export interface WorkspaceOpenOptions {
  /** How long to wait for another process's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
}

/** Something closed together with the workspace (its recorders). */
export interface WorkspaceAttachment {
  close(): void;
  /** The session is being deleted: drop what is buffered for it. */
  discardSession(sessionId: number): void;
}

/**
 * One SQLite database (node:sqlite) holding saved requests, sessions, attempts, raw chunks and the
 * timeline, with an FTS5 index over event data. All methods are synchronous: the connection
 * engine's recorder and the read API share this one connection in the main process.
 */
export class Workspace implements SqlContext {
  /** The database file (':memory:' for a throwaway workspace). */
  readonly path: string;
  /** Identifies the file in this process's registry of sessions being recorded. */
  readonly databaseKey: string;
  readonly #sql: SqlConnection;
  readonly #attachments = new Set<WorkspaceAttachment>();

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.databaseKey = path === ':memory:' ? `:memory:${Math.random()}` : resolve(path);
    this.#sql = new SqlConnection(path, db);
  }

  /**
   * Opens (creating folders and file as needed) and migrates a workspace. Throws WorkspaceError:
   * 'corrupt' (not a database, or not ours: offer a fresh one after moveAside), 'too-new' (the
   * file is left untouched), 'locked', 'io'.
   */
  static open(path: string, options: WorkspaceOpenOptions = {}): Workspace {
    return new Workspace(path, openDatabase(path, options.busyTimeoutMs ?? 5000));
  }

  /**
   * Renames a damaged workspace (and its -wal/-shm/-journal companions) to
   * `<name>.corrupt-<timestamp>` so a fresh one can be created at `path`; returns the new path.
   */
  static moveAside(path: string): string {
    return moveAside(path);
  }

  get isOpen(): boolean {
    return this.#sql.isOpen;
  }

  /** Flushes and closes the recorders, then the database. Safe to call twice. */
  close(): void {
    if (!this.#sql.isOpen) return;
    try {
      for (const attachment of [...this.#attachments]) attachment.close();
    } finally {
      this.#sql.close();
    }
  }

  statement(sql: string): StatementSync {
    return this.#sql.statement(sql);
  }

  transaction<T>(fn: () => T): T {
    return this.#sql.transaction(fn);
  }

  attach(attachment: WorkspaceAttachment): void {
    this.#attachments.add(attachment);
  }

  detach(attachment: WorkspaceAttachment): void {
    this.#attachments.delete(attachment);
  }

  /** A recorder writing captures into this workspace (closed with it). */
  createRecorder(options?: SessionRecorderOptions): SessionRecorder {
    return new SessionRecorder(this, options);
  }

  /**
   * Startup recovery: sessions without an end whose recording process is gone become
   * 'interrupted', ending at their last stored record. Spares sessions a recorder in this process
   * or another live process is still writing. Returns how many were marked.
   */
  markInterruptedSessions(): number {
    return sessions.markInterrupted(this, (sessionId, writerPid) => {
      if (isRecordingHere(this.databaseKey, sessionId)) return true;
      return writerPid !== null && writerPid !== process.pid && processIsAlive(writerPid);
    });
  }

  // Sessions

  listSessions(options: ListSessionsOptions): SessionSummary[] {
    return sessions.listSessions(this, options);
  }

  getSession(id: number): SessionDetail | null {
    return sessions.getSession(this, id);
  }

  renameSession(id: number, name: string): boolean {
    return sessions.renameSession(this, id, name);
  }

  /** Deletes a session with everything recorded for it, search entries included. */
  deleteSession(id: number): boolean {
    for (const attachment of this.#attachments) attachment.discardSession(id);
    return sessions.deleteSessionRows(this, id);
  }

  // Timeline

  readTimeline(sessionId: number, options: TimelinePageOptions): StoredEntry[] {
    return timeline.readTimeline(this, sessionId, options);
  }

  countTimeline(sessionId: number, filter?: TimelineFilter): number {
    return timeline.countTimeline(this, sessionId, filter);
  }

  timelineSeqAt(sessionId: number, position: number, filter?: TimelineFilter): number | null {
    return timeline.timelineSeqAt(this, sessionId, position, filter);
  }

  timelinePositionOf(sessionId: number, seq: number, filter?: TimelineFilter): number {
    return timeline.timelinePositionOf(this, sessionId, seq, filter);
  }

  readEntry(sessionId: number, seq: number): StoredEntry | null {
    return timeline.readEntry(this, sessionId, seq);
  }

  getEvent(sessionId: number, index: number): StoredEntry | null {
    return timeline.getEvent(this, sessionId, index);
  }

  // Raw bytes

  readChunks(sessionId: number, range: ChunkRangeOptions): RawChunk[] {
    return chunks.readChunks(this, sessionId, range);
  }

  readChunkPage(sessionId: number, page: ChunkPageOptions): RawChunk[] {
    return chunks.readChunkPage(this, sessionId, page);
  }

  readChunkMetaPage(
    sessionId: number,
    page: ChunkPageOptions,
  ): Array<Omit<RawChunk, 'bytes'> & { size: number }> {
    return chunks.readChunkMetaPage(this, sessionId, page);
  }

  findEventAtOffset(sessionId: number, attempt: number, offset: number): StoredEntry | null {
    return chunks.findEventAtOffset(this, sessionId, attempt, offset);
  }

  // Search

  /** Throws SearchQueryError for a query the index cannot parse (only with plainText: false). */
  searchEvents(query: string, options: SearchOptions): SearchHit[] {
    return searchEvents(this, query, options);
  }

  // Saved requests

  /**
   * Stores the spec with markers in place of secrets; `sealedSecrets` (from the sealing service,
   * default none) is the only place their values may be kept.
   */
  saveRequest(name: string, spec: RequestSpec, sealedSecrets: Uint8Array | null = null): number {
    return saved.saveRequest(this, name, spec, sealedSecrets);
  }

  updateSavedRequest(
    id: number,
    spec: RequestSpec,
    sealedSecrets: Uint8Array | null = null,
  ): boolean {
    return saved.updateSavedRequest(this, id, spec, sealedSecrets);
  }

  listSavedRequests(): SavedRequestSummary[] {
    return saved.listSavedRequests(this);
  }

  getSavedRequest(id: number): SavedRequest | null {
    return saved.getSavedRequest(this, id);
  }

  renameSavedRequest(id: number, name: string): boolean {
    return saved.renameSavedRequest(this, id, name);
  }

  deleteSavedRequest(id: number): boolean {
    return saved.deleteSavedRequest(this, id);
  }
}
