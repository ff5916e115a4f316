// Capture-store throughput against plain node:sqlite, and search/paging latency (issue 10).
// Run: node bench/capture-store.bench.ts [events] [searchEvents]
//   (or BENCH_EVENTS / BENCH_SEARCH_EVENTS / BENCH_ROUNDS; searchEvents 10000000 checks the full
//   budget: search < 1 s and page fetch < 100 ms over 10M events)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ChunkRecord } from '../shared/capture/records.ts';
import { parseRequestSpec } from '../shared/capture/request-spec.ts';
import { migrations } from '../electron/core/workspace/migrations.ts';
import { Workspace } from '../electron/core/workspace/workspace.ts';

export interface CaptureStoreBenchOptions {
  /** Events written by the throughput comparison (default 1,000,000). */
  events?: number;
  /** Events in the workspace searched and paged (default 1,000,000; the budget is for 10M). */
  searchEvents?: number;
  /** Rounds of the throughput comparison; the best of each side counts (default 1). */
  rounds?: number;
  /** Folder for the temporary databases (default: a new folder in the OS temp dir). */
  dir?: string;
}

export interface CaptureStoreBenchResult {
  name: string;
  /** Throughput: plain node:sqlite's rate. Latency: the budget. */
  reference: number;
  measured: number;
  /** Throughput: measured / reference (≥ 0.5 required, 1 = parity). Latency: measured / budget (≤ 1 meets it). */
  ratio: number;
  unit: string;
  notes: string;
  /**
   * Throughput only: the same per CPU-second of this process (user + system), steadier than
   * wall clock when other work shares the machine.
   */
  cpuRate?: { reference: number; measured: number };
}

/** Wall and CPU time of `fn` in this process. */
interface Timing {
  ms: number;
  cpuMs: number;
}

