// Helpers for the capture proxy's tests (not a test file itself).
import {
  Agent,
  createServer,
  request,
  type ClientRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Agent as TlsAgent, createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { connect as connectTls } from 'node:tls';
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

/**
 * An agent that sends each request to the proxy in absolute form (`GET http://host:port/path`),
 * as HTTP proxy agents do for plain-HTTP origins and ws:// (e.g. `http-proxy-agent`).
 */
export function absoluteFormAgent(proxyUrl: string): Agent {
  const proxy = new URL(proxyUrl);
  const agent = new Agent();
  agent.createConnection = () => connect(Number(proxy.port), proxy.hostname);
  const base = agent as unknown as {
    addRequest(req: ClientRequest, options: { host?: string; port?: number }): void;
  };
  const addRequest = base.addRequest.bind(agent);
  base.addRequest = (req, options) => {
    req.path = `http://${options.host}:${options.port}${req.path}`;
    addRequest(req, options);
  };
  return agent;
}

/**
 * An agent that reaches each origin through a CONNECT tunnel of the proxy and speaks TLS inside
 * it, trusting `ca` (the proxy's CA), as `https-proxy-agent` does for https:// and wss://.
 */
export function tunnelAgent(proxyUrl: string, ca: string): TlsAgent {
  const proxy = new URL(proxyUrl);
  const agent = new TlsAgent();
  agent.createConnection = (options, callback) => {
    const raw = connect(Number(proxy.port), proxy.hostname);
    let received = Buffer.alloc(0);
    const fail = (error: Error): void => {
      raw.destroy();
      callback?.(error, raw);
    };
    raw.once('error', fail);
    raw.once('connect', () =>
      raw.write(`CONNECT ${options.host}:${options.port} HTTP/1.1\r\n\r\n`),
    );
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      raw.off('data', onData);
      raw.off('error', fail);
      raw.pause();
      const status = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.1 200 /.test(status)) {
        fail(new Error(`CONNECT refused: ${status}`));
        return;
      }
      const secured = connectTls({ socket: raw, ca, host: options.host ?? undefined });
      secured.once('secureConnect', () => callback?.(null, secured));
      secured.once('error', (error) => callback?.(error, secured));
    };
    raw.on('data', onData);
    return undefined;
  };
  return agent;
}

/**
 * Waits for `promise`, failing with `message` if it has not settled after `ms`: a missing
 * timeout or close then fails the test saying what hung instead of running into Vitest's own
 * limit (30 s: a limit for a hang, not for a slow machine).
 */
export async function within<T>(promise: Promise<T>, message: string, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}
