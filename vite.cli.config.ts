// The command line as built JavaScript (dist-cli/), so `sse-inspector …` starts without
// compiling TypeScript. `npm run build` makes it; `npm run cli` rebuilds it when the sources are
// newer (build/run-cli.js). main.ts loads each command's chunks on demand.
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rolldown } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Chunks for the commands README's start-up budget is about (each on an empty input, under
 * 150 ms as a whole process). Node resolves, reads and links every ES module file on its own,
 * about as costly as compiling 10 KB of code it never runs, and automatic splitting gave these
 * commands 7 to 15 small shared chunks each. Here each layer takes what its commands import
 * statically that an earlier layer has not taken: `sessions` and `search` load main.js and
 * cli-base, `parse` also cli-parse (the stream parsers), `lens` also cli-lens. Other commands
 * share these chunks and keep automatic splitting for the rest.
 */
const quickLayers: Array<{ name: string; commands: string[] }> = [
  { name: 'cli-base', commands: ['sessions', 'search'] },
  { name: 'cli-parse', commands: ['parse'] },
  { name: 'cli-lens', commands: ['lens'] },
].map(({ name, commands }) => ({
  name,
  commands: commands.map((command) => fromRoot(`./electron/core/cli/${command}-command.ts`)),
}));

/** The modules `roots` import statically, directly or not, themselves included. */
function staticImports(roots: string[], ctx: Rolldown.ChunkingContext): Set<string> {
  const found = new Set<string>();
  const pending = [...roots];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (found.has(id)) continue;
    found.add(id);
    pending.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
  }
  return found;
}

/**
 * Node's built-ins through `process.getBuiltinModule()` instead of `import … from 'node:…'`, in
 * main.js and the quick commands' chunks. For an ES import of a built-in, Node builds a module
 * facade that reads every export once, getters included: `node:fs` loads its streams and
 * fs/promises, `node:module` the source-map support, used or not (5–11 M fewer instructions
 * per quick command, about a tenth of what one adds to bare Node). Only these chunks: none of
 * them is in an import cycle (a layer imports only earlier ones), so no code reads a built-in
 * before the `const` holding it is set, as it could in a cycle.
 */
function builtinsWithoutFacades(chunkNames: string[]): Plugin {
  return {
    name: 'sse-inspector:builtins-without-facades',
    renderChunk(code, chunk) {
      if (!chunkNames.includes(chunk.name)) return null;
      return code.replace(/^import (.+) from "(node:[\w/]+)";$/gm, (line, clause: string, id) => {
        const names = /^\{([\w$\s,]+)\}$/.exec(clause)?.[1];
        const binding =
          names === undefined
            ? /^(?:\* as )?([\w$]+)$/.exec(clause)?.[1]
            : `{${names.replace(/ as /g, ': ')}}`;
        if (binding === undefined) throw new Error(`${chunk.fileName}: cannot rewrite ${line}`);
        return `const ${binding} = process.getBuiltinModule("${id}");`;
      });
    },
  };
}

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
        // Node reads each file into a string before compiling it: one non-ASCII character
        // (a `…` in a comment) makes the whole source a two-byte string, twice the memory, and
        // the doc comments were a third of the bytes. Nobody reads dist-cli/ for its comments.
        charset: 'ascii',
        comments: { legal: true, annotation: false, jsdoc: false },
        codeSplitting: {
          // Earlier layers first: a higher priority takes a module before a later layer can.
          groups: quickLayers.map(({ name, commands }, index) => {
            // The module graph is complete when chunking starts: walk it once per layer, not
            // once for every module the bundler asks about.
            let members: Set<string> | undefined;
            return {
              name: (id: string, ctx: Rolldown.ChunkingContext) =>
                (members ??= staticImports(commands, ctx)).has(id) ? name : null,
              debugName: name,
              priority: quickLayers.length - index,
            };
          }),
        },
        // npm links `bin` to this file: it must say which interpreter runs it.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'main' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  plugins: [
    builtinsWithoutFacades(['main', ...quickLayers.map((layer) => layer.name)]),
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
