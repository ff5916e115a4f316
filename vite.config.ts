import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import electron from 'vite-plugin-electron/simple';
import { contentSecurityPolicy } from './shared/csp.ts';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Runtime dependencies stay outside the main bundle; electron-builder ships them in app.asar.
const mainExternals = ['undici', 'ws', 'zod', 'electron-updater'];

export default defineConfig({
  root: fromRoot('./renderer'),
  base: './',
  build: {
    outDir: fromRoot('./dist/renderer'),
    emptyOutDir: true,
  },
  plugins: [
    react(),
    {
      // The desktop protocol handler and the web host also send the CSP as a header; the meta
      // tag keeps the built page locked down wherever it is opened. Dev mode needs Vite's
      // inline client, so it is only added to builds.
      name: 'sse-inspector:csp-meta',
      apply: 'build',
      transformIndexHtml: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
          injectTo: 'head-prepend',
        },
      ],
    },
    electron({
      main: {
        entry: {
          main: fromRoot('./electron/main.ts'),
          // The recorder's writer thread is a file of its own (writerWorkerUrl finds it here).
          'writer-worker': fromRoot('./electron/core/workspace/writer-worker.ts'),
        },
        vite: {
          build: {
            outDir: fromRoot('./dist-electron'),
            rolldownOptions: {
              external: mainExternals,
              // Stable names: the folder is not emptied between builds.
              output: { chunkFileNames: '[name].js' },
            },
          },
        },
      },
      preload: {
        input: fromRoot('./electron/preload.ts'),
        vite: {
          build: {
            outDir: fromRoot('./dist-electron'),
            // A sandboxed preload cannot be an ES module.
            rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
          },
        },
      },
    }),
  ],
});
