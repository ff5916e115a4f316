import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { defaultReconnectPolicy, type HttpMethod } from '../../../shared/capture/request-spec.ts';
import { DEFAULT_RECONNECTION_TIME_MS } from '../../../shared/sse/parser.ts';
import type { ProxiedStreamStart } from './upstream-forwarder.ts';

/** What ProxiedStreams hears from a running proxy (CaptureProxy's observers). */
export interface ProxyFeed {
  onStream(listener: (stream: ProxiedStreamStart) => void): () => void;
  onRecord(listener: (session: number, record: CaptureRecord) => void): () => void;
}

export interface ProxiedStreamsListener {
  /** A record of an announced stream (after its status changed, if it did). */
  record(session: number, record: CaptureRecord): void;
  /** A stream started, or its state changed (counters change without a call). */
  status(status: ConnectionStatus): void;
  /** A stream taken off the list has ended (the counts changed). */
  ended(): void;
}

const outcomeStates = { completed: 'closed', closed: 'closed', failed: 'failed' } as const;

/**
 * The event streams a capture proxy passes on, as connections of the list: a status per
 * stream built from its records (the proxy opened them, not the engine), with `proxied` set.
 * Records arrive before the stream is announced (the attempt and the response are written
 * as the response starts); they are held until then, and the records of exchanges that are
 * not streams (`--all` metadata) are let go when they close.
 */
export class ProxiedStreams {
  readonly #statuses = new Map<number, ConnectionStatus>();
  readonly #early = new Map<number, CaptureRecord[]>();
  /** Streams taken off the list while still open: their records are not kept, only their end. */
  readonly #removed = new Set<number>();
  readonly #listener: ProxiedStreamsListener;
  readonly #wall: () => number;
  #started = 0;

  constructor(listener: ProxiedStreamsListener, wall: () => number = Date.now) {
    this.#listener = listener;
    this.#wall = wall;
  }

  /** Follows a proxy until the returned function is called. */
  follow(feed: ProxyFeed): () => void {
    const offRecord = feed.onRecord((session, record) => this.#record(session, record));
    const offStream = feed.onStream((stream) => this.#announce(stream));
    return () => {
      offRecord();
      offStream();
      this.#early.clear();
      this.#removed.clear();
      this.#started = 0;
    };
  }

  has(id: number): boolean {
    return this.#statuses.has(id);
  }

  /** A snapshot: the stream's own status goes on changing with its records. */
  get(id: number): ConnectionStatus | undefined {
    const status = this.#statuses.get(id);
    return status === undefined ? undefined : { ...status };
  }

  list(): ConnectionStatus[] {
    return [...this.#statuses.values()].map((status) => ({ ...status }));
  }

  /** Streams announced since the start, and those not ended yet. */
  counts(): { streams: number; open: number } {
    let open = this.#removed.size;
    for (const status of this.#statuses.values()) if (status.endedAt === null) open++;
    return { streams: this.#started, open };
  }

  /** Forgets a stream (removed from the list); its session stays in the workspace. */
  remove(id: number): void {
    const status = this.#statuses.get(id);
    this.#statuses.delete(id);
    // Still open: its later records are let go as they come, and its end counted.
    if (status !== undefined && status.endedAt === null) this.#removed.add(id);
  }

  #announce(stream: ProxiedStreamStart): void {
    const early = this.#early.get(stream.session) ?? [];
    this.#early.delete(stream.session);
    const status: ConnectionStatus = {
      id: stream.session,
      url: stream.url,
      // Only sessions of the request spec's methods are recorded (isRecordableMethod).
      method: stream.method as HttpMethod,
      state: 'open',
      attempt: 1,
      status: null,
      contentType: null,
      httpVersion: null,
      lastEventId: null,
      reconnectionTimeMs: DEFAULT_RECONNECTION_TIME_MS,
      policy: { ...defaultReconnectPolicy, auto: false },
      nextAttemptAt: null,
      nextDelayMs: null,
      events: 0,
      bytes: 0,
      warnings: 0,
      error: null,
      outcome: null,
      startedAt: this.#wall(),
      endedAt: null,
      proxied: true,
    };
    this.#started++;
    this.#statuses.set(status.id, status);
    for (const record of early) this.#apply(status, record);
    this.#listener.status({ ...status });
    for (const record of early) this.#listener.record(status.id, record);
  }

  #record(session: number, record: CaptureRecord): void {
    if (this.#removed.has(session)) {
      if (record.kind === 'closed') {
        this.#removed.delete(session);
        this.#listener.ended();
      }
      return;
    }
    const status = this.#statuses.get(session);
    if (status === undefined) {
      if (record.kind === 'closed') this.#early.delete(session);
      else {
        const early = this.#early.get(session);
        if (early === undefined) this.#early.set(session, [record]);
        else early.push(record);
      }
      return;
    }
    if (this.#apply(status, record)) this.#listener.status({ ...status });
    this.#listener.record(session, record);
  }

  /** Updates the status from one record; true when its state changed (counters always do). */
  #apply(status: ConnectionStatus, record: CaptureRecord): boolean {
    switch (record.kind) {
      case 'attempt':
        status.startedAt = record.wall;
        return false;
      case 'response':
        status.status = record.status;
        status.contentType = record.contentType;
        status.httpVersion = record.httpVersion;
        return true;
      case 'chunk':
        status.bytes += record.bytes.byteLength;
        return false;
      case 'event':
        status.events++;
        if (record.lastEventId !== '') status.lastEventId = record.lastEventId;
        return false;
      case 'retry':
        status.reconnectionTimeMs = record.ms;
        return false;
      case 'warning':
        status.warnings++;
        return false;
      case 'error':
        status.error = { category: record.category, message: record.message };
        return true;
      case 'closed': {
        // As the exchange stores it: an upstream failure fails the session, the origin ending
        // it completes it, the client or the user ending it closes it.
        const outcome =
          record.reason === 'network-error'
            ? 'failed'
            : record.reason === 'server-closed'
              ? 'completed'
              : 'closed';
        status.outcome = outcome;
        status.state = outcomeStates[outcome];
        status.endedAt = this.#wall();
        return true;
      }
      default:
        return false;
    }
  }
}
