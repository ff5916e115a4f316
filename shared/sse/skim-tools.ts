// The native UTF-8 check the skim (skim.ts) needs, taken from Node's `node:buffer` when the
// parser runs in Node (the main process, the CLI, the web host); null in a browser, where the
// parser always decodes. Looked up through `process.getBuiltinModule` so this shared module
// imports nothing of Node's.

export interface SkimTools {
  /** Whether the bytes are well-formed UTF-8 (simdutf in Node: several GB/s). */
  isUtf8(bytes: Uint8Array): boolean;
}

function loadSkimTools(): SkimTools | null {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  if (typeof nodeProcess?.getBuiltinModule !== 'function') return null;
  const buffer = nodeProcess.getBuiltinModule('node:buffer') as
    { isUtf8?: (input: Uint8Array) => boolean } | undefined;
  const isUtf8 = buffer?.isUtf8;
  if (typeof isUtf8 !== 'function') return null;
  return { isUtf8: (bytes) => isUtf8(bytes) };
}

export const skimTools: SkimTools | null = loadSkimTools();
