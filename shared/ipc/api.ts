/** The API's types: what the renderer calls, and the shapes its methods return and push. */
import type { z } from 'zod';
import type { HttpMethod, RequestSpecInput } from '../capture/request-spec.ts';
import type { AppCommandId } from '../desktop/app-commands.ts';
import type { InvokeMethod, PushMethod, PushName, PushPayloads } from './channels.ts';
import type { ApiReply } from './reply.ts';
import type { apiMethods, MethodDeclaration } from './schemas.ts';

export type { InvokeMethod, PushName, PushPayloads } from './channels.ts';

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

export type Unsubscribe = () => void;

/** A recorded session in the history list. */
export interface SessionListItem {
  id: number;
  name: string;
  url: string;
  method: string;
  origin: 'live' | 'import' | 'replay-capture' | 'proxy';
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

/**
 * Something the desktop shell asks the window to do: open a session it imported from a file the
 * OS handed it, fill the request bar from a link (never connect), or run a menu command.
 */
export type AppIntent =
  | { kind: 'open-session'; sessionId: number; name: string }
  | { kind: 'fill-request'; url: string; method: HttpMethod }
  | { kind: 'command'; command: AppCommandId };

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

type Declared = typeof apiMethods;

/** Method M's arguments as the renderer passes them (the schema fills in defaults). */
export type ApiArgs<M extends InvokeMethod> = z.input<Declared[M]['args']>;
/** Method M's arguments as main's core receives them: validated, defaults filled in. */
export type ParsedApiArgs<M extends InvokeMethod> = z.output<Declared[M]['args']>;
/** What method M resolves to. */
export type ApiResult<M extends InvokeMethod> =
  Declared[M] extends MethodDeclaration<z.ZodTuple, infer Result> ? Result : never;

/**
 * The typed surface the renderer calls: one method per entry of `apiMethods` (see its entries
 * for what each does) and one `on…` subscription per push. The desktop preload and the web
 * host's client both build it from the declaration with `buildInspectorApi`.
 */
export type InspectorApi = {
  readonly [M in keyof Declared]: (...args: ApiArgs<M>) => Promise<ApiResult<M>>;
} & PushSubscriptions;

/**
 * What the desktop preload exposes as `window.inspector`: the same methods, each resolving to
 * main's reply envelope, because an Error crossing the context bridge keeps only its message.
 * The renderer turns it into an InspectorApi with `apiOverBridge`.
 */
export type InspectorBridge = {
  readonly [M in keyof Declared]: (...args: ApiArgs<M>) => Promise<ApiReply<ApiResult<M>>>;
} & PushSubscriptions;

type PushSubscriptions = {
  readonly [P in PushName as PushMethod<P>]: (
    listener: (payload: PushPayloads[P]) => void,
  ) => Unsubscribe;
};
