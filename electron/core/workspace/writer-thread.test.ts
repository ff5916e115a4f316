import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './test-fixtures.ts';
import { canBlockThisThread, WriterThread, writerWorkerUrl } from './writer-thread.ts';

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDir()));
afterEach(() => remove());

describe('writerWorkerUrl', () => {
  it('is the TypeScript entry beside the sources (Vitest, benchmarks)', () => {
    const from = pathToFileURL(join(dir, 'electron/core/workspace/writer-thread.ts')).href;
    expect(writerWorkerUrl(from).href).toBe(
      pathToFileURL(join(dir, 'electron/core/workspace/writer-worker.ts')).href,
    );
  });

  it('is the built entry at the bundle root, from a chunk folder or the root itself', () => {
    mkdirSync(join(dir, 'dist-cli/chunks'), { recursive: true });
    writeFileSync(join(dir, 'dist-cli/writer-worker.js'), '');
    const entry = pathToFileURL(join(dir, 'dist-cli/writer-worker.js')).href;
    expect(
      writerWorkerUrl(pathToFileURL(join(dir, 'dist-cli/chunks/workspace-x.js')).href).href,
    ).toBe(entry);
    expect(writerWorkerUrl(pathToFileURL(join(dir, 'dist-cli/workspace-x.js')).href).href).toBe(
      entry,
    );
  });

  it('is the unpacked copy in a packaged app (asarUnpack), so the worker loads plain files', () => {
    for (const folder of ['app.asar', 'app.asar.unpacked']) {
      mkdirSync(join(dir, folder, 'dist-electron'), { recursive: true });
      writeFileSync(join(dir, folder, 'dist-electron/writer-worker.js'), '');
    }
    const from = pathToFileURL(join(dir, 'app.asar/dist-electron/main.js')).href;
    expect(writerWorkerUrl(from).href).toBe(
      pathToFileURL(join(dir, 'app.asar.unpacked/dist-electron/writer-worker.js')).href,
    );
  });

  it('says which file is missing when the bundle lacks it', () => {
    const from = pathToFileURL(join(dir, 'dist-electron/main.js')).href;
    expect(() => writerWorkerUrl(from)).toThrow(/\(writer-worker\.js\) is missing/);
  });
});

describe('starting the writer thread', () => {
  it("may block on Node's main thread (flush() waits for the commits)", () => {
    expect(canBlockThisThread()).toBe(true);
  });

  it('is open once the thread has opened the workspace file', () => {
    const thread = new WriterThread(
      join(dir, 'workspace.db'),
      () => {},
      () => {},
    );
    expect(thread.waitUntilOpen()).toBe(true);
    thread.close();
  });

  it('is not used when the thread cannot open the file: nothing is handed to it', () => {
    const failures: unknown[] = [];
    // A folder where the file should be: SQLite cannot open it.
    mkdirSync(join(dir, 'workspace.db'));
    const thread = new WriterThread(
      join(dir, 'workspace.db'),
      (error) => failures.push(error),
      () => {},
    );
    expect(thread.waitUntilOpen()).toBe(false);
    // Stopped: handing it work now is refused rather than lost silently.
    expect(() => thread.createdSession(1)).toThrow('The recorder was closed.');
  });

  it('gives up on a thread whose script fails to load, and reports no write failure for it', async () => {
    const script = join(dir, 'broken-worker.mjs');
    writeFileSync(script, 'throw new Error("the script did not load");\n');
    const failures: unknown[] = [];
    const thread = new WriterThread(
      join(dir, 'workspace.db'),
      (error) => failures.push(error),
      () => {},
      pathToFileURL(script),
    );
    expect(thread.waitUntilOpen(200)).toBe(false);
    // The thread's error arrives on the event loop, before it exits: the recorder writes in its
    // own thread by then, so it is nobody's failure to report.
    await thread.exited;
    expect(failures).toEqual([]);
  });
});
