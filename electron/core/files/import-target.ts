import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { SessionOutcome, SessionStart } from '../capture-store.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { SessionRecorder } from '../workspace/recorder.ts';

/** What an import adds to the workspace. */
export interface ImportedSession {
  sessionId: number;
  name: string;
  attempts: number;
  events: number;
  chunks: number;
  bytes: number;
  warnings: number;
}

/**
 * One session being imported: written through a SessionRecorder like a live capture (the same
 * record kinds, numbering and counters), and removed without a trace if the import fails.
 */
export class ImportTarget {
  readonly #workspace: Workspace;
  readonly #recorder: SessionRecorder;
  readonly sessionId: number;
  #lastT = 0;
  #done = false;

  constructor(workspace: Workspace, start: SessionStart) {
    this.#workspace = workspace;
    this.#recorder = workspace.createRecorder();
    try {
      this.sessionId = this.#recorder.createSession(start);
    } catch (error) {
      this.#recorder.close();
      throw error;
    }
  }

  /** Largest `t` appended so far. */
  get lastT(): number {
    return this.#lastT;
  }

  append(record: CaptureRecord): void {
    if (record.t > this.#lastT) this.#lastT = record.t;
    this.#recorder.append(this.sessionId, record);
  }

  finish(endedAt: number, outcome: SessionOutcome): ImportedSession {
    this.#recorder.finishSession(this.sessionId, endedAt, outcome);
    this.#recorder.close();
    this.#done = true;
    const summary = this.#workspace.getSession(this.sessionId);
    if (summary === null) throw new Error(`Imported session ${this.sessionId} disappeared.`);
    return {
      sessionId: this.sessionId,
      name: summary.name,
      attempts: summary.attempts,
      events: summary.events,
      chunks: summary.chunks,
      bytes: summary.bytes,
      warnings: summary.warnings,
    };
  }

  /** Drops what was buffered and deletes what was written: the workspace is as before. */
  abort(): void {
    if (this.#done) return;
    this.#done = true;
    try {
      this.#recorder.discardSession(this.sessionId);
      this.#workspace.deleteSession(this.sessionId);
    } finally {
      this.#recorder.close();
    }
  }
}

/** Runs `fill` on a new session; on any error the session is removed and the error rethrown. */
export async function importInto(
  workspace: Workspace,
  start: SessionStart,
  fill: (target: ImportTarget) => Promise<{ endedAt: number; outcome: SessionOutcome }>,
): Promise<ImportedSession> {
  const target = new ImportTarget(workspace, start);
  try {
    const { endedAt, outcome } = await fill(target);
    return target.finish(endedAt, outcome);
  } catch (error) {
    target.abort();
    throw error;
  }
}
