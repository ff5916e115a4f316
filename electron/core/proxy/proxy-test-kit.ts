// Helpers for the capture proxy's tests (not a test file itself).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { MemoryCaptureStore } from '../connections/memory-capture-store.ts';
import { CaptureProxy, type CaptureProxyOptions } from './capture-proxy.ts';
import type { RecordedExchange } from './proxied-exchange.ts';

export type OriginHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Origin {
  url: string;
  close(): Promise<void>;
}

/** An origin server on 127.0.0.1 (https when given a certificate). */
export async function startOrigin(
  handler: OriginHandler,
  tls?: { cert: string; key: string },
): Promise<Origin> {
  const server = tls === undefined ? createServer(handler) : createTlsServer(tls, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A promise with its resolver: a gate a test opens when it has seen what it waits for. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export interface ProxyHarness {
  proxy: CaptureProxy;
  store: MemoryCaptureStore;
  /** Resolves with the next recorded exchange (or one already recorded and not yet taken). */
  nextRecorded(): Promise<RecordedExchange>;
  records(session: number): CaptureRecord[];
  /** Resolves when a record matching `match` is stored (already, or later). */
  until(match: (record: CaptureRecord) => boolean): Promise<CaptureRecord>;
}

export async function startProxy(
  options: Omit<CaptureProxyOptions, 'store'>,
): Promise<ProxyHarness> {
  const store = new MemoryCaptureStore();
  const proxy = await CaptureProxy.start({ ...options, store });
  const recorded: RecordedExchange[] = [];
  const waiting: Array<(recorded: RecordedExchange) => void> = [];
  proxy.onRecorded((one) => {
    const next = waiting.shift();
    if (next === undefined) recorded.push(one);
    else next(one);
  });
  const all = (): CaptureRecord[] => [...store.sessions.values()].flatMap((s) => s.records);
  return {
    proxy,
    store,
    nextRecorded: () => {
      const ready = recorded.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve) => waiting.push(resolve));
    },
    records: (session) => store.session(session).records,
    until: (match) => {
      const found = all().find(match);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve) => {
        const off = proxy.onRecord((_session, record) => {
          if (match(record)) {
            off();
            resolve(record);
          }
        });
      });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A plain node:http request through the proxy (no decompression, no body rewriting). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Polls a condition the code under test changes (no time threshold: the test's timeout rules). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
