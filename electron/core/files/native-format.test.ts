import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  sessionFileHeaderSchema,
  sessionFileRecordSchema,
  SESSION_FILE_FIRST_LINE,
} from '../../../shared/session-format.ts';
import {
  startFixtureServer,
  type FixtureServer,
} from '../../../tests/fixtures/sse-fixture-server.ts';
import { recordKinds } from '../../../shared/capture/record-kinds.ts';
import { everyKindOfRecord, sessionStart } from '../workspace/test-fixtures.ts';
import {
  captureInto,
  chunksOf,
  exportToText,
  storeSession,
  tempWorkspace,
  timelineOf,
  type TempWorkspace,
} from './files-test-kit.ts';
import { exportSessionToFile } from './export-session.ts';
import { importSessionFile } from './import-session.ts';

let server: FixtureServer;
let temp: TempWorkspace;
beforeAll(async () => (server = await startFixtureServer()));
afterAll(() => server.close());
beforeEach(() => (temp = tempWorkspace()));
afterEach(() => temp.cleanup());

async function roundTrip(id: number): Promise<number> {
  const path = join(temp.dir, `s${id}.ssesession.json`);
  await exportSessionToFile(temp.workspace, id, path, { format: 'json' });
  const result = await importSessionFile(temp.workspace, path);
  expect(result.format).toBe('native');
  return result.sessions[0]!.sessionId;
}

function expectSameCapture(original: number, imported: number): void {
  const { workspace } = temp;
  expect(timelineOf(workspace, imported)).toEqual(timelineOf(workspace, original));
  expect(chunksOf(workspace, imported)).toEqual(chunksOf(workspace, original));
  const before = workspace.getSession(original)!;
  const after = workspace.getSession(imported)!;
  expect(after.origin).toBe('import');
  expect(after.attemptDetails).toEqual(before.attemptDetails);
  for (const key of ['events', 'bytes', 'chunks', 'entries', 'warnings', 'attempts'] as const) {
    expect(after[key]).toBe(before[key]);
  }
  expect(after.startedAt).toBe(before.startedAt);
  expect(after.endedAt).toBe(before.endedAt);
  expect(after.outcome).toBe(before.outcome);
  expect(after.spec).toEqual(before.spec);
}

describe('native session file', () => {
  it('round-trips every record kind: same timeline, seqs, chunk bytes and positions', async () => {
    const records = everyKindOfRecord();
    // The fixture holds every kind, so a kind added to record-kinds.ts is round-tripped here too.
    expect(new Set(records.map((record) => record.kind))).toEqual(new Set(recordKinds));
    const id = storeSession(temp.workspace, sessionStart(), records);
    expectSameCapture(id, await roundTrip(id));
  });

  it('round-trips a real capture with reconnects', async () => {
    const id = await captureInto(temp.workspace, `${server.url}/resume?count=3&interval=2`, {
      headers: [['Authorization', 'Bearer sk-live-123']],
      reconnect: { maxAttempts: 2 },
    });
    expect(temp.workspace.getSession(id)!.attempts).toBe(2);
    expectSameCapture(id, await roundTrip(id));
  });

  it('is one JSON document with the header first and one record per line', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    const text = await exportToText(temp.workspace, id, { format: 'json', exportedAt: 0 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(SESSION_FILE_FIRST_LINE);
    const recordsAt = lines.indexOf('"records":[');
    expect(lines.at(-1)).toBe(']}');
    const document = JSON.parse(text) as Record<string, unknown>;
    expect(sessionFileHeaderSchema.safeParse(document).success).toBe(true);
    const recordLines = lines.slice(recordsAt + 1, -1);
    expect(recordLines).toHaveLength(everyKindOfRecord().length);
    for (const line of recordLines) {
      const record: unknown = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
      expect(sessionFileRecordSchema.safeParse(record).success).toBe(true);
    }
    expect((document.records as Array<{ kind: string }>).map((r) => r.kind)).toEqual(
      everyKindOfRecord().map((r) => r.kind),
    );
    expect(document.exportedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('places each chunk before the first timeline record that arrived after it', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    const document = JSON.parse(await exportToText(temp.workspace, id, { format: 'json' })) as {
      records: Array<{ kind: string; seq: number; entrySeq?: number; base64?: string }>;
    };
    const chunk = document.records.find((r) => r.kind === 'chunk')!;
    const position = document.records.indexOf(chunk);
    expect(document.records[position + 1]!.seq).toBe(chunk.entrySeq);
    expect(Buffer.from(chunk.base64!, 'base64').toString()).toContain('data: hello');
  });

  it('imports a file reformatted by another tool (not in the line layout)', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    const text = await exportToText(temp.workspace, id, { format: 'json' });
    const path = join(temp.dir, 'pretty.json');
    writeFileSync(path, JSON.stringify(JSON.parse(text), null, 2));
    const result = await importSessionFile(temp.workspace, path, { name: 'pretty' });
    const imported = result.sessions[0]!;
    expect(imported.name).toBe('pretty');
    expectSameCapture(id, imported.sessionId);
  });

  it('exports a session still being recorded as a consistent prefix', async () => {
    const recorder = temp.workspace.createRecorder();
    const id = recorder.createSession(sessionStart());
    for (const record of everyKindOfRecord().slice(0, 6)) recorder.append(id, record);
    recorder.flush();
    const path = join(temp.dir, 'live.ssesession.json');
    await exportSessionToFile(temp.workspace, id, path, { format: 'json' });
    recorder.close();
    const result = await importSessionFile(temp.workspace, path);
    const imported = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(imported.outcome).toBe('interrupted');
    expect(imported.entries).toBe(5);
    expect(JSON.parse(readFileSync(path, 'utf8')).session.endedAt).toBeNull();
  });

  it('reports progress up to the total', async () => {
    const id = storeSession(temp.workspace, sessionStart(), everyKindOfRecord());
    const calls: Array<[number, number]> = [];
    await exportToText(temp.workspace, id, {
      format: 'json',
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.at(-1)).toEqual([everyKindOfRecord().length, everyKindOfRecord().length]);
  });
});
