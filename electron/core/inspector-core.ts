import { basename } from 'node:path';
import type { ConnectionStatus } from '../../shared/capture/connection-status.ts';
import {
  eventPreviewChars,
  toCommentPreview,
  type ChunkBytes,
  type ChunkMeta,
  type TimelineEntry,
} from '../../shared/capture/live-frames.ts';
import type { EventRecord } from '../../shared/capture/records.ts';
import type { ReconnectPolicy, RequestSpec } from '../../shared/capture/request-spec.ts';
import { errorMessage, InspectorError } from '../../shared/errors.ts';
import { redactText } from '../../shared/secrets/index.ts';
import type { AppCommandId } from '../../shared/desktop/app-commands.ts';
import { parseDeepLink } from '../../shared/desktop/deep-link.ts';
import type { AppInfo, HostKind, ImportOutcome, PushPayloads } from '../../shared/ipc/api.ts';
import type { PushName } from '../../shared/ipc/channels.ts';
import { composeApi, type CoreApi } from './api/api-dispatcher.ts';
import { ClientSession, type PushTransport } from './api/client-session.ts';
import { ConnectionManager } from './connections/connection-manager.ts';
import { FrameBatcher } from './live/frame-batcher.ts';
import { ProxyService } from './proxy/proxy-service.ts';
import type { KeyStore } from './secrets/key-store.ts';
import { CollectionsApi } from './collections/collections-api.ts';
import { SealingService } from './secrets/sealing-service.ts';
import { SessionsService } from './sessions-service.ts';
import { defaultProxyCaDir } from './workspace-path.ts';
import { openWorkspaceForApp } from './workspace-startup.ts';
import type { SessionRecorder, Workspace } from './workspace/index.ts';

export interface InspectorCoreOptions {
  host: HostKind;
  version: string;
  /** The workspace database file (`:memory:` for a throwaway one). */
  workspacePath: string;
  /**
   * The OS key store (the desktop shell hands in Electron's safeStorage when it protects
   * anything); none (the default): secrets of saved requests are not kept.
   */
  keyStore?: KeyStore | null;
  /**
   * The clock live frame batching spaces its pushes by (default `performance.now`): tests give
   * their own to check the spacing on the clock the batcher used, whatever the machine's speed.
   */
  frameClock?: () => number;
  /** The capture proxy's CA folder (default: `proxy-ca` in the app's data folder). */
  proxyCaDir?: string;
}

/**
 * Most rows one live push carries: ~140 KB of JSON, a few milliseconds for the renderer to parse
 * and append, so no message handler holds its main thread for a frame.
 */
export const LIVE_BATCH_MAX_ROWS = 2000;

const proxiedOnly =
  'A proxied stream belongs to your client, which opened it: the inspector can only drop it.';

/**
 * The main-process core shared by the desktop app, the web host and the CLI: it owns the
 * workspace, the connections and the live frame batching; renderers attach as client sessions.
 * No `electron` import here: everything is testable under plain Node.
 */
export class InspectorCore {
  readonly #options: InspectorCoreOptions;
  readonly #clients = new Set<ClientSession>();
  readonly #workspace: Workspace;
  readonly #recorder: SessionRecorder;
  readonly #connections: ConnectionManager;
  readonly #batcher: FrameBatcher;
  readonly #sealing: SealingService;
  /** Connections the user removed from the list; their sessions stay in the workspace. */
  readonly #removed = new Set<number>();
  readonly #startupNotices: PushPayloads['notice'][];
  /** History, export, import, replay and saved requests. */
  readonly sessions: SessionsService;
  /** The capture proxy and the streams it passes on. */
  readonly proxy: ProxyService;
  /** Collections of request templates and environments. */
  readonly collections: CollectionsApi;

