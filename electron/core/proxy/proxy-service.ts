import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { ProxySettings, ProxyState } from '../../../shared/capture/proxy-settings.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { errorMessage, InspectorError } from '../../../shared/errors.ts';
import type { CaptureStore } from '../capture-store.ts';
import { CaptureProxy, ProxyStartError } from './capture-proxy.ts';
import { ProxiedStreams } from './proxied-streams.ts';

export interface ProxyServiceOptions {
  /** Where proxied sessions are recorded (the core's recorder, as for its own captures). */
  store: CaptureStore;
  /** The forward mode's CA folder (asked for only when forward mode starts). */
  caDir: () => string;
  /** A record of a proxied stream, for the live views. */
  onRecord: (session: number, record: CaptureRecord) => void;
  /** A proxied stream started or changed state. */
  onStatus: (status: ConnectionStatus) => void;
  /** The proxy started, stopped, or its stream counts changed. */
  onState: (state: ProxyState) => void;
  /** Something the user should hear of that no call returns (a session that could not be saved). */
  onError: (message: string) => void;
}

/**
 * The app's capture proxy: at most one running, started and stopped from the Capture proxy panel.
 * Its event streams join the connections list as they start (marked `proxied`) and fill the
 * same live views a capture does; Drop cuts the proxied client's connection.
 */
export class ProxyService {
  readonly #options: ProxyServiceOptions;
  readonly #streams: ProxiedStreams;
  #running: { proxy: CaptureProxy; settings: ProxySettings; unfollow: () => void } | null = null;
  /** Start or stop in progress: a second call waits for it instead of racing it. */
  #busy: Promise<unknown> = Promise.resolve();

  constructor(options: ProxyServiceOptions) {
    this.#options = options;
    this.#streams = new ProxiedStreams({
      record: (session, record) => options.onRecord(session, record),
      status: (status) => {
        options.onStatus(status);
        // The panel's counts follow streams starting and ending.
        options.onState(this.getProxyState());
      },
      ended: () => options.onState(this.getProxyState()),
    });
  }

  getProxyState(): ProxyState {
    if (this.#running === null) return { running: false };
    const { proxy, settings } = this.#running;
    const counts = this.#streams.counts();
    return {
      running: true,
      mode: proxy.mode,
      url: proxy.url,
      target: settings.target,
      caPath: proxy.caPath,
      insecure: settings.insecure,
      recordAll: settings.recordAll,
      streams: counts.streams,
      openStreams: counts.open,
    };
  }

  startProxy(settings: ProxySettings): Promise<ProxyState> {
    return this.#serialise(async () => {
      if (this.#running !== null) {
        throw new InspectorError(
          'busy',
          `The capture proxy is already running on ${this.#running.proxy.url}; stop it first.`,
        );
      }
      let proxy: CaptureProxy;
      try {
        proxy = await CaptureProxy.start({
          store: this.#options.store,
          port: settings.port,
          target: settings.target,
          ...(settings.target === null ? { caDir: this.#options.caDir() } : {}),
          tls: { insecure: settings.insecure, caPem: null },
          recordAll: settings.recordAll,
        });
      } catch (error) {
        if (!(error instanceof ProxyStartError)) throw error;
        const message = error.aboutTarget ? `The target URL ${error.message}` : error.message;
        throw new InspectorError('proxy-start', `The capture proxy cannot start: ${message}.`);
      }
      proxy.onError((error) => this.#options.onError(errorMessage(error)));
      this.#running = { proxy, settings, unfollow: this.#streams.follow(proxy) };
      const state = this.getProxyState();
      this.#options.onState(state);
      return state;
    });
  }

  /** Stops listening and cuts the proxied clients; their sessions are saved as closed. */
  stopProxy(): Promise<ProxyState> {
    return this.#serialise(async () => {
      const running = this.#running;
      if (running === null) return this.getProxyState();
      try {
        // Stopping records the open streams' last records: the views still follow them.
        await running.proxy.stop();
      } finally {
        // Even when saving the last records failed, the listener is closed: the panel must
        // not show a proxy that no longer runs (nor refuse the next start as busy).
        running.unfollow();
        this.#running = null;
        this.#options.onState(this.getProxyState());
      }
      return this.getProxyState();
    });
  }

  isProxied(id: number): boolean {
    return this.#streams.has(id);
  }

  statusOf(id: number): ConnectionStatus | undefined {
    return this.#streams.get(id);
  }

  list(): ConnectionStatus[] {
    return this.#streams.list();
  }

  /**
   * Cuts the proxied client's connection (a TCP reset) so the user sees what their own client
   * does next; the stream's session ends as dropped.
   */
  dropClient(id: number): void {
    if (this.#running?.proxy.dropClient(id) !== true) {
      throw new InspectorError('not-found', `Proxied stream ${id} has already ended.`);
    }
  }

  /**
   * Takes a proxied stream off the list. A stream still open goes on for its client (and is
   * still recorded): the user's app is not disturbed by tidying the list.
   */
  remove(id: number): void {
    this.#streams.remove(id);
  }

  async close(): Promise<void> {
    await this.stopProxy();
  }

  #serialise<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#busy.then(step, step);
    this.#busy = next.catch(() => undefined);
    return next;
  }
}
