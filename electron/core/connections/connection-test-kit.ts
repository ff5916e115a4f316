// Helpers for the engine's integration tests (not a test file itself).
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import {
  parseRequestSpec,
  type RequestSpec,
  type RequestSpecInput,
} from '../../../shared/capture/request-spec.ts';
import { ConnectionManager } from './connection-manager.ts';
import { MemoryCaptureStore } from './memory-capture-store.ts';

/** A spec for tests: no proxy from the environment, fast reconnects unless overridden. */
export function testSpec(url: string, input: Partial<RequestSpecInput> = {}): RequestSpec {
  return parseRequestSpec({
    proxy: { mode: 'none' },
    ...input,
    url,
    reconnect: { delayMode: 'fixed', fixedDelayMs: 10, ...input.reconnect },
  });
}

/**
 * How long a wait may take before it fails: it only bounds a hang (a wait ends as soon as its
 * state is reached), so it is generous for a busy CI machine, and below Vitest's test timeout
 * so the failure names what was awaited.
 */
export const WAIT_LIMIT_MS = 30_000;

export interface Harness {
  store: MemoryCaptureStore;
  manager: ConnectionManager;
  records(id: number): CaptureRecord[];
  of<K extends CaptureRecord['kind']>(
    id: number,
    kind: K,
  ): Array<Extract<CaptureRecord, { kind: K }>>;
  /** Resolves when the connection is closed or failed. */
  finished(id: number, timeoutMs?: number): Promise<ConnectionStatus>;
  /** Resolves with the first record (from now on, or already recorded) matching. */
  until(
    id: number,
    match: (record: CaptureRecord) => boolean,
    timeoutMs?: number,
  ): Promise<CaptureRecord>;
  /** Resolves when the connection reaches `state`. */
  state(
    id: number,
    state: ConnectionStatus['state'],
    timeoutMs?: number,
  ): Promise<ConnectionStatus>;
}

export function createHarness(
  options: { random?: () => number; keepChunkBytes?: boolean } = {},
): Harness {
  const store = new MemoryCaptureStore({ keepChunkBytes: options.keepChunkBytes ?? true });
  const manager = new ConnectionManager({
    store,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
    });
    return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
  };
  const state: Harness['state'] = (id, wanted, timeoutMs = WAIT_LIMIT_MS) => {
    const current = manager.get(id);
    if (current.state === wanted) return Promise.resolve(current);
    return withTimeout(
      new Promise((resolve) => {
        const off = manager.onStatus((status) => {
          if (status.id === id && status.state === wanted) {
            off();
            resolve(status);
          }
        });
      }),
      timeoutMs,
      `connection ${id} state ${wanted}`,
    );
  };
  return {
    store,
    manager,
    records: (id) => store.session(id).records,
    of: (id, kind) => store.records(id, kind),
    finished: (id, timeoutMs = WAIT_LIMIT_MS) => {
      const current = manager.get(id);
      if (current.state === 'closed' || current.state === 'failed') return Promise.resolve(current);
      return withTimeout(
        new Promise((resolve) => {
          const off = manager.onStatus((status) => {
            if (status.id === id && (status.state === 'closed' || status.state === 'failed')) {
              off();
              resolve(status);
            }
          });
        }),
        timeoutMs,
        `connection ${id} to finish`,
      );
    },
    until: (id, match, timeoutMs = WAIT_LIMIT_MS) => {
      const found = store.session(id).records.find(match);
      if (found !== undefined) return Promise.resolve(found);
      return withTimeout(
        new Promise((resolve) => {
          const off = manager.onRecord((connectionId, record) => {
            if (connectionId === id && match(record)) {
              off();
              resolve(record);
            }
          });
        }),
        timeoutMs,
        `record on connection ${id}`,
      );
    },
    state,
  };
}

export function kinds(
  records: CaptureRecord[],
  only?: ReadonlyArray<CaptureRecord['kind']>,
): string[] {
  return records.filter((r) => only === undefined || only.includes(r.kind)).map((r) => r.kind);
}
