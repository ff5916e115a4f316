import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import {
  SESSION_FILE_FORMAT,
  SESSION_FILE_RECORDS_LINE,
  SESSION_FILE_VERSION,
  sessionFileHeaderSchema,
  sessionFileRecordSchema,
  type SessionFileHeader,
  type SessionFileRecord,
} from '../../../shared/session-format.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { importInto, type ImportedSession, type ImportTarget } from './import-target.ts';
import { SessionFileError } from './session-file-error.ts';

export interface NativeImportOptions {
  /** Session name (default: the name in the file). */
  name?: string;
  onProgress?: (done: number, total: number) => void;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Format and version first, so a newer file gets "update the app", not a schema complaint. */
export function checkSessionFileHeader(value: unknown): SessionFileHeader {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SessionFileError('wrong-format', 'This file is not an SSE Inspector session file.');
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== SESSION_FILE_FORMAT) {
    throw new SessionFileError(
      'wrong-format',
      `This file is not an SSE Inspector session file (its format is ${JSON.stringify(format ?? null)}, ` +
        `expected "${SESSION_FILE_FORMAT}").`,
    );
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > SESSION_FILE_VERSION) {
    throw new SessionFileError(
      'too-new',
      `This session file is version ${version}; this SSE Inspector reads version ` +
        `${SESSION_FILE_VERSION}. Update the app to open it.`,
    );
  }
  if (version !== SESSION_FILE_VERSION) {
    throw new SessionFileError(
      'invalid',
      `This session file has an invalid version (${JSON.stringify(version ?? null)}).`,
    );
  }
  const parsed = sessionFileHeaderSchema.safeParse(value);
  if (!parsed.success) {
    throw new SessionFileError(
      'invalid',
      `This session file is damaged: ${describeIssue(parsed.error)}.`,
    );
  }
  return parsed.data;
}

/**
 * Appends the file's records in order, checking that their numbering is the one the workspace
 * will give them (so an imported timeline has the same seqs, event indexes and chunk positions).
 */
class RecordLoader {
  readonly #target: ImportTarget;
  readonly #header: SessionFileHeader;
  readonly #onProgress: (done: number, total: number) => void;
  #entries = 0;
  #chunks = 0;
  #events = 0;

  constructor(
    target: ImportTarget,
    header: SessionFileHeader,
    onProgress: (done: number, total: number) => void,
  ) {
    this.#target = target;
    this.#header = header;
    this.#onProgress = onProgress;
  }

  add(value: unknown, where: string): void {
    const parsed = sessionFileRecordSchema.safeParse(value);
    if (!parsed.success) {
      throw new SessionFileError(
        'invalid',
        `This session file is damaged at ${where}: ${describeIssue(parsed.error)}.`,
      );
    }
    this.#target.append(this.#toRecord(parsed.data, where));
    const done = this.#entries + this.#chunks;
    if (done % 8192 === 0) this.#onProgress(done, this.#total());
  }

  #total(): number {
    return this.#header.counts.entries + this.#header.counts.chunks;
  }

  #toRecord(line: SessionFileRecord, where: string): CaptureRecord {
    const damaged = (what: string): SessionFileError =>
      new SessionFileError('invalid', `This session file is damaged at ${where}: ${what}.`);
    if (line.kind === 'chunk') {
      if (line.seq !== this.#chunks)
        throw damaged(`chunk seq ${line.seq}, expected ${this.#chunks}`);
      if (line.entrySeq !== this.#entries) {
        throw damaged(`chunk entrySeq ${line.entrySeq}, expected ${this.#entries}`);
      }
      const bytes = Buffer.from(line.base64, 'base64');
      if (bytes.byteLength !== line.size) {
        throw damaged(`chunk of ${line.size} bytes holds ${bytes.byteLength}`);
      }
      this.#chunks++;
      return {
        kind: 'chunk',
        attempt: line.attempt,
        seq: line.seq,
        t: line.t,
        wall: line.wall,
        offset: line.offset,
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      };
    }
    if (line.seq !== this.#entries)
      throw damaged(`record seq ${line.seq}, expected ${this.#entries}`);
    this.#entries++;
    if (line.kind === 'event') {
      if (line.index !== this.#events) {
        throw damaged(`event index ${line.index}, expected ${this.#events}`);
      }
      this.#events++;
    }
    const { seq: _seq, ...record } = line;
    return record;
  }

  end(): { endedAt: number; outcome: SessionFileHeader['session']['outcome'] & {} } {
    const { counts, session } = this.#header;
    if (this.#entries !== counts.entries || this.#chunks !== counts.chunks) {
      throw new SessionFileError(
        'invalid',
        `This session file is incomplete: it lists ${this.#entries} of ${counts.entries} timeline ` +
          `records and ${this.#chunks} of ${counts.chunks} chunks.`,
      );
    }
    this.#onProgress(this.#total(), this.#total());
    return {
      // A session exported while still recording ends where its records end.
      endedAt: session.endedAt ?? session.startedAt + this.#target.lastT,
      outcome: session.outcome ?? 'interrupted',
    };
  }
}

