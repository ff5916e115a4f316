// `npm run cli`: runs the built command line (dist-cli/main.js), building it first when it is
// missing or older than its sources, so a fresh clone and an edited checkout both run the code
// in the tree. The package's `bin` (a global install, `npx sse-inspector`) runs dist-cli/main.js
// directly: an installed package has no sources to compare with.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const entry = join(root, 'dist-cli/main.js');
const sources = ['electron/core', 'shared', 'package.json', 'vite.cli.config.ts'];

/** Newest modification time of a file, or of the non-test files under a folder. */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const item of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (item.isFile() && !item.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(join(item.parentPath, item.name)).mtimeMs);
    }
  }
  return newest;
}

function isStale() {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return sources.some((source) => newestMtime(join(root, source)) > built);
}

if (isStale()) {
  // Vite's messages go to stderr: stdout is the command's (NDJSON, often piped).
  process.stderr.write('sse-inspector: building the command line (dist-cli/)…\n');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.cli.config.ts'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    process.stderr.write('sse-inspector: building dist-cli/ failed (see above)\n');
    process.exit(1);
  }
}

await import(pathToFileURL(entry).href);
