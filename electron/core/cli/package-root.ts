import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding this package's package.json. The CLI runs from its TypeScript sources
 * (electron/core/cli/) and from the built bundle (dist-cli/, possibly a chunk folder below it),
 * so a fixed relative path would be right in only one of them: walk up to the first
 * package.json named `sse-inspector`.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && readName(candidate) === 'sse-inspector') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no sse-inspector package.json above ${from}`);
    dir = parent;
  }
}

function readName(path: string): unknown {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/** The package's version, or 'unknown' when its package.json cannot be read. */
export function packageVersion(): string {
  try {
    const path = join(packageRoot(), 'package.json');
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