function sessionStart(header: SessionFileHeader, options: NativeImportOptions) {
  return {
    spec: header.session.spec,
    startedAt: header.session.startedAt,
    origin: 'import' as const,
    name: options.name ?? header.session.name,
  };
}

/** A native file already parsed as a whole (any JSON layout). */
export async function importNativeValue(
  workspace: Workspace,
  value: unknown,
  options: NativeImportOptions = {},
): Promise<ImportedSession> {
  const header = checkSessionFileHeader(value);
  const records = (value as { records?: unknown }).records;
  if (!Array.isArray(records)) {
    throw new SessionFileError(
      'invalid',
      'This session file is damaged: it has no "records" list.',
    );
  }
  return importInto(workspace, sessionStart(header, options), async (target) => {
    const loader = new RecordLoader(target, header, options.onProgress ?? (() => {}));
    records.forEach((record, i) => loader.add(record, `record ${i + 1}`));
    return loader.end();
  });
}

function parseLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SessionFileError(
      'invalid-json',
      `This session file is damaged at line ${lineNumber}: ${(error as Error).message}.`,
    );
  }
}

/**
 * A native file in the layout this app writes (header fields on their own lines, then one record
 * per line), read line by line: memory holds one line at a time, whatever the file's size.
 * The header is validated before anything is written; a record that fails later removes the
 * partly imported session.
 */
export async function importNativeFile(
  workspace: Workspace,
  path: string,
  options: NativeImportOptions = {},
): Promise<ImportedSession> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  const nextLine = async (): Promise<string | null> => {
    const next = await iterator.next();
    if (next.done) return null;
    lineNumber++;
    // A BOM (an editor on Windows saved the file) is no part of the first line's JSON.
    return lineNumber === 1 ? next.value.replace(/^\uFEFF/, '') : next.value;
  };
  try {
    const headerLines: string[] = [];
    for (;;) {
      const line = await nextLine();
      if (line === null) {
        throw new SessionFileError(
          'invalid',
          'This session file is cut short: it ends before its records begin.',
        );
      }
      if (line.trim() === SESSION_FILE_RECORDS_LINE) break;
      headerLines.push(line);
    }
    const header = checkSessionFileHeader(
      parseLine(`${headerLines.join('\n')}${SESSION_FILE_RECORDS_LINE}]}`, 1),
    );
    return await importInto(workspace, sessionStart(header, options), async (target) => {
      const loader = new RecordLoader(target, header, options.onProgress ?? (() => {}));
      for (;;) {
        const line = await nextLine();
        if (line === null) {
          throw new SessionFileError(
            'invalid',
            `This session file is cut short after line ${lineNumber} (its record list never ends).`,
          );
        }
        const text = line.trim();
        if (text === ']}') break;
        const record = text.endsWith(',') ? text.slice(0, -1) : text;
        loader.add(parseLine(record, lineNumber), `line ${lineNumber}`);
      }
      for (let rest = await nextLine(); rest !== null; rest = await nextLine()) {
        if (rest.trim() !== '') {
          throw new SessionFileError(
            'invalid',
            `This session file has unexpected text after its end, at line ${lineNumber}.`,
          );
        }
      }
      return loader.end();
    });
  } finally {
    lines.close();
  }
}
