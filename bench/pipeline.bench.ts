// The whole capture pipeline on loopback: fixture server (own process) → HTTP client
// (ConnectionManager, undici) → SseParser → SessionRecorder (its writer thread: SQLite + FTS5) in a
// temp workspace.
// Run alone: node --experimental-strip-types bench/pipeline.bench.ts [events]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionStatus } from '../shared/capture/connection-status.ts';
import { parseRequestSpec } from '../shared/capture/request-spec.ts';
import { ConnectionManager } from '../electron/core/connections/connection-manager.ts';
import { Workspace } from '../electron/core/workspace/workspace.ts';
import { startFixtureProcess } from './lib/processes.ts';

export interface PipelineBenchOptions {
  /** Base URL of a running fixture server (default: start one in its own process). */
  fixtureUrl?: string;
  /** Events sent (default 1,000,000). */
  events?: number;
}

export interface PipelineBenchResult {
  sent: number;
  /** Events the connection counted, and events found in the workspace afterwards. */
  received: number;
  recorded: number;
  /** The last event read back from the workspace has the data the server sent last. */
  lastEventIntact: boolean;
  bytes: number;
  ms: number;
  eventsPerSecond: number;
  outcome: string | null;
}

/** Connects once (no reconnect) to `/ticks?count=N` and records the stream until it ends. */
export async function runPipelineBench(
  options: PipelineBenchOptions = {},
): Promise<PipelineBenchResult> {
  const events = options.events ?? 1_000_000;
  const fixture = options.fixtureUrl === undefined ? await startFixtureProcess() : null;
  const baseUrl = options.fixtureUrl ?? fixture!.url;
  const dir = mkdtempSync(join(tmpdir(), 'sse-bench-pipeline-'));
  const workspace = Workspace.open(join(dir, 'workspace.db'));
  try {
    // As the app records: batches written on the recorder's thread.
    const manager = new ConnectionManager({ store: workspace.createRecorder({ thread: true }) });
    const spec = parseRequestSpec({
      url: `${baseUrl}/ticks?count=${events}`,
      reconnect: { maxAttempts: 1 },
    });
    const finished = new Promise<ConnectionStatus>((resolve) => {
      manager.onStatus((status) => {
        if (status.state === 'closed' || status.state === 'failed') resolve(status);
      });
    });
    const started = performance.now();
    const id = manager.open(spec, { name: 'pipeline bench' });
    const status = await finished;
    await manager.closeAll(); // flushes the recorder: everything is in the database now
    const ms = performance.now() - started;
    const recorded = workspace.getSession(id)?.events ?? 0;
    const last = workspace.getEvent(id, events - 1)?.record;
    return {
      sent: events,
      received: status.events,
      recorded,
      lastEventIntact:
        last?.kind === 'event' && last.data === `{"i":${events - 1}}` && last.type === 'tick',
      bytes: status.bytes,
      ms,
      eventsPerSecond: recorded / (ms / 1000),
      outcome: status.outcome,
    };
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
    await fixture?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  console.log(await runPipelineBench(events === undefined ? {} : { events }));
}
