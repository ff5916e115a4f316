// The recorder's writer thread (see writer-thread.ts): its own connection to the workspace file
// (WAL lets the main thread read meanwhile), writing the batches the recorder posts with the same
// BatchWriter the in-thread recorder uses. Built as an entry of its own in dist-cli/ and
// dist-electron/; run from source under Vitest and the benchmarks.
import { parentPort, workerData } from 'node:worker_threads';
import { BatchWriter, newSessionState } from './batch-writer.ts';
import { type EncodedBatch, decodeBatch } from './record-batch-codec.ts';
import { openDatabase } from './open-database.ts';
import { SqlConnection } from './sql-connection.ts';
import * as protocol from './writer-protocol.ts';
import type { WriterMessage, WriterResult, WriterWorkerData } from './writer-protocol.ts';

const { DONE, OPEN, STATE, STOPPED, WRITTEN } = protocol;

const { path, busyTimeoutMs, control: shared, results } = workerData as WriterWorkerData;
const control = new Int32Array(shared);

function fail(of: Extract<WriterResult, { op: 'failed' }>['of'], error: unknown): void {
  try {
    results.postMessage({ op: 'failed', of, error } satisfies WriterResult);
  } catch {
    // Not cloneable: its message still says what went wrong.
    const message = error instanceof Error ? error.message : String(error);
    results.postMessage({ op: 'failed', of, error: new Error(message) } satisfies WriterResult);
  }
}

/** The batch's buffers go back to be filled again (its records were copied by SQLite). */
function giveBack(batch: EncodedBatch): void {
  const { kinds, numbers, bytes } = batch;
  results.postMessage({ op: 'spare', batch: { kinds, numbers, bytes } } satisfies WriterResult, [
    kinds.buffer,
    numbers.buffer,
    bytes.buffer,
  ] as ArrayBuffer[]);
}

function signal(slot: number, value?: number): void {
  if (value === undefined) Atomics.add(control, slot, 1);
  else Atomics.store(control, slot, value);
  Atomics.notify(control, slot);
}

// Not the Workspace: the thread loads only what writing needs (a smaller heap of its own).
let workspace: SqlConnection | null = null;
try {
  workspace = new SqlConnection(path, openDatabase(path, busyTimeoutMs));
} catch (error) {
  fail('open', error);
  signal(STATE, STOPPED);
}

if (workspace !== null) {
  const opened = workspace;
  // The recorder waits for this before it hands the thread any record (writer-thread.ts).
  signal(STATE, OPEN);
  const writer = new BatchWriter(opened);
  parentPort!.on('message', (message: WriterMessage) => {
    try {
      switch (message.op) {
        case 'batch': {
          const { sessionIds, records } = decodeBatch(message.batch);
          try {
            writer.write(sessionIds, records);
          } finally {
            giveBack(message.batch);
          }
          signal(WRITTEN);
          break;
        }
        case 'session':
          writer.states.set(message.sessionId, newSessionState(message.sessionId, true));
          break;
        case 'forget':
          writer.forgetSession(message.sessionId);
          break;
        case 'close':
          opened.close();
          break;
      }
    } catch (error) {
      fail(message.op, error);
    } finally {
      // After the failure (if any) was posted: whoever wakes on DONE finds it on the port.
      signal(DONE);
      if (message.op === 'close') {
        signal(STATE, STOPPED);
        parentPort!.close();
      }
    }
  });
}
