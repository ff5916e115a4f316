// The command line as built JavaScript (dist-cli/), so `sse-inspector …` starts without
// compiling TypeScript. `npm run build` makes it; `npm run cli` rebuilds it when the sources are
// newer (scripts/cli.mjs). Each command stays a chunk of its own, loaded on demand by main.ts.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // No index.html, no public folder: only the entry below.
  root: fromRoot('./'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: fromRoot('./dist-cli'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      input: {
        main: fromRoot('./electron/core/cli/main.ts'),
        // The recorder's writer thread is a file of its own (writerWorkerUrl finds it here).
        'writer-worker': fromRoot('./electron/core/workspace/writer-worker.ts'),
      },
      output: {
        format: 'esm',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // npm links `bin` to this file: it must say which interpreter runs it.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'main' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  plugins: [
    {
      // npm sets the bit when it links a `bin`; `./dist-cli/main.js` run by hand needs it too.
      name: 'sse-inspector:executable-entry',
      writeBundle: (options) => chmodSync(join(options.dir ?? '', 'main.js'), 0o755),
    },
  ],
  // The runtime dependencies (undici, ws, zod, @peculiar/x509) are installed next to the
  // package: leave them to Node's resolution rather than copying them in.
  ssr: { noExternal: ['zod'] },
});
