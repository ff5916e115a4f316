import { z } from 'zod';
import type { ConnectionStatus } from '../capture/connection-status.ts';
import type { ChunkBytes, ChunkMeta, TimelineEntry } from '../capture/live-frames.ts';
import { proxySettingsSchema, type ProxyState } from '../capture/proxy-settings.ts';
import type { EventRecord } from '../capture/records.ts';
import {
  lastEventIdSchema,
  reconnectPolicyPatchSchema,
  requestSpecSchema,
  type RequestSpecInput,
} from '../capture/request-spec.ts';
import { checkSpecSchema, type CheckSpec } from '../checks/index.ts';
import { checkCorsOrigin } from '../cors-origin.ts';
import type {
  AppInfo,
  EventSearchHit,
  ExportOutcome,
  ImportOutcome,
  ReplayInfo,
  SavedRequestItem,
  SessionListItem,
} from './api.ts';
import type { InvokeMethod } from './channels.ts';
import { environmentSchema, requestTemplateSchema } from '../requests/collection.ts';
import type {
  CollectionImportResult,
  CollectionItem,
  CollectionRequestDetail,
  EnvironmentItem,
  SavedWithSecrets,
} from './collections-api.ts';

/** One API method: its argument tuple (main validates every call) and, as a type only, its result. */
export interface MethodDeclaration<Args extends z.ZodTuple, Result> {
  readonly args: Args;
  /** Never set: carries the result type for `InspectorApi`. */
  readonly result?: Result;
}

function method<Args extends z.ZodTuple>(args: Args) {
  return { returns: <Result>(): MethodDeclaration<Args, Result> => ({ args }) };
}

const connectionId = z.number().int().nonnegative();
const sessionId = connectionId;
const byteOffset = z.number().int().nonnegative();
const pageLimit = z.number().int().min(1).max(10_000);
const afterSeq = z.number().int().min(0).nullable();
const sessionName = z.string().trim().min(1).max(200);
const itemId = z.number().int().nonnegative();
const itemName = z.string().trim().min(1).max(500);
const itemKind = z.enum(['collection', 'folder', 'request']);
const corsOrigin = z
  .string()
  .max(500)
  .nullable()
  .superRefine((value, context) => {
    const check = value === null ? null : checkCorsOrigin(value);
    if (check?.ok === false) context.addIssue({ code: 'custom', message: check.message });
  });

/**
 * Every method of the inspector API, declared once: `InspectorApi` (what the renderer calls),
 * the preload, the web host's client and main's dispatcher are all derived from this table and
 * the channel table in `channels.ts`. Arguments are validated in main against these schemas
 * before anything runs, whether the call came over Electron IPC or the web host's WebSocket;
 * the core receives them parsed (defaults filled in). Each entry documents its arguments.
 */
