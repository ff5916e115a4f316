import { existsSync } from 'node:fs';
import {
  MessageChannel,
  type MessagePort,
  Worker,
  receiveMessageOnPort,
} from 'node:worker_threads';
import { type EncodedBatch, transferables } from './record-batch-codec.ts';
import {
  CONTROL_SLOTS,
  DONE,
  OPEN,
  STARTING,
  STATE,
  STOPPED,
  WRITTEN,
  type WriterResult,
  type WriterMessage,
  type WriterWorkerData,
} from './writer-protocol.ts';

/**
 * Batches posted and not yet committed before posting another one waits: reading and parsing
 * run ahead of the writes by at most this much (memory stays bounded when the disk is slower
 * than the stream, and the socket is then read more slowly, as with in-thread writes).
 */
const MAX_IN_FLIGHT = 2;
/**
 * The thread waits this long for another connection's write lock (the main thread deleting a big
 * session, another process) before a batch fails: long, so a slow delete costs no data.
 */
const WRITER_BUSY_TIMEOUT_MS = 60_000;
/** The writer thread's young generation (V8's default for a thread is far larger). */
const WRITER_YOUNG_GENERATION_MB = 8;
/** A wait with no message handled for this long means the thread is gone. */
const STALLED_MS = 5 * 60_000;
/**
 * How long the recorder waits for a new thread to open the workspace. A thread whose script
 * cannot load (a damaged install) never says so to a blocked caller: past this, the recorder
 * writes on its own thread instead.
 */
const STARTUP_MS = 5_000;

/**
 * Whether this thread may block in Atomics.wait, as flush() must (Node's main thread may; an
 * embedder can forbid it, as browsers do on their main threads).
 */
