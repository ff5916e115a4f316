import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot, packageVersion } from './package-root.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

describe('packageRoot', () => {
  it('finds the package from the TypeScript sources', () => {
    expect(packageRoot()).toBe(repoRoot);
  });

  it('finds it from the built bundle and its chunk folder too', () => {
    expect(packageRoot(pathToFileURL(join(repoRoot, 'dist-cli/main.js')).href)).toBe(repoRoot);
    expect(packageRoot(pathToFileURL(join(repoRoot, 'dist-cli/chunks/a.js')).href)).toBe(repoRoot);
  });

  it("skips other packages' package.json on the way up", () => {
    const dir = mkdtempSync(join(tmpdir(), 'package-root-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"name":"something-else"}');
      expect(() => packageRoot(pathToFileURL(join(dir, 'main.js')).href)).toThrow(
        /no sse-inspector package.json above/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the package's version", () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
