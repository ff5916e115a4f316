// Peak memory of `cli capture URL --summary --max-events N` recording a long session, and of
// `cli export` writing it as NDJSON, each as a child process, against a bare Node process that
// only opens the workspace.
// Run alone: node --experimental-strip-types bench/memory.bench.ts [events]
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../electron/core/workspace/workspace.ts';
import { measureProcess, type MeasuredProcess } from './lib/measure-process.ts';
import { builtCli, startFixtureProcess } from './lib/processes.ts';

export interface MemoryBenchOptions {
  fixtureUrl?: string;
  /** Events recorded by the capture (default 2,000,000). */
  events?: number;
}

export interface MemoryBenchResult {
  events: number;
  capture: MeasuredProcess;
  reference: MeasuredProcess;
  /** `cli export ID --format ndjson --out FILE` of the captured session. */
  exportNdjson: MeasuredProcess;
  /** Lines in the export (one per event). */
  exportedEvents: number;
  /** From the capture's `end` line and from the workspace afterwards. */
  recordedEvents: number;
  storedEvents: number;
  eventsPerSecond: number;
}

/** Lines in a file, read as a stream (the export of millions of events is large). */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  }
  return lines;
}

export async function runMemoryBench(options: MemoryBenchOptions = {}): Promise<MemoryBenchResult> {
  const events = options.events ?? 2_000_000;
  const fixture = options.fixtureUrl === undefined ? await startFixtureProcess() : null;
  const baseUrl = options.fixtureUrl ?? fixture!.url;
  const dir = mkdtempSync(join(tmpdir(), 'sse-bench-memory-'));
  const db = join(dir, 'workspace.db');
  try {
    const capture = await measureProcess(
      [
        builtCli,
        'capture',
        `${baseUrl}/ticks?count=${events}&hold=1`,
        '--summary',
        '--max-events',
        String(events),
        '--db',
        db,
      ],
      dir,
      'capture',
    );
    if (capture.code !== 0) {
      throw new Error(`cli capture exited with ${capture.code}: ${capture.stderr.slice(-2000)}`);
    }
    const endLine = capture.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['kind'] === 'end');
    const reference = await measureProcess(['bench/lib/open-workspace.ts', db], dir, 'reference');
    const workspace = Workspace.open(db);
    let storedEvents = 0;
    let session = 0;
    try {
      const [listed] = workspace.listSessions({ limit: 1 });
      storedEvents = listed?.events ?? 0;
      session = listed?.id ?? 0;
    } finally {
      workspace.close();
    }
    const exported = join(dir, 'export.ndjson');
    const exportNdjson = await measureProcess(
      [builtCli, 'export', String(session), '--format', 'ndjson', '--out', exported, '--db', db],
      dir,
      'export',
    );
    if (exportNdjson.code !== 0) {
      throw new Error(`cli export exited with ${exportNdjson.code}: ${exportNdjson.stderr}`);
    }
    return {
      events,
      capture,
      reference,
      exportNdjson,
      exportedEvents: await countLines(exported),
      recordedEvents: Number(endLine?.['recordedEvents'] ?? 0),
      storedEvents,
      eventsPerSecond: storedEvents / (capture.ms / 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await fixture?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const result = await runMemoryBench(events === undefined ? {} : { events });
  console.log({
    ...result,
    capture: { ...result.capture, stdout: result.capture.stdout.slice(-300) },
    reference: { ...result.reference, stdout: '' },
    exportNdjson: { ...result.exportNdjson, stdout: '' },
  });
}
