import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { ReconnectPolicy, RequestSpec } from '../../../shared/capture/request-spec.ts';
import { redactRecord, redactText, redactUrl } from '../../../shared/secrets/index.ts';
import { InspectorError } from '../../../shared/errors.ts';
import type { CaptureStore } from '../capture-store.ts';
import { Connection } from './connection.ts';

export interface ConnectionManagerOptions {
  store: CaptureStore;
  /** Monotonic clock in ms (default performance.now); records carry `t` relative to a session's start. */
  now?: () => number;
  /** Wall clock in ms since the epoch (default Date.now). */
  wallNow?: () => number;
  /** Uniform in [0, 1) for reconnect jitter (default Math.random). */
  random?: () => number;
}

export type RecordListener = (connectionId: number, record: CaptureRecord) => void;
export type StatusListener = (status: ConnectionStatus) => void;

/**
 * Opens and steers any number of independent SSE connections. Every record goes to the capture
 * store first, then to record listeners (synchronously, in order). Secrets stay inside: a
 * connection sends its real headers on every attempt and redirect, but records and statuses leave
 * the manager with markers in place of secret values (shared/secrets), so the store, the views,
 * the CLI's output and logs see what the workspace keeps. Status listeners hear about
 * state changes only (connecting, open, waiting, …), never per event: counters are read with
 * get()/list() by whoever batches updates for the UI.
 */
export class ConnectionManager {
  readonly #store: CaptureStore;
  readonly #now: () => number;
  readonly #wallNow: () => number;
  readonly #random: () => number;
  readonly #connections = new Map<number, Connection>();
  readonly #recordListeners = new Set<RecordListener>();
  readonly #statusListeners = new Set<StatusListener>();

  constructor(options: ConnectionManagerOptions) {
    this.#store = options.store;
    this.#now = options.now ?? (() => performance.now());
    this.#wallNow = options.wallNow ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /** Starts a connection (its first attempt begins at once); returns its id = session id. */
  open(
    spec: RequestSpec,
    options: { name?: string; origin?: 'live' | 'replay-capture' } = {},
  ): number {
    const origin = this.#now();
    const startedAt = this.#wallNow();
    const id = this.#store.createSession({
      spec,
      startedAt,
      origin: options.origin ?? 'live',
      ...(options.name === undefined ? {} : { name: options.name }),
    });
    const store = this.#store;
    const recordListeners = this.#recordListeners;
    const connection: Connection = new Connection({
      id,
      spec,
      startedAt,
      now: () => this.#now() - origin,
      wall: this.#wallNow,
      random: this.#random,
      emit: (captured) => {
        const record = redactRecord(captured);
        store.append(id, record);
        for (const listener of recordListeners) listener(id, record);
      },
      onStateChange: () => this.#emitStatus(connection),
      onFinish: (outcome, endedAt) => {
        store.finishSession(id, endedAt, outcome);
        store.flush();
      },
    });
    this.#connections.set(id, connection);
    connection.start();
    return id;
  }

  /** Disconnects for good (the session ends as 'closed'). No-op when already ended. */
  close(id: number): void {
    this.#get(id).close();
  }

  /**
   * Forgets a connection, closing it first if it runs: the manager keeps nothing of it (its
   * parser, buffers and timers go with the Connection). Its session stays in the store, and
   * records of its last moments still reach the store and the listeners.
   */
  remove(id: number): void {
    const connection = this.#get(id);
    if (!connection.finished) connection.close();
    this.#connections.delete(id);
  }

  /** Ends the running attempt (if any) and starts a new one now, skipping any wait. */
  reconnectNow(id: number): void {
    this.#get(id).reconnectNow();
  }

  /** Pauses (false) or resumes (true) automatic reconnection. */
  setAutoReconnect(id: number, auto: boolean): void {
    this.#get(id).setAutoReconnect(auto);
  }

  /** Changes the reconnect policy; a scheduled reconnect is rescheduled with the new one. */
  setReconnectPolicy(id: number, change: Partial<ReconnectPolicy>): void {
    this.#get(id).setReconnectPolicy(change);
  }

  /**
   * The Last-Event-ID the next attempt sends (null: none), replacing the source's own. Callers
   * pass a value the API schema checked (`lastEventIdSchema`: no CR, LF or NUL).
   */
  setNextLastEventId(id: number, lastEventId: string | null): void {
    this.#get(id).setNextLastEventId(lastEventId);
  }

  /** Destroys the socket abruptly; the connection then behaves as after a network drop. */
  dropConnection(id: number): void {
    this.#get(id).dropConnection();
  }

  /**
   * Stops (true) or restarts (false) reading the response body, so a consumer that cannot keep
   * up (the CLI writing to a slow stdout) pushes back on the server through TCP flow control.
   * Not recorded: it changes pacing, not what the server sent. The idle timeout does not run
   * while paused.
   */
  setReadPaused(id: number, paused: boolean): void {
    this.#get(id).setReadPaused(paused);
  }

  get(id: number): ConnectionStatus {
    return statusOf(this.#get(id));
  }

  list(): ConnectionStatus[] {
    return [...this.#connections.values()].map(statusOf);
  }

  onRecord(listener: RecordListener): () => void {
    this.#recordListeners.add(listener);
    return () => this.#recordListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Closes every connection still running and flushes the store. */
  async closeAll(): Promise<void> {
    for (const connection of this.#connections.values()) {
      if (!connection.finished) connection.close();
    }
    this.#store.flush();
  }

  #get(id: number): Connection {
    const connection = this.#connections.get(id);
    if (connection === undefined) {
      throw new InspectorError('not-found', `No connection with id ${id}.`);
    }
    return connection;
  }

  #emitStatus(connection: Connection): void {
    if (this.#statusListeners.size === 0) return;
    const status = statusOf(connection);
    for (const listener of this.#statusListeners) listener(status);
  }
}

/** A connection's status as it may be shown: its URL and error message without secrets. */
function statusOf(connection: Connection): ConnectionStatus {
  const status = connection.status();
  return {
    ...status,
    url: redactUrl(status.url),
    error: status.error && { ...status.error, message: redactText(status.error.message) },
  };
}