export function canBlockThisThread(): boolean {
  try {
    // The value differs: returns at once, after the check that throws where waiting is forbidden.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Where the writer thread's entry is: beside this file from source, at the bundle's root built. */
export function writerWorkerUrl(from: string = import.meta.url): URL {
  // Not `new URL('…', import.meta.url)` literally: Vite would copy the TypeScript as an asset.
  if (from.endsWith('.ts')) return new URL('./writer-worker.ts', from);
  // dist-cli/ and dist-electron/ build it as an entry (writer-worker.js); this code sits in the
  // entry file itself or in a chunk folder one level below it.
  for (const candidate of ['./writer-worker.js', '../writer-worker.js']) {
    const url = new URL(candidate, from);
    if (!existsSync(url)) continue;
    // The packaged app unpacks the thread's files (electron-builder.yml, asarUnpack): a worker
    // then loads plain files, whatever the asar support of worker threads.
    const unpacked = new URL(url.href.replace('/app.asar/', '/app.asar.unpacked/'));
    return unpacked.href !== url.href && existsSync(unpacked) ? unpacked : url;
  }
  throw new Error(`The recorder's writer thread (writer-worker.js) is missing beside ${from}.`);
}

/**
 * The main thread's side of the writer thread: posts batches (encoded, buffers transferred) and
 * waits, synchronously, for them to be committed when asked. Failures are handed to `onFailure`
 * as soon as the recorder learns of them (while waiting, or from the event loop).
 */
export class WriterThread {
  readonly #worker: Worker;
  readonly #control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  readonly #results: MessagePort;
  readonly #onFailure: (error: unknown) => void;
  readonly #onSpare: (batch: Extract<WriterResult, { op: 'spare' }>['batch']) => void;
  #posted = 0;
  #closed = false;

  constructor(
    path: string,
    onFailure: (error: unknown) => void,
    onSpare: (batch: Extract<WriterResult, { op: 'spare' }>['batch']) => void,
    /** The thread's script (tests give one that cannot start). */
    script: URL = writerWorkerUrl(),
  ) {
    this.#onFailure = onFailure;
    this.#onSpare = onSpare;
    const channel = new MessageChannel();
    this.#results = channel.port1;
    const data: WriterWorkerData = {
      path,
      busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS,
      control: this.#control.buffer as SharedArrayBuffer,
      results: channel.port2,
    };
    this.#worker = new Worker(script, {
      workerData: data,
      transferList: [channel.port2],
      // What the thread allocates dies with its batch: a small young generation keeps the
      // process's peak RSS where it was without the thread (the default added ~80 MiB).
      resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MB },
    });
    // Neither keeps the process alive: close() waits for the thread to finish its work.
    this.#worker.unref();
    this.#results.on('message', (result: WriterResult) => this.#take(result));
    this.#results.unref();
    // A thread that dies outside a message (it cannot open the file, runs out of memory) says so.
    this.#worker.on('error', (error) => this.#onFailure(error));
  }

  /**
   * Waits (blocking, at most STARTUP_MS) until the thread has opened the workspace. False when it
   * could not (the reason went to onFailure if the thread could say it) or did not answer in
   * time: the thread is then stopped and nothing was handed to it, so nothing is lost.
   */
  waitUntilOpen(startupMs = STARTUP_MS): boolean {
    const deadline = Date.now() + startupMs;
    let state = Atomics.load(this.#control, STATE);
    while (state === STARTING && Date.now() < deadline) {
      Atomics.wait(this.#control, STATE, STARTING, Math.min(100, startupMs));
      state = Atomics.load(this.#control, STATE);
    }
    if (state === OPEN) return true;
    this.#closed = true;
    this.#results.close();
    // The recorder writes in its own thread from here: a script that failed to load (reported
    // later, on the event loop) is not a failure of any write.
    this.#worker.removeAllListeners('error');
    this.#worker.on('error', () => {});
    void this.#worker.terminate();
    return false;
  }

  /** Resolves once the thread has ended (after any error it had was emitted). */
  get exited(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#worker.threadId === -1) resolve();
      else this.#worker.once('exit', () => resolve());
    });
  }

  /** Batches committed by the thread. */
  get written(): number {
    return Atomics.load(this.#control, WRITTEN);
  }

  /** Posts a batch; waits first while MAX_IN_FLIGHT batches are still being written. */
  write(batch: EncodedBatch): void {
    this.#waitUntil(this.#posted - MAX_IN_FLIGHT + 1);
    this.#post({ op: 'batch', batch }, transferables(batch));
  }

  createdSession(sessionId: number): void {
    this.#post({ op: 'session', sessionId });
  }

  forgetSession(sessionId: number): void {
    this.#post({ op: 'forget', sessionId });
  }

  /** Waits until everything posted so far is handled (batches committed, or their failures reported). */
  drain(): void {
    this.#waitUntil(this.#posted);
  }

  /** Waits for the posted work, closes the thread's connection and lets the thread end. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (Atomics.load(this.#control, STATE) !== STOPPED) {
      this.#posted++;
      this.#worker.postMessage({ op: 'close' } satisfies WriterMessage);
    }
    try {
      this.drain();
    } finally {
      this.#results.close();
    }
  }

  #post(message: WriterMessage, transfer: ArrayBuffer[] = []): void {
    if (this.#closed) throw new Error('The recorder was closed.');
    this.#posted++;
    this.#worker.postMessage(message, transfer);
  }

  /** Blocks until the thread has handled `target` messages, reporting failures as they come. */
  #waitUntil(target: number): void {
    let done = Atomics.load(this.#control, DONE);
    let lastProgress = Date.now();
    while (done < target) {
      if (Atomics.load(this.#control, STATE) === STOPPED) {
        // Set after the thread's last DONE: nothing more will be handled.
        if (Atomics.load(this.#control, DONE) >= target) break;
        this.#takeResults();
        throw new Error("The recorder's writer thread stopped; what was not written is lost.");
      }
      Atomics.wait(this.#control, DONE, done, 1000);
      const now = Atomics.load(this.#control, DONE);
      if (now !== done) lastProgress = Date.now();
      else if (Date.now() - lastProgress > STALLED_MS) {
        throw new Error("The recorder's writer thread stopped responding.");
      }
      done = now;
    }
    this.#takeResults();
  }

  /** Results already posted, read now rather than when the event loop next runs. */
  #takeResults(): void {
    for (;;) {
      const received = receiveMessageOnPort(this.#results);
      if (received === undefined) return;
      this.#take(received.message as WriterResult);
    }
  }

  #take(result: WriterResult): void {
    if (result.op === 'failed') this.#onFailure(result.error);
    else this.#onSpare(result.batch);
  }
}
