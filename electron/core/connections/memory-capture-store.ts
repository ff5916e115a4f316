import type { CaptureRecord } from '../../../shared/capture/records.ts';
import type { CaptureStore, SessionOutcome, SessionStart } from '../capture-store.ts';

export interface MemorySession {
  id: number;
  start: SessionStart;
  records: CaptureRecord[];
  endedAt: number | null;
  outcome: SessionOutcome | null;
}

/** A CaptureStore that keeps everything in memory: for tests, and for captures not saved. */
export class MemoryCaptureStore implements CaptureStore {
  readonly sessions = new Map<number, MemorySession>();
  #nextId = 1;
  /** When false, chunk records are kept without their bytes (long or huge captures). */
  keepChunkBytes: boolean;

  constructor(options: { keepChunkBytes?: boolean } = {}) {
    this.keepChunkBytes = options.keepChunkBytes ?? true;
  }

  createSession(start: SessionStart): number {
    const id = this.#nextId++;
    this.sessions.set(id, { id, start, records: [], endedAt: null, outcome: null });
    return id;
  }

  append(sessionId: number, record: CaptureRecord): void {
    const session = this.session(sessionId);
    if (record.kind === 'chunk' && !this.keepChunkBytes) {
      session.records.push({ ...record, bytes: new Uint8Array(0) });
    } else {
      session.records.push(record);
    }
  }

  finishSession(sessionId: number, endedAt: number, outcome: SessionOutcome): void {
    const session = this.session(sessionId);
    session.endedAt = endedAt;
    session.outcome = outcome;
  }

  flush(): void {}

  session(sessionId: number): MemorySession {
    const session = this.sessions.get(sessionId);
    if (session === undefined) throw new Error(`No session ${sessionId}`);
    return session;
  }

  records<K extends CaptureRecord['kind']>(
    sessionId: number,
    kind: K,
  ): Array<Extract<CaptureRecord, { kind: K }>> {
    return this.session(sessionId).records.filter(
      (record): record is Extract<CaptureRecord, { kind: K }> => record.kind === kind,
    );
  }
}
