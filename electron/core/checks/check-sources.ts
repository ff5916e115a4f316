import { open } from 'node:fs/promises';
import type { CheckEvaluator } from '../../../shared/checks/index.ts';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import { createStreamParser } from '../../../shared/streams/framing.ts';
import type { Framing } from '../../../shared/streams/types.ts';
import { ConnectionManager } from '../connections/connection-manager.ts';
import { runToEnd } from '../connections/run-to-end.ts';
import { timelineEntries } from '../files/session-pages.ts';
import type { Workspace } from '../workspace/workspace.ts';

/**
 * Where `cli check` gets its records: a live capture (recorded into the workspace), a recorded
 * session, or a raw stream file. Each feeds the evaluator as records come and ends it.
 */

export interface LiveCheckOptions {
  spec: RequestSpec;
  /** Stop after this many events (later events of the same chunk are not judged). */
  maxEvents: number | null;
  /** Stop after this long. */
  durationMs: number | null;
  name: string | null;
  /** The monotonic clock (tests pass a fake one; default performance.now). */
  now?: () => number;
}

/** How a live run ended: its session, and the connection's error when it failed for good. */
export interface LiveCheckRun {
  session: number;
  error: string | null;
}

/**
 * Connects, records and evaluates. For the resume check the evaluator says when to drop: the
 * connection is cut as the Drop control does and, with the spec's fixed zero delay, reconnects
 * at once with the last id received as Last-Event-ID.
 */
export async function checkLive(
  workspace: Workspace,
  evaluator: CheckEvaluator,
  options: LiveCheckOptions,
): Promise<LiveCheckRun> {
  const manager = new ConnectionManager({
    store: workspace.createRecorder(),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  let id = -1;
  let events = 0;
  let dropped = false;
  const stop = (): void => {
    if (id !== -1) manager.close(id);
  };
  manager.onRecord((_connectionId, record) => {
    if (record.kind === 'event') {
      if (options.maxEvents !== null && events >= options.maxEvents) return;
      events++;
      evaluator.push(record);
      if (events === options.maxEvents) stop();
      else if (!dropped && evaluator.dropDue()) {
        dropped = true;
        manager.dropConnection(id);
      }
      return;
    }
    evaluator.push(record);
  });
  const status = await runToEnd(
    manager,
    () => (id = manager.open(options.spec, options.name === null ? {} : { name: options.name })),
    stop,
    options.durationMs,
  );
  evaluator.end();
  const error =
    status.outcome === 'failed' ? (status.error?.message ?? 'the connection failed') : null;
  return { session: id, error };
}

/** A recorded session, read by pages with full event data. Returns false when there is none. */
export function checkSession(
  workspace: Workspace,
  evaluator: CheckEvaluator,
  sessionId: number,
): boolean {
  if (workspace.getSession(sessionId) === null) return false;
  const kinds = ['attempt', 'response', 'event', 'warning', 'error', 'closed', 'control'] as const;
  for (const { record } of timelineEntries(workspace, sessionId, { kinds })) evaluator.push(record);
  evaluator.end();
  return true;
}

/**
 * A raw stream file in its framing: events and parser warnings without times (evaluate it
 * `offline`).
 */
export async function checkStreamFile(
  path: string,
  evaluator: CheckEvaluator,
  framing: Framing = 'sse',
): Promise<void> {
  const handle = await open(path, 'r');
  try {
    if ((await handle.stat()).isDirectory()) {
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    let index = 0;
    const parser = createStreamParser(framing, {
      onOutput: (output) => {
        if (output.kind === 'event') {
          const { type, data, lastEventId } = output;
          evaluator.push({
            kind: 'event',
            attempt: 1,
            t: null,
            index: index++,
            type,
            data,
            lastEventId,
          });
        } else if (output.kind === 'warning') {
          const { code, message } = output;
          evaluator.push({ kind: 'warning', attempt: 1, t: null, code, message });
        }
      },
    });
    for await (const chunk of handle.createReadStream({ autoClose: false })) {
      parser.push(chunk as Uint8Array);
    }
    parser.end();
  } finally {
    await handle.close();
  }
  evaluator.end();
}
