import type { MessagePort } from 'node:worker_threads';
import type { EncodedBatch } from './record-batch-codec.ts';

/**
 * What the recorder and its writer thread say to each other. Every message to the thread is
 * acknowledged by adding 1 to `control[DONE]` (after its result, if any, was posted), so the
 * recorder can wait for "everything I posted is committed" with Atomics.wait and read the
 * results synchronously with receiveMessageOnPort: flush() stays synchronous.
 */
export type WriterMessage =
  /** A batch to write in one transaction. */
  | { op: 'batch'; batch: EncodedBatch }
  /** A session created by the recorder: no stored rows yet (ordinals start at 0). */
  | { op: 'session'; sessionId: number }
  /** Drop what the thread keeps for a finished or deleted session. */
  | { op: 'forget'; sessionId: number }
  /** Close the database; the thread then ends. */
  | { op: 'close' };

/**
 * Posted on the results port: a message that failed (a batch that could not be written), or the
 * buffers of a batch the thread is done with, for the recorder to encode another batch into.
 */
export type WriterResult =
  | { op: 'failed'; of: WriterMessage['op'] | 'open'; error: unknown }
  | { op: 'spare'; batch: Pick<EncodedBatch, 'kinds' | 'numbers' | 'bytes'> };

export interface WriterWorkerData {
  path: string;
  busyTimeoutMs: number;
  /** Int32Array over a SharedArrayBuffer of CONTROL_SLOTS slots. */
  control: SharedArrayBuffer;
  results: MessagePort;
}

/** Messages handled (acknowledged) so far. */
export const DONE = 0;
/** Batches committed so far. */
export const WRITTEN = 1;
/**
 * STARTING until the thread has opened the workspace (then OPEN); STOPPED once it will handle
 * nothing more (opening failed, or closed).
 */
export const STATE = 2;
export const CONTROL_SLOTS = 3;

export const STARTING = 0;
export const STOPPED = 1;
export const OPEN = 2;
