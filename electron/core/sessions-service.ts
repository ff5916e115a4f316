import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ConnectionStatus, ConnectionState } from '../../shared/capture/connection-status.ts';
import { defaultReconnectPolicy, type RequestSpec } from '../../shared/capture/request-spec.ts';
import type {
  EventSearchHit,
  ExportProgress,
  ExportOutcome,
  ImportOutcome,
  ReplayInfo,
  SavedRequestItem,
  SessionExportFormat,
  SessionListItem,
} from '../../shared/ipc/api.ts';
import { InspectorError } from '../../shared/errors.ts';
import type { ConnectionManager } from './connections/connection-manager.ts';
import {
  exportExtensions,
  exportSessionToFile,
  importSessionFile,
  type ExportOptions,
} from './files/index.ts';
import { startReplayServer, type ReplayServer } from './replay/replay-server.ts';
import { openRequestSecrets, sealRequestSecrets } from './secrets/request-secrets.ts';
import type { SealingService } from './secrets/sealing-service.ts';
import type { SessionDetail, SessionRecorder, Workspace } from './workspace/index.ts';

/** How the host delivers an exported file: a save dialog (desktop) or a download link (web). */
export interface ExportHost {
  /** Asks where to save; null when the user cancelled. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
  /** Makes a finished file downloadable and returns its URL. */
  publishDownload?: (path: string, fileName: string) => string;
}

const outcomeState: Record<string, ConnectionState> = {
  closed: 'closed',
  completed: 'closed',
  interrupted: 'closed',
  failed: 'failed',
};

/**
 * History, export, import, replay and saved requests over the workspace, for the UI. The CLI
 * calls the same files/ and replay/ modules directly.
 */
export class SessionsService {
  readonly #workspace: Workspace;
  readonly #recorder: SessionRecorder;
  readonly #connections: ConnectionManager;
  /** The connections still in the list (ones the user removed count as history). */
  readonly #listed: () => ConnectionStatus[];
  readonly #replays = new Map<number, ReplayServer>();
  #nextReplayId = 1;
  #host: ExportHost = {};
  readonly #sealing: SealingService;
  #onExportProgress: (progress: ExportProgress) => void = () => undefined;
  readonly #scratch = mkdtempSync(join(tmpdir(), 'sse-inspector-'));

  constructor(
    workspace: Workspace,
    recorder: SessionRecorder,
    connections: ConnectionManager,
    listed: () => ConnectionStatus[],
    sealing: SealingService,
  ) {
    this.#workspace = workspace;
    this.#recorder = recorder;
    this.#connections = connections;
    this.#listed = listed;
    this.#sealing = sealing;
  }

  setExportHost(host: ExportHost): void {
    this.#host = host;
  }

  /** Where export progress goes (the core pushes it to the renderers). */
  onExportProgress(listener: (progress: ExportProgress) => void): void {
    this.#onExportProgress = listener;
  }

  listSessions(query: string, limit: number): SessionListItem[] {
    this.#recorder.flush();
    return this.#workspace
      .listSessions({ limit, ...(query.trim() === '' ? {} : { query: query.trim() }) })
      .map((s) => ({
        id: s.id,
        name: s.name,
        url: s.url,
        method: s.method,
        origin: s.origin,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        durationMs: s.durationMs,
        outcome: s.outcome,
        attempts: s.attempts,
        events: s.events,
        bytes: s.bytes,
        warnings: s.warnings,
      }));
  }

  /** The status the views need for a session: live from the engine, or rebuilt from history. */
  openSession(id: number): ConnectionStatus {
    const live = this.#listed().find((status) => status.id === id);
    if (live) return live;
    const detail = this.#detail(id);
    return historicalStatus(detail);
  }

  /**
   * The request a session was recorded from, for "Run again": its secrets are markers (recorded
   * sessions never keep them), which the request bar asks the user to fill in.
   */
  getSessionRequest(id: number): RequestSpec {
    return this.#detail(id).spec;
  }

  renameSession(id: number, name: string): void {
    if (!this.#workspace.renameSession(id, name)) {
      throw new InspectorError('not-found', `There is no session ${id}.`);
    }
  }

  deleteSession(id: number): void {
    if (
      this.#connections
        .list()
        .some((status) => status.id === id && !['closed', 'failed'].includes(status.state))
    ) {
      throw new InspectorError(
        'busy',
        'This session is still capturing; disconnect it before deleting.',
      );
    }
    if (!this.#workspace.deleteSession(id)) {
      throw new InspectorError('not-found', `There is no session ${id}.`);
    }
  }

  searchEvents(query: string, sessionId: number | null, limit: number): EventSearchHit[] {
    this.#recorder.flush();
    return this.#workspace
      .searchEvents(query, { limit, ...(sessionId === null ? {} : { sessionId }) })
      .map((hit) => ({
        sessionId: hit.sessionId,
        seq: hit.seq,
        index: hit.index,
        type: hit.type,
        lastEventId: hit.lastEventId,
        t: hit.t,
        snippet: hit.snippet,
      }));
  }