function timing(fn: () => void): Timing {
  const cpu = process.cpuUsage();
  const started = performance.now();
  fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function fastest(a: Timing, b: Timing): Timing {
  return { ms: Math.min(a.ms, b.ms), cpuMs: Math.min(a.cpuMs, b.cpuMs) };
}

const never: Timing = { ms: Infinity, cpuMs: Infinity };

const BATCH = 10_000;
const EVENTS_PER_CHUNK = 100;
const START = 1_700_000_000_000;

/** The workspace's own tables, indexes and FTS5 table. */
function openWithWorkspaceSchema(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec('BEGIN');
  for (const migration of migrations) migration(db);
  db.exec('COMMIT');
  return db;
}

/** Only what the events need: the same columns keyed by (session, seq), and the FTS5 index. */
function openWithMinimalSchema(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE entries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, attempt INTEGER NOT NULL,
      t REAL NOT NULL, type TEXT, event_id TEXT, data TEXT, start INTEGER, "end" INTEGER,
      "offset" INTEGER, ord INTEGER NOT NULL, type_ord INTEGER, detail TEXT);
    CREATE VIRTUAL TABLE events_fts USING fts5 (data, content = 'entries', content_rowid = 'id');`);
  return db;
}

/**
 * The reference: what a plain implementation does: per event one INSERT into entries and one
 * into the FTS index, 10,000 rows per transaction, WAL, synchronous=NORMAL.
 */
function writeReference(path: string, events: number, schema: 'workspace' | 'minimal'): Timing {
  const db = schema === 'workspace' ? openWithWorkspaceSchema(path) : openWithMinimalSchema(path);
  const insert = db.prepare(
    `INSERT INTO entries (id, kind, attempt, t, type, event_id, data, start, "end", "offset", ord, type_ord, detail)
     VALUES (?, 'event', 1, ?, 'tick', ?, ?, ?, ?, NULL, ?, ?, NULL)`,
  );
  const index = db.prepare('INSERT INTO events_fts (rowid, data) VALUES (?, ?)');
  const base = 2 ** 32;
  const taken = timing(() => {
    for (let i = 0; i < events; i += BATCH) {
      db.exec('BEGIN');
      const end = Math.min(events, i + BATCH);
      for (let n = i; n < end; n++) {
        const data = `{"i":${n}}`;
        insert.run(base + n, n * 0.01, String(n), data, n * 30, n * 30 + 30, n, n);
        index.run(base + n, data);
      }
      db.exec('COMMIT');
    }
  });
  db.close();
  return taken;
}

const spec = parseRequestSpec({ url: 'https://bench.example/stream' });

/** The capture pipeline: EventRecords (+ one ChunkRecord per 100 events) through the recorder. */
function writeOurs(workspace: Workspace, events: number): Timing & { sessionId: number } {
  const recorder = workspace.createRecorder();
  const chunkBytes = new TextEncoder().encode(
    Array.from(
      { length: EVENTS_PER_CHUNK },
      (_, i) => `id: ${i}\nevent: tick\ndata: {"i":${i}}\n\n`,
    ).join(''),
  );
  const cpu = process.cpuUsage();
  const started = performance.now();
  const sessionId = recorder.createSession({
    spec,
    startedAt: START,
    origin: 'live',
    name: 'bench',
  });
  let chunkSeq = 0;
  for (let n = 0; n < events; n++) {
    if (n % EVENTS_PER_CHUNK === 0) {
      const chunk: ChunkRecord = {
        kind: 'chunk',
        attempt: 1,
        seq: chunkSeq++,
        t: n * 0.01,
        wall: START + n * 0.01,
        offset: n * 30,
        bytes: chunkBytes,
      };
      recorder.append(sessionId, chunk);
    }
    recorder.append(sessionId, {
      kind: 'event',
      attempt: 1,
      t: n * 0.01,
      index: n,
      type: 'tick',
      data: `{"i":${n}}`,
      lastEventId: String(n),
      start: n * 30,
      end: n * 30 + 30,
    });
  }
  recorder.finishSession(sessionId, START + events * 0.01, 'closed');
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  recorder.close();
  return { ms, cpuMs: (used.user + used.system) / 1000, sessionId };
}

function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

function worst(samples: number[]): number {
  return Math.max(...samples);
}

function latencyResults(
  workspace: Workspace,
  sessionId: number,
  events: number,
): CaptureStoreBenchResult[] {
  const results: CaptureStoreBenchResult[] = [];
  const random = (n: number): number => Math.floor(Math.random() * n);
  const latency = (name: string, budget: number, samples: number[], notes: string): void => {
    const measured = worst(samples);
    results.push({
      name,
      reference: budget,
      measured,
      ratio: measured / budget,
      unit: 'ms',
      notes,
    });
  };
  const scale = `${events.toLocaleString('en')} events`;

  // Search: first page (50 hits), time ordered. "i" is in every event; a number is in one.
  latency(
    'search first page, term in every event',
    1000,
    [1, 2, 3].map(() => time(() => workspace.searchEvents('i', { limit: 50 })).ms),
    `${scale}; worst of 3`,
  );
  latency(
    'search first page, rare term',
    1000,
    [1, 2, 3].map(
      () => time(() => workspace.searchEvents(String(random(events)), { limit: 50 })).ms,
    ),
    `${scale}; worst of 3 random numbers`,
  );
  latency(
    'search within one session',
    1000,
    [1, 2, 3].map(
      () => time(() => workspace.searchEvents('i', { sessionId, limit: 50, offset: 1000 })).ms,
    ),
    `${scale}; page at offset 1000, worst of 3`,
  );
  latency(
    'search, raw FTS syntax (AND)',
    1000,
    [1, 2, 3].map(
      () =>
        time(() =>
          workspace.searchEvents(`i AND ${random(events)}`, { limit: 50, plainText: false }),
        ).ms,
    ),
    `${scale}; worst of 3`,
  );

  // Timeline pages at random positions, as a virtualized list jumping around.
  const total = workspace.countTimeline(sessionId);
  latency(
    'timeline page at a random position',
    100,
    Array.from(
      { length: 10 },
      () =>
        time(() =>
          workspace.readTimeline(sessionId, {
            afterSeq: random(total),
            limit: 100,
            previewChars: 200,
          }),
        ).ms,
    ),
    `${total.toLocaleString('en')} entries; 100 rows, worst of 10`,
  );
  const filter = { kinds: ['event' as const, 'warning' as const], eventTypes: ['tick'] };
  latency(
    'filtered timeline: count + position → seq + page',
    100,
    Array.from(
      { length: 10 },
      () =>
        time(() => {
          const count = workspace.countTimeline(sessionId, filter);
          const seq = workspace.timelineSeqAt(sessionId, random(count), filter) ?? 0;
          return workspace.readTimeline(sessionId, { ...filter, afterSeq: seq - 1, limit: 100 });
        }).ms,
    ),
    'events of type tick + warnings; worst of 10',
  );
  latency(
    'event by index',
    100,
    Array.from({ length: 10 }, () => time(() => workspace.getEvent(sessionId, random(events))).ms),
    'worst of 10',
  );
  latency(
    'select bytes → event',
    100,
    Array.from(
      { length: 10 },
      () => time(() => workspace.findEventAtOffset(sessionId, 1, random(events) * 30 + 7)).ms,
    ),
    'worst of 10',
  );
  return results;
}

export async function runCaptureStoreBench(
  options: CaptureStoreBenchOptions = {},
): Promise<CaptureStoreBenchResult[]> {
  const events = options.events ?? Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const searchEvents = options.searchEvents ?? Number(process.env.BENCH_SEARCH_EVENTS ?? 1_000_000);
  const rounds = options.rounds ?? Number(process.env.BENCH_ROUNDS ?? 1);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'capture-store-bench-'));
  const results: CaptureStoreBenchResult[] = [];
  try {
    const referencePath = join(dir, 'reference.db');
    const oursPath = join(dir, 'workspace.db');
    let reference = never;
    let minimal = never;
    let ours = never;
    let sessionId = 0;
    // Interleaved, so machine noise affects both alike.
    for (let round = 0; round < rounds; round++) {
      removeDb(referencePath);
      reference = fastest(reference, writeReference(referencePath, events, 'workspace'));
      removeDb(referencePath);
      minimal = fastest(minimal, writeReference(referencePath, events, 'minimal'));
      removeDb(referencePath);
      await new Promise((resolve) => setTimeout(resolve, 0));
      removeDb(oursPath);
      const workspace = Workspace.open(oursPath);
      const written = writeOurs(workspace, events);
      workspace.close();
      ours = fastest(ours, written);
      sessionId = written.sessionId;
    }
    const rate = (taken: number): number => events / (taken / 1000);
    const chunks = Math.ceil(events / EVENTS_PER_CHUNK).toLocaleString('en');
    const cpuNote = (against: Timing): string =>
      `; per CPU-second ${(against.cpuMs / ours.cpuMs).toFixed(2)}×`;
    results.push({
      name: 'record events (SessionRecorder vs plain node:sqlite, same schema)',
      reference: Math.round(rate(reference.ms)),
      measured: Math.round(rate(ours.ms)),
      ratio: reference.ms / ours.ms,
      unit: 'events/s',
      notes:
        `${events.toLocaleString('en')} events; reference: the workspace's tables, indexes and ` +
        `FTS5, 2 INSERTs per event; ours also stores ${chunks} raw chunks (1 per ` +
        `${EVENTS_PER_CHUNK} events) and counters; best of ${rounds}${cpuNote(reference)}`,
      cpuRate: { reference: rate(reference.cpuMs), measured: rate(ours.cpuMs) },
    });
    results.push({
      name: 'record events (SessionRecorder vs plain node:sqlite, minimal schema)',
      reference: Math.round(rate(minimal.ms)),
      measured: Math.round(rate(ours.ms)),
      ratio: minimal.ms / ours.ms,
      unit: 'events/s',
      notes:
        'reference: one table with the same columns (no secondary index) + default FTS5 table; ' +
        `ours also indexes the other kinds and the runs of events, and stores the chunks${cpuNote(minimal)}`,
      cpuRate: { reference: rate(minimal.cpuMs), measured: rate(ours.cpuMs) },
    });

    // Search and paging over a workspace of searchEvents events (reused when the same size).
    if (searchEvents !== events) {
      removeDb(oursPath);
      const workspace = Workspace.open(oursPath);
      sessionId = writeOurs(workspace, searchEvents).sessionId;
      workspace.close();
    }
    const workspace = Workspace.open(oursPath);
    try {
      results.push(...latencyResults(workspace, sessionId, searchEvents));
    } finally {
      workspace.close();
    }
  } finally {
    if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export function formatCaptureStoreBench(results: CaptureStoreBenchResult[]): string {
  return results
    .map((r) => {
      if (r.unit === 'events/s') {
        return (
          `${r.name}\n  plain node:sqlite ${r.reference.toLocaleString('en')} events/s, ours ` +
          `${r.measured.toLocaleString('en')} events/s, ratio ${r.ratio.toFixed(2)} (need ≥ 0.5)\n  ${r.notes}`
        );
      }
      const verdict = r.ratio <= 1 ? 'ok' : 'OVER BUDGET';
      return `${r.name.padEnd(50)} ${r.measured.toFixed(1).padStart(8)} ms  (budget ${r.reference} ms, ${verdict})  ${r.notes}`;
    })
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const searchEvents = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  const options: CaptureStoreBenchOptions = {};
  if (events !== undefined) options.events = events;
  if (searchEvents !== undefined) options.searchEvents = searchEvents;
  console.log(formatCaptureStoreBench(await runCaptureStoreBench(options)));
}