  constructor(options: InspectorCoreOptions) {
    this.#options = options;
    const opened = openWorkspaceForApp(options.workspacePath);
    this.#workspace = opened.workspace;
    this.#startupNotices = opened.notices;
    // Written on a worker thread: the main process keeps serving windows and reading streams
    // while batches are committed (readers flush() first, which waits for the commits).
    this.#recorder = this.#workspace.createRecorder({
      thread: true,
      onError: (error: unknown) =>
        this.broadcast('notice', {
          level: 'error',
          message: `Could not save captured data to the workspace: ${errorMessage(error)}`,
        }),
    });
    this.#connections = new ConnectionManager({ store: this.#recorder });
    this.#sealing = new SealingService(options.keyStore ?? null);
    this.sessions = new SessionsService(
      this.#workspace,
      this.#recorder,
      this.#connections,
      () => this.listConnections(),
      this.#sealing,
    );
    this.collections = new CollectionsApi(this.#workspace, this.#sealing);
    this.sessions.onExportProgress((progress) => this.broadcast('exportProgress', progress));
    this.#batcher = new FrameBatcher({
      send: (batch) => this.broadcast('frames', batch),
      maxRows: LIVE_BATCH_MAX_ROWS,
      statusOf: (id) =>
        this.#removed.has(id) ? undefined : (this.proxy.statusOf(id) ?? this.#connections.get(id)),
      ...(options.frameClock === undefined ? {} : { now: options.frameClock }),
    });
    this.proxy = new ProxyService({
      store: this.#recorder,
      caDir: () => options.proxyCaDir ?? defaultProxyCaDir(),
      onRecord: (id, record) => {
        if (!this.#removed.has(id)) this.#batcher.addRecord(id, record);
      },
      onStatus: (status) => {
        if (!this.#removed.has(status.id)) this.#batcher.addStatus(status);
      },
      onState: (state) => this.broadcast('proxyState', state),
      onError: (message) => this.broadcast('notice', { level: 'error', message }),
    });
    this.#connections.onRecord((id, record) => {
      if (!this.#removed.has(id)) this.#batcher.addRecord(id, record);
    });
    this.#connections.onStatus((status) => {
      if (!this.#removed.has(status.id)) this.#batcher.addStatus(status);
    });
  }

  attachClient(transport: PushTransport): ClientSession {
    const client = new ClientSession(transport);
    this.#clients.add(client);
    for (const notice of this.#startupNotices) client.push('notice', notice);
    return client;
  }

  detachClient(client: ClientSession): void {
    this.#clients.delete(client);
  }

  broadcast<P extends PushName>(name: P, payload: PushPayloads[P]): void {
    for (const client of this.#clients) client.push(name, payload);
  }

  getAppInfo(): AppInfo {
    return {
      name: 'SSE Inspector',
      version: this.#options.version,
      host: this.#options.host,
      platform: process.platform,
      workspacePath: this.#workspace.path,
      secretsCanBeSaved: this.#sealing.available,
    };
  }

  /** What a renderer may call, for the dispatcher: methods of this core, its sessions service and the client. */
  apiFor(client: ClientSession): CoreApi {
    // `this` as its class: the compiler cannot check a polymorphic `this` against the API.
    return composeApi([client, this as InspectorCore, this.sessions, this.proxy, this.collections]);
  }

  connect(spec: RequestSpec): ConnectionStatus {
    // A capture of one of our own mock endpoints is recorded as such in history and exports.
    const origin = this.sessions.isReplayUrl(spec.url) ? 'replay-capture' : 'live';
    const id = this.#connections.open(spec, { origin });
    return this.#connections.get(id);
  }

  listConnections(): ConnectionStatus[] {
    return [...this.#connections.list(), ...this.proxy.list()].filter(
      (status) => !this.#removed.has(status.id),
    );
  }

  disconnect(id: number): void {
    this.#engineOwned(id);
    this.#connections.close(id);
  }

  reconnectNow(id: number): void {
    this.#engineOwned(id);
    this.#connections.reconnectNow(id);
  }

  setAutoReconnect(id: number, enabled: boolean): void {
    this.#engineOwned(id);
    this.#connections.setAutoReconnect(id, enabled);
  }

  setReconnectPolicy(id: number, policy: Partial<ReconnectPolicy>): void {
    this.#engineOwned(id);
    this.#connections.setReconnectPolicy(id, policy);
  }

  setNextLastEventId(id: number, lastEventId: string | null): void {
    this.#engineOwned(id);
    this.#connections.setNextLastEventId(id, lastEventId);
  }

  /** Cuts the connection as a network failure would; for a proxied stream, its client's. */
  dropConnection(id: number): void {
    this.#live(id);
    if (this.proxy.isProxied(id)) this.proxy.dropClient(id);
    else this.#connections.dropConnection(id);
  }

  removeConnection(id: number): void {
    this.#live(id);
    // Only the id is kept, to filter the closing connection's last records and to say why a
    // later call on it fails; everything else of the connection is freed.
    this.#removed.add(id);
    if (this.proxy.isProxied(id)) this.proxy.remove(id);
    else this.#connections.remove(id);
    this.#batcher.forget(id);
  }

  readTimeline(id: number, afterSeq: number | null, limit: number): TimelineEntry[] {
    this.#recorder.flush();
    return this.#workspace
      .readTimeline(id, {
        ...(afterSeq === null ? {} : { afterSeq }),
        limit,
        previewChars: eventPreviewChars,
      })
      .map(({ seq, record, dataLength }) => ({
        connectionId: id,
        seq,
        record:
          record.kind === 'event'
            ? {
                ...record,
                dataLength: dataLength ?? record.data.length,
                truncated: dataLength !== undefined && dataLength > record.data.length,
              }
            : record.kind === 'comment'
              ? toCommentPreview(record)
              : record,
      }));
  }

  readChunkList(id: number, afterSeq: number | null, limit: number): ChunkMeta[] {
    this.#recorder.flush();
    return this.#workspace
      .readChunkMetaPage(id, { ...(afterSeq === null ? {} : { afterSeq }), limit })
      .map((chunk) => ({
        connectionId: id,
        seq: chunk.seq,
        attempt: chunk.attempt,
        t: chunk.t,
        wall: chunk.wall,
        offset: chunk.offset,
        size: chunk.size,
      }));
  }

  getEvent(id: number, index: number): EventRecord | null {
    this.#recorder.flush();
    const entry = this.#workspace.getEvent(id, index);
    return entry?.record.kind === 'event' ? entry.record : null;
  }

  readChunks(id: number, attempt: number, fromOffset: number, toOffset: number): ChunkBytes[] {
    // The recorder writes in batches; make what the user is looking at readable now.
    this.#recorder.flush();
    return this.#workspace
      .readChunks(id, { attempt, fromOffset, toOffset, limit: 2000 })
      .map((chunk) => ({
        seq: chunk.seq,
        attempt: chunk.attempt,
        t: chunk.t,
        wall: chunk.wall,
        offset: chunk.offset,
        base64: Buffer.from(
          chunk.bytes.buffer,
          chunk.bytes.byteOffset,
          chunk.bytes.byteLength,
        ).toString('base64'),
      }));
  }

  /**
   * A file the OS, the File menu or the recent list handed the desktop app: imported, and its
   * first session opened in the window. A file that is not a session gets the import's error
   * as a notice (nothing is written). Resolves to whether it was opened.
   */
  async openFile(path: string): Promise<boolean> {
    let outcome: ImportOutcome;
    try {
      outcome = await this.sessions.importFile(path);
    } catch (error) {
      this.broadcast('notice', {
        level: 'error',
        message: `Could not open ${basename(path)}: ${errorMessage(error)}`,
      });
      return false;
    }
    const [first, ...more] = outcome.sessions;
    if (first === undefined) return false;
    this.broadcast('appIntent', {
      kind: 'open-session',
      sessionId: first.sessionId,
      name: first.name,
    });
    if (more.length > 0) {
      this.broadcast('notice', {
        level: 'info',
        message: `${basename(path)} held ${outcome.sessions.length} streams; all are in History.`,
      });
    }
    for (const note of outcome.notes) this.broadcast('notice', { level: 'info', message: note });
    return true;
  }

  /** An `sse-inspector://` link: fills the request bar (never connects), or says why not. */
  openLink(link: string): void {
    const parsed = parseDeepLink(link);
    if (parsed.ok) this.broadcast('appIntent', { kind: 'fill-request', ...parsed.request });
    else this.broadcast('notice', { level: 'error', message: parsed.message });
  }

  /** A menu command for the window (the keyboard runs the same commands in the renderer). */
  runCommand(command: AppCommandId): void {
    this.broadcast('appIntent', { kind: 'command', command });
  }

  async close(): Promise<void> {
    try {
      await this.proxy.close();
    } catch (error) {
      // The workspace still has to be flushed and closed below.
      // A proxy failure may quote an upstream URL: the log gets it with secrets as markers.
      console.error(redactText(`Stopping the capture proxy failed: ${errorMessage(error)}`));
    }
    await this.sessions.close();
    await this.#connections.closeAll();
    this.#batcher.flush();
    this.#batcher.close();
    this.#clients.clear();
    this.#recorder.close();
    this.#workspace.close();
  }

  #live(id: number): void {
    if (this.#removed.has(id)) {
      throw new InspectorError('not-found', `Connection ${id} was closed and removed.`);
    }
    // Throws a clear error for an unknown id.
    if (!this.proxy.isProxied(id)) this.#connections.get(id);
  }

  /** A connection the engine opened (the controls that reconnect or close it apply). */
  #engineOwned(id: number): void {
    this.#live(id);
    if (this.proxy.isProxied(id)) throw new InspectorError('unsupported', proxiedOnly);
  }
}
