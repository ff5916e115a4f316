import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parseRequestSpec, type RequestSpec } from '../../../shared/capture/request-spec.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { AttemptWriter, type ImportedResponse } from './attempt-writer.ts';
import { importInto, type ImportedSession } from './import-target.ts';
import { SessionFileError } from './session-file-error.ts';

export interface RawImportOptions {
  name?: string;
  /** The URL the capture came from (raw files do not say); default https://raw-import.invalid/FILE. */
  url?: string;
  /** t = 0 of the session (default: the file's modification time). */
  startedAt: number;
  /** Notes for the user (e.g. "no events found") are pushed here. */
  notes: string[];
}

/** One `HTTP/1.1 200 OK` + headers block at the top of a `curl -i` capture. */
interface HeaderBlock {
  httpVersion: string;
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
}

const STATUS_LINE = /^HTTP\/(\d(?:\.\d)?) (\d{3})(?: (.*))?$/;

/**
 * The header blocks `curl -i` (or `curl -iL`, with one block per redirect and `100 Continue`)
 * writes before the body, and where the body starts. Only blocks that are complete and
 * well-formed count; anything else is body.
 */
export function parseHeaderBlocks(head: Uint8Array): { blocks: HeaderBlock[]; bodyStart: number } {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  const blocks: HeaderBlock[] = [];
  let position = 0;
  while (text.startsWith('HTTP/', position)) {
    const crlf = text.indexOf('\r\n\r\n', position);
    const lf = text.indexOf('\n\n', position);
    const candidates = [crlf === -1 ? -1 : crlf + 4, lf === -1 ? -1 : lf + 2].filter((i) => i > 0);
    if (candidates.length === 0) break;
    const end = Math.min(...candidates);
    const lines = text
      .slice(position, end)
      .split(/\r?\n/)
      .filter((line) => line !== '');
    const status = STATUS_LINE.exec(lines[0] ?? '');
    if (status === null) break;
    const headers: Array<[string, string]> = [];
    let valid = true;
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        valid = false;
        break;
      }
      headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
    if (!valid) break;
    blocks.push({
      httpVersion: status[1]!.includes('.') ? status[1]! : `${status[1]}.0`,
      status: Number(status[2]),
      statusText: status[3] ?? '',
      headers,
    });
    position = end;
  }
  return { blocks, bodyStart: position };
}

function headerValue(headers: Array<[string, string]>, name: string): string | null {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

function rawSpec(path: string, url: string | undefined): RequestSpec {
  const fallback = `https://raw-import.invalid/${encodeURIComponent(basename(path))}`;
  try {
    return parseRequestSpec({ url: url ?? fallback, proxy: { mode: 'none' } });
  } catch {
    throw new SessionFileError('usage', `"${url}" is not an http or https URL.`);
  }
}

/**
 * A raw capture: the bytes of an event stream as a client received them (`curl -N URL > file`),
 * optionally preceded by the status line and headers `curl -i` prints, which become the
 * response. Any bytes are a valid stream (the parser reports what is wrong with them), so this
 * never rejects content; an empty file is refused. Read in 64 KiB pieces, each a chunk at t = 0.
 */
export async function importRawFile(
  workspace: Workspace,
  path: string,
  head: Uint8Array,
  options: RawImportOptions,
): Promise<ImportedSession> {
  const { blocks, bodyStart } = parseHeaderBlocks(head);
  const spec = rawSpec(path, options.url);
  const final = blocks.filter((block) => block.status >= 200).at(-1) ?? null;
  const response: ImportedResponse = {
    status: final?.status ?? 200,
    statusText: final?.statusText ?? (final === null ? 'OK' : ''),
    httpVersion: final?.httpVersion ?? '1.1',
    headers: final?.headers ?? [],
    contentType: final === null ? null : headerValue(final.headers, 'content-type'),
    url: spec.url,
  };
  if (final !== null && headerValue(final.headers, 'content-encoding') !== null) {
    options.notes.push(
      'The headers say the body is compressed (Content-Encoding); it is imported as saved. ' +
        'Capture with `curl --compressed` to save the decoded stream.',
    );
  }
  const start = {
    spec,
    startedAt: options.startedAt,
    origin: 'import' as const,
    name: options.name ?? `Raw capture ${basename(path)}`,
  };
  const imported = await importInto(workspace, start, async (target) => {
    const writer = new AttemptWriter(target, options.startedAt);
    writer.startAttempt(0, { method: spec.method, url: spec.url, headers: [], bodyBytes: 0 }, null);
    let url = spec.url;
    for (const block of blocks) {
      const location = headerValue(block.headers, 'location');
      if (block.status >= 300 && block.status < 400 && location !== null && block !== final) {
        const to = URL.canParse(location, url) ? new URL(location, url).href : location;
        target.append({
          kind: 'redirect',
          attempt: 1,
          t: 0,
          status: block.status,
          from: url,
          to,
          headers: block.headers,
        });
        url = to;
      }
    }
    writer.response(0, { ...response, url });
    for await (const piece of createReadStream(path, {
      start: bodyStart,
      highWaterMark: 64 * 1024,
    })) {
      const bytes = piece as Buffer;
      writer.body(0, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    writer.end(0, 'server-closed');
    return { endedAt: options.startedAt, outcome: 'completed' };
  });
  if (imported.events === 0) {
    options.notes.push('No events were found in this file; its bytes were imported as they are.');
  }
  return imported;
}
