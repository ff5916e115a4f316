import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './test-fixtures.ts';
import { writerWorkerUrl } from './writer-thread.ts';

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

  it('says which file is missing when the bundle lacks it', () => {
    const from = pathToFileURL(join(dir, 'dist-electron/main.js')).href;
    expect(() => writerWorkerUrl(from)).toThrow(/\(writer-worker\.js\) is missing/);
  });
});