export const apiMethods = {
  /** The app's name, version, host and workspace path. */
  getAppInfo: method(z.tuple([])).returns<AppInfo>(),
  /** Tells main the renderer has subscribed; pushes queued before it are then delivered. */
  rendererReady: method(z.tuple([])).returns<void>(),
  /** (spec) Opens a connection; rejects with a user-readable message when the spec is invalid. */
  connect: method(z.tuple([requestSpecSchema])).returns<ConnectionStatus>(),
  /** (connectionId) Closes the connection; its session stays recorded. */
  disconnect: method(z.tuple([connectionId])).returns<void>(),
  /** (connectionId) Starts the next attempt now instead of waiting for the reconnect delay. */
  reconnectNow: method(z.tuple([connectionId])).returns<void>(),
  /** (connectionId, enabled) Pauses or resumes automatic reconnection. */
  setAutoReconnect: method(z.tuple([connectionId, z.boolean()])).returns<void>(),
  /** (connectionId, policy) Changes some fields of the reconnect policy. */
  setReconnectPolicy: method(z.tuple([connectionId, reconnectPolicyPatchSchema])).returns<void>(),
  /** (connectionId, lastEventId) The Last-Event-ID the next attempt sends (null: none). */
  setNextLastEventId: method(z.tuple([connectionId, lastEventIdSchema])).returns<void>(),
  /** (connectionId) Cuts the socket abruptly, as a network failure would, to test the server's resume logic. */
  dropConnection: method(z.tuple([connectionId])).returns<void>(),
  /** (connectionId) Disconnects if needed and removes the connection from the list (its session stays saved). */
  removeConnection: method(z.tuple([connectionId])).returns<void>(),
  /** The connections in the list, live or ended. */
  listConnections: method(z.tuple([])).returns<ConnectionStatus[]>(),
  /**
   * (connectionId, afterSeq, limit) Timeline rows already captured (seq > afterSeq, in order, at
   * most `limit`), shaped like the live frames: a reloaded window fills its timeline from here,
   * then follows the pushes.
   */
  readTimeline: method(z.tuple([connectionId, afterSeq, pageLimit])).returns<TimelineEntry[]>(),
  /** (connectionId, afterSeq, limit) Chunks already captured (seq > afterSeq), without their bytes. */
  readChunkList: method(z.tuple([connectionId, afterSeq, pageLimit])).returns<ChunkMeta[]>(),
  /** (connectionId, index) The full event (live frames carry a preview of long data). */
  getEvent: method(
    z.tuple([connectionId, z.number().int().nonnegative()]),
  ).returns<EventRecord | null>(),
  /** (connectionId, attempt, fromOffset, toOffset) Body chunks of one attempt overlapping the byte range [fromOffset, toOffset). */
  readChunks: method(
    z
      .tuple([connectionId, z.number().int().min(1), byteOffset, byteOffset])
      .refine(([, , from, to]) => to >= from, 'The byte range ends before it starts.'),
  ).returns<ChunkBytes[]>(),
  /** (query, limit) Recorded sessions, newest first; `query` filters by name or URL. */
  listSessions: method(z.tuple([z.string().max(1000), pageLimit])).returns<SessionListItem[]>(),
  /** (sessionId) Opens a recorded session read-only in the same views as a live connection. */
  openSession: method(z.tuple([sessionId])).returns<ConnectionStatus>(),
  /** (sessionId) The request a session was recorded from, with markers where its secrets were. */
  getSessionRequest: method(z.tuple([sessionId])).returns<RequestSpecInput>(),
  /** (sessionId, name) Renames a recorded session. */
  renameSession: method(z.tuple([sessionId, sessionName])).returns<void>(),
  /** (sessionId) Deletes a recorded session (not one still capturing). */
  deleteSession: method(z.tuple([sessionId])).returns<void>(),
  /** (query, sessionId, limit) Full-text search over event data (words matched literally), newest first. */
  searchEvents: method(
    z.tuple([z.string().min(1).max(1000), sessionId.nullable(), pageLimit]),
  ).returns<EventSearchHit[]>(),
  /**
   * (sessionId, format) Exports a session to a file the user picks, or as a download, with
   * secrets redacted (the workspace keeps none).
   */
  exportSession: method(
    z.tuple([sessionId, z.enum(['json', 'har', 'ndjson', 'raw'])]),
  ).returns<ExportOutcome>(),
  /** (fileName, base64) Imports a session file (native, HAR or a raw capture) given as base64. */
  importSession: method(
    z.tuple([
      z.string().min(1).max(500),
      z
        .string()
        .max(
          96 * 1024 * 1024,
          'The file is too large to import here; use `npm run cli -- import`.',
        ),
    ]),
  ).returns<ImportOutcome>(),
  /**
   * (sessionId, speed, loop, cors) Serves a recorded session as an SSE endpoint on 127.0.0.1
   * with its original timing; `cors` is the origin allowed to read it from a page (`*` for
   * any, null for none).
   */
  startReplay: method(
    z.tuple([sessionId, z.number().min(0).max(1000), z.boolean(), corsOrigin]),
  ).returns<ReplayInfo>(),
  /** (replayId) Stops a replay server. */
  stopReplay: method(z.tuple([z.number().int().nonnegative()])).returns<void>(),
  /** Saved requests, with their secrets opened where this machine can. */
  listSavedRequests: method(z.tuple([])).returns<SavedRequestItem[]>(),
  /** (name, spec) Saves a request; resolves to its id. */
  saveRequest: method(z.tuple([sessionName, requestSpecSchema])).returns<number>(),
  /** (id) Deletes a saved request. */
  deleteSavedRequest: method(z.tuple([z.number().int().nonnegative()])).returns<void>(),
  /** Whether the capture proxy runs, where, in which mode, and how many streams it passed on. */
  getProxyState: method(z.tuple([])).returns<ProxyState>(),
  /**
   * (settings) Starts the capture proxy on 127.0.0.1: reverse mode with a `target`, forward mode
   * (CONNECT + TLS interception with the app's CA) without. Its event streams join the
   * connections list as they start.
   */
  startProxy: method(z.tuple([proxySettingsSchema])).returns<ProxyState>(),
  /** Stops the capture proxy; streams still open are cut and saved. */
  stopProxy: method(z.tuple([])).returns<ProxyState>(),
  /** Every collection with its folders and requests (templates, secrets as markers). */
  listCollections: method(z.tuple([])).returns<CollectionItem[]>(),
  /** (text, fileName) Imports a collection file's text (format recognised by content). */
  importCollection: method(
    z.tuple([
      z
        .string()
        .max(
          50 * 1024 * 1024,
          'The file is too large to import here (over 50 MiB); use `npm run cli -- collection import`.',
        ),
      itemName,
    ]),
  ).returns<CollectionImportResult>(),
  /** (id, format) A collection as file text: our own format or Postman v2.1 (no secrets). */
  exportCollection: method(
    z.tuple([itemId, z.enum(['sse-inspector', 'postman'])]),
  ).returns<string>(),
  /** (id) A request's template, secrets opened where this machine can, for the request bar. */
  getCollectionRequest: method(z.tuple([itemId])).returns<CollectionRequestDetail>(),
  /** (collectionId or null for a new "My requests", name, template) Adds a request; its id. */
  addCollectionRequest: method(
    z.tuple([itemId.nullable(), itemName, requestTemplateSchema]),
  ).returns<SavedWithSecrets>(),
  /** (id, template) Replaces a stored request's method, URL, headers and body. */
  updateCollectionRequest: method(
    z.tuple([itemId, requestTemplateSchema]),
  ).returns<SavedWithSecrets>(),
  /** (kind, id, name) Renames a collection, folder or request. */
  renameCollectionItem: method(z.tuple([itemKind, itemId, itemName])).returns<void>(),
  /** (kind, id, folderId) Moves a folder or request into a folder (null: the top). */
  moveCollectionItem: method(
    z.tuple([z.enum(['folder', 'request']), itemId, itemId.nullable()]),
  ).returns<void>(),
  /** (kind, id) Copies a folder (with its contents) or a request beside it; the copy's id. */
  duplicateCollectionItem: method(
    z.tuple([z.enum(['folder', 'request']), itemId]),
  ).returns<number>(),
  /** (kind, id) Deletes a collection or folder with its contents, or a request. */
  deleteCollectionItem: method(z.tuple([itemKind, itemId])).returns<void>(),
  /** (requestId, sessionId) Remembers the session a run of the request recorded. */
  recordCollectionRun: method(z.tuple([itemId, sessionId])).returns<void>(),
  /** (requestId) The check spec kept with a request, null for none. */
  getRequestCheckSpec: method(z.tuple([itemId])).returns<CheckSpec | null>(),
  /** (requestId, spec or null) Keeps a check spec with a request (its `request` part is not kept). */
  saveRequestCheckSpec: method(z.tuple([itemId, checkSpecSchema.nullable()])).returns<void>(),
  /** Environments with their variables, secret ones opened where this machine can. */
  listEnvironments: method(z.tuple([])).returns<EnvironmentItem[]>(),
  /** (id or null for a new one, environment) Saves an environment; secrets sealed or not saved. */
  saveEnvironment: method(
    z.tuple([itemId.nullable(), environmentSchema]),
  ).returns<SavedWithSecrets>(),
  /** (id) Deletes an environment. */
  deleteEnvironment: method(z.tuple([itemId])).returns<void>(),
  /** (id or null) Makes an environment the active one (null: none). */
  setActiveEnvironment: method(z.tuple([itemId.nullable()])).returns<void>(),
} satisfies Record<InvokeMethod, MethodDeclaration<z.ZodTuple, unknown>>;