  /** Exports are always redacted (the workspace holds no secrets to keep). */
  async exportSession(id: number, format: SessionExportFormat): Promise<ExportOutcome> {
    this.#recorder.flush();
    const detail = this.#detail(id);
    const fileName = `${safeFileName(detail.name || `session-${id}`)}${exportExtensions[format]}`;
    // At most ~10 progress pushes a second, and always the last one.
    let lastPush = 0;
    const onProgress = (done: number, total: number) => {
      const now = Date.now();
      if (done < total && now - lastPush < 100) return;
      lastPush = now;
      this.#onExportProgress({ sessionId: id, done, total });
    };
    if (this.#host.chooseExportPath) {
      const path = await this.#host.chooseExportPath(fileName);
      if (path === null) return { status: 'cancelled' };
      const bytes = await this.#exportTo(path, id, { format, onProgress });
      return { status: 'saved', path, bytes };
    }
    if (this.#host.publishDownload) {
      const path = join(this.#scratch, `${randomUUID()}${exportExtensions[format]}`);
      const bytes = await this.#exportTo(path, id, { format, onProgress });
      const url = this.#host.publishDownload(path, fileName);
      return { status: 'download', url, fileName, bytes };
    }
    throw new InspectorError('unsupported', 'This window cannot save files.');
  }

  async importSession(fileName: string, base64: string): Promise<ImportOutcome> {
    const path = join(this.#scratch, `${randomUUID()}-${safeFileName(basename(fileName))}`);
    writeFileSync(path, Buffer.from(base64, 'base64'));
    try {
      return await this.importFile(path);
    } finally {
      rmSync(path, { force: true });
    }
  }

  /** Imports a file where it lies (one the OS or the File menu handed the desktop app). */
  async importFile(path: string): Promise<ImportOutcome> {
    const result = await importSessionFile(this.#workspace, path);
    return {
      sessions: result.sessions.map((s) => ({
        sessionId: s.sessionId,
        name: s.name,
        events: s.events,
      })),
      notes: result.notes,
    };
  }

  /** Whether `url` points at one of the mock endpoints this service is serving. */
  isReplayUrl(url: string): boolean {
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return false;
    }
    for (const server of this.#replays.values()) {
      if (new URL(server.url).host === host) return true;
    }
    return false;
  }

  async startReplay(
    id: number,
    speed: number,
    loop: boolean,
    cors: string | null,
  ): Promise<ReplayInfo> {
    this.#recorder.flush();
    this.#detail(id);
    const server = await startReplayServer({
      workspace: this.#workspace,
      sessionId: id,
      port: 0,
      speed,
      loop,
      cors,
    });
    const replayId = this.#nextReplayId++;
    this.#replays.set(replayId, server);
    return { replayId, sessionId: id, url: server.url, cors: server.cors };
  }

  async stopReplay(replayId: number): Promise<void> {
    const server = this.#replays.get(replayId);
    if (!server) return;
    this.#replays.delete(replayId);
    await server.close();
  }

  listSavedRequests(): SavedRequestItem[] {
    return this.#workspace.listSavedRequests().flatMap((summary) => {
      const saved = this.#workspace.getSavedRequest(summary.id);
      if (!saved) return [];
      const opened = openRequestSecrets(saved.spec, saved.sealedSecrets, this.#sealing);
      return [
        {
          id: saved.id,
          name: saved.name,
          method: saved.method,
          url: saved.url,
          spec: opened.spec,
          updatedAt: saved.updatedAt,
          missingSecrets: opened.missing,
          missingReason: opened.reason,
        },
      ];
    });
  }

  /**
   * Saves a request; its secrets are sealed with the OS key store, or not written at all where
   * there is none (they are then listed as missing, and the user is asked again).
   */
  saveRequest(name: string, spec: RequestSpec): number {
    const stored = sealRequestSecrets(spec, this.#sealing);
    return this.#workspace.saveRequest(name, stored.spec, stored.sealed);
  }

  deleteSavedRequest(id: number): void {
    this.#workspace.deleteSavedRequest(id);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#replays.values()].map((server) => server.close()));
    this.#replays.clear();
    rmSync(this.#scratch, { recursive: true, force: true });
  }

  /** Writes the export; a file system that refuses it (permissions, a full disk) is the user's to fix. */
  async #exportTo(path: string, id: number, options: ExportOptions): Promise<number> {
    try {
      return (await exportSessionToFile(this.#workspace, id, path, options)).bytesWritten;
    } catch (error) {
      if (!isSystemError(error)) throw error;
      throw new InspectorError('io', `Could not write ${path}: ${error.message}`, { cause: error });
    }
  }

  #detail(id: number): SessionDetail {
    const detail = this.#workspace.getSession(id);
    if (!detail) {
      throw new InspectorError('not-found', `There is no session ${id}; it may have been deleted.`);
    }
    return detail;
  }
}

/** An error from the operating system (it names the failed call), not from our code. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120) || 'session';
}

/** A read-only status for a past session, from what the workspace recorded. */
export function historicalStatus(detail: SessionDetail): ConnectionStatus {
  const last = detail.attemptDetails.at(-1);
  const responded = [...detail.attemptDetails].reverse().find((a) => a.status !== null);
  return {
    id: detail.id,
    url: detail.url,
    method: detail.spec.method,
    state: detail.outcome ? (outcomeState[detail.outcome] ?? 'closed') : 'closed',
    attempt: Math.max(1, detail.attempts),
    status: responded?.status ?? null,
    contentType: responded?.contentType ?? null,
    httpVersion: responded?.httpVersion ?? null,
    lastEventId: null,
    reconnectionTimeMs: 3000,
    policy: { ...defaultReconnectPolicy },
    nextAttemptAt: null,
    nextDelayMs: null,
    events: detail.events,
    bytes: detail.bytes,
    warnings: detail.warnings,
    error:
      last?.errorCategory && last.errorMessage
        ? { category: last.errorCategory, message: last.errorMessage }
        : null,
    startedAt: detail.startedAt,
    endedAt: detail.endedAt,
    outcome: detail.outcome === 'interrupted' ? 'closed' : detail.outcome,
    historical: true,
  };
}
