// Helpers for the export/import/replay tests (not part of the app).
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { RequestSpecInput } from '../../../shared/capture/request-spec.ts';
import type { SessionStart } from '../capture-store.ts';
import { ConnectionManager } from '../connections/connection-manager.ts';
import { testSpec } from '../connections/connection-test-kit.ts';
import type { RawChunk, StoredEntry } from '../workspace/types.ts';
import { Workspace } from '../workspace/workspace.ts';
import { exportSessionToStream, type ExportOptions } from './export-session.ts';

export interface TempWorkspace {
  dir: string;
  workspace: Workspace;
  cleanup(): void;
}

export function tempWorkspace(): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'sse-files-'));
  const workspace = Workspace.open(join(dir, 'workspace.db'));
  return {
    dir,
    workspace,
    cleanup: () => {
      workspace.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stores records as a finished session, as a capture would. */
export function storeSession(
  workspace: Workspace,
  start: SessionStart,
  records: CaptureRecord[],
): number {
  const recorder = workspace.createRecorder();
  const id = recorder.createSession(start);
  for (const record of records) recorder.append(id, record);
  recorder.finishSession(id, start.startedAt + 100, 'closed');
  recorder.close();
  return id;
}

/** Captures `url` into the workspace with the real engine; resolves with the session id. */
export async function captureInto(
  workspace: Workspace,
  url: string,
  input: Partial<RequestSpecInput> = {},
): Promise<number> {
  const recorder = workspace.createRecorder();
  const manager = new ConnectionManager({ store: recorder });
  try {
    const spec = testSpec(url, input);
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    manager.onStatus((status) => {
      if (status.state === 'closed' || status.state === 'failed') resolveDone();
    });
    const id = manager.open(spec);
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('capture timed out')), 8000)),
    ]);
    return id;
  } finally {
    await manager.closeAll();
    recorder.close();
  }
}

export function timelineOf(workspace: Workspace, id: number): StoredEntry[] {
  return workspace.readTimeline(id, { limit: 10_000 });
}

export function chunksOf(workspace: Workspace, id: number): RawChunk[] {
  return workspace
    .readChunkPage(id, { limit: 10_000 })
    .map((chunk) => ({ ...chunk, bytes: new Uint8Array(chunk.bytes) }));
}

/** Exports to a string (small sessions in tests). */
export async function exportToText(
  workspace: Workspace,
  id: number,
  options: ExportOptions,
): Promise<string> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  await exportSessionToStream(workspace, id, out, options);
  out.end();
  await once(out, 'end');
  return Buffer.concat(parts).toString('utf8');
}

export function sessionIds(workspace: Workspace): number[] {
  return workspace.listSessions({ limit: 1000 }).map((s) => s.id);
}
