import { open, readFile, stat } from 'node:fs/promises';
import { SESSION_FILE_FORMAT } from '../../../shared/session-format.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { importHarValue } from './import-har.ts';
import { checkSessionFileHeader, importNativeFile, importNativeValue } from './import-native.ts';
import { importRawFile } from './import-raw.ts';
import type { ImportedSession } from './import-target.ts';
import { SessionFileError } from './session-file-error.ts';

export const importFormats = ['native', 'har', 'raw'] as const;
/** `native`: a session file; `har`: HAR 1.2; `raw`: the bytes of a stream (curl -N / curl -i). */
export type ImportFormat = (typeof importFormats)[number];

export interface ImportOptions {
  /** Name of the new session (default: the file's own, or one derived from the request). */
  name?: string;
  /** Skip detection (default: detected from the content). */
  format?: ImportFormat;
  /** Raw captures only: the URL they came from. */
  url?: string;
  /** Native files: records imported so far and in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  format: ImportFormat;
  /** One session, except for a HAR holding several event-stream requests. */
  sessions: ImportedSession[];
  /** Things the user should know (e.g. a stream rebuilt from Chrome's messages). */
  notes: string[];
}

/** Largest JSON file read whole (files in the app's own line layout are streamed instead). */
export const MAX_WHOLE_JSON_BYTES = 256 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

/** The first line this app writes (any version), so a newer file is recognised at once. */
const NATIVE_FIRST_LINE = new RegExp(
  `^\\{"format":"${SESSION_FILE_FORMAT}","version":(\\d+),\\r?\\n`,
);

async function readHead(
  path: string,
): Promise<{ head: Uint8Array; size: number; mtimeMs: number }> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new SessionFileError('unreadable', `Cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!info.isFile()) throw new SessionFileError('unreadable', `${path} is not a file.`);
  if (info.size === 0)
    throw new SessionFileError('empty', `${path} is empty: there is nothing to import.`);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size: info.size, mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** The head as text without a BOM and leading whitespace (enough to tell JSON from a stream). */
function headText(head: Uint8Array): string {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
}

async function readJson(path: string, size: number): Promise<unknown> {
  if (size > MAX_WHOLE_JSON_BYTES) {
    throw new SessionFileError(
      'too-large',
      `This JSON file is ${Math.round(size / 1024 / 1024)} MiB; files over ` +
        `${MAX_WHOLE_JSON_BYTES / 1024 / 1024} MiB are read only in the session file layout ` +
        'SSE Inspector writes (export the session again to get it).',
    );
  }
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SessionFileError(
      'invalid-json',
      `This file is not valid JSON (${(error as Error).message}).`,
      { cause: error },
    );
  }
}

/**
 * Imports a session file, HAR or raw capture into the workspace, as sessions with origin
 * 'import' that open in the same views as live ones. Detects the format from the content
 * (JSON with `format` → session file, JSON with `log` → HAR, anything else → raw stream) unless
 * `format` is given. Everything is validated before or while writing; on any error nothing stays
 * in the workspace and a SessionFileError with a user-readable message is thrown.
 */
export async function importSessionFile(
  workspace: Workspace,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { head, size, mtimeMs } = await readHead(path);
  const text = headText(head);
  const notes: string[] = [];
  const named = options.name === undefined ? {} : { name: options.name };
  const looksLikeJson = text.startsWith('{');
  // A file named as JSON that is not (damaged, or another program's) is refused, not read as a
  // raw stream: that "imported" it as one session of unparsed bytes with a mere note.
  const jsonName = /\.(har|json)$/i.exec(path)?.[0];
  if (options.format === undefined && !looksLikeJson && jsonName !== undefined) {
    throw new SessionFileError(
      'invalid-json',
      `This file's name ends in ${jsonName}, but it does not hold a JSON object (it does not ` +
        'begin with "{"). A raw stream capture imports under another name (or with --as raw).',
    );
  }
  const format = options.format ?? (looksLikeJson ? null : 'raw');

  if (format === 'raw') {
    const session = await importRawFile(workspace, path, head, {
      ...named,
      ...(options.url === undefined ? {} : { url: options.url }),
      startedAt: Math.round(mtimeMs),
      notes,
    });
    return { format: 'raw', sessions: [session], notes };
  }

  const firstLine = NATIVE_FIRST_LINE.exec(text);
  if (firstLine !== null && format !== 'har') {
    // Fails here for a newer version, before reading further.
    if (Number(firstLine[1]) !== 1) {
      checkSessionFileHeader({ format: SESSION_FILE_FORMAT, version: Number(firstLine[1]) });
    }
    const session = await importNativeFile(workspace, path, {
      ...named,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    return { format: 'native', sessions: [session], notes };
  }

  const value = await readJson(path, size);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const detected =
    format ??
    (isObject && 'format' in value ? 'native' : isObject && 'log' in value ? 'har' : null);
  if (detected === 'native') {
    const session = await importNativeValue(workspace, value, {
      ...named,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    return { format: 'native', sessions: [session], notes };
  }
  if (detected === 'har') {
    const sessions = await importHarValue(workspace, value, { ...named, notes });
    return { format: 'har', sessions, notes };
  }
  throw new SessionFileError(
    'wrong-format',
    'This JSON file is neither an SSE Inspector session file nor a HAR file.',
  );
}
