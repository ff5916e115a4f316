import type { CaptureRecord } from '../../../shared/capture/records.ts';
import {
  SESSION_FILE_FIRST_LINE,
  SESSION_FILE_RECORDS_LINE,
  type SessionFileAttempt,
  type SessionFileHeader,
  type SessionFileRecord,
} from '../../../shared/session-format.ts';
import type { AttemptDetail, RawChunk, SessionDetail } from '../workspace/types.ts';
import type { ExportContext } from './export-context.ts';
import { redactRecord, redactSpec, redactText, redactUrl } from '../../../shared/secrets/index.ts';
import { sessionChunks, timelineEntries } from './session-pages.ts';

/**
 * Every export is redacted: the workspace holds markers, not secrets, and a session recorded by an
 * older version (or stored before this rule) is redacted here on the way out.
 */
function attemptSummary(detail: AttemptDetail): SessionFileAttempt {
  const url = detail.request?.url ?? null;
  return {
    attempt: detail.attempt,
    reason: detail.reason,
    startedWall: detail.startedWall,
    lastEventId: detail.lastEventId,
    method: detail.request?.method ?? null,
    url: url === null ? null : redactUrl(url),
    status: detail.status,
    statusText: detail.statusText,
    httpVersion: detail.httpVersion,
    contentType: detail.contentType,
    finalUrl: detail.finalUrl === null ? null : redactUrl(detail.finalUrl),
    redirects: detail.redirects,
    startedT: detail.startedT,
    responseT: detail.responseT,
    firstByteT: detail.firstByteT,
    endT: detail.endT,
    closeReason: detail.closeReason,
    incomplete: detail.incomplete,
    errorCategory: detail.errorCategory,
    errorMessage: detail.errorMessage === null ? null : redactText(detail.errorMessage),
    bytes: detail.bytes,
    events: detail.events,
  };
}

/** The header of a session file (everything but `records`), for a snapshot of the session. */
export function sessionFileHeader(
  session: SessionDetail,
  context: Pick<ExportContext, 'generator' | 'exportedAt'>,
): SessionFileHeader {
  return {
    format: 'sse-inspector-session',
    version: 1,
    exportedAt: new Date(context.exportedAt).toISOString(),
    generator: context.generator,
    redacted: true,
    session: {
      name: session.name,
      origin: session.origin,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      outcome: session.outcome,
      spec: redactSpec(session.spec),
    },
    counts: {
      entries: session.entries,
      chunks: session.chunks,
      attempts: session.attempts,
      events: session.events,
      bytes: session.bytes,
      warnings: session.warnings,
    },
    attempts: session.attemptDetails.map(attemptSummary),
  };
}

function chunkLine(chunk: RawChunk): SessionFileRecord {
  return {
    kind: 'chunk',
    seq: chunk.seq,
    attempt: chunk.attempt,
    t: chunk.t,
    wall: chunk.wall,
    offset: chunk.offset,
    entrySeq: chunk.entrySeq,
    size: chunk.bytes.byteLength,
    base64: Buffer.from(
      chunk.bytes.buffer,
      chunk.bytes.byteOffset,
      chunk.bytes.byteLength,
    ).toString('base64'),
  };
}

const json = JSON.stringify;

/** `{"kind":…,"seq":…,…}`: kind and seq first, so a reader (or a person) sees them at once. */
function timelineLine(seq: number, record: Exclude<CaptureRecord, { kind: 'chunk' }>): string {
  if (record.kind === 'event') {
    // The bulk of a session, written by hand: a number prints the same in a template as in JSON.
    return (
      `{"kind":"event","seq":${seq},"attempt":${record.attempt},"t":${record.t},` +
      `"index":${record.index},"type":${json(record.type)},"data":${json(record.data)},` +
      `"lastEventId":${json(record.lastEventId)},"start":${record.start},"end":${record.end}}`
    );
  }
  const { kind, ...rest } = record;
  return json({ kind, seq, ...rest });
}

/**
 * Writes the native session file (layout in shared/session-format.ts). Timeline pages and chunk
 * pages are merged as they are read: a chunk goes right before the first timeline record that
 * arrived after it (`entrySeq`), which is where the live capture produced it. The export covers
 * the session as it was when `session` was read (a session still recording gets a consistent
 * prefix).
 */
export async function writeNativeSession(
  context: ExportContext,
  session: SessionDetail,
): Promise<void> {
  const { sink, workspace } = context;
  const header = sessionFileHeader(session, context);
  const total = session.entries + session.chunks;
  let done = 0;
  const headerFields = Object.entries(header).filter(
    ([key]) => key !== 'format' && key !== 'version',
  );
  await sink.write(`${SESSION_FILE_FIRST_LINE}\n`);
  for (const [key, value] of headerFields) {
    await sink.write(`${JSON.stringify(key)}:${JSON.stringify(value)},\n`);
  }
  await sink.write(`${SESSION_FILE_RECORDS_LINE}\n`);

  let first = true;
  const writeLine = async (line: string): Promise<void> => {
    const full = sink.push(first ? line : `,\n${line}`);
    first = false;
    done++;
    if (done % 4096 === 0) context.progress(done, total);
    if (full) await sink.flush();
  };
  const chunks = sessionChunks(workspace, session.id, session.chunks);
  let nextChunk = chunks.next();
  for (const entry of timelineEntries(workspace, session.id, { beforeSeq: session.entries })) {
    while (!nextChunk.done && nextChunk.value.entrySeq <= entry.seq) {
      await writeLine(JSON.stringify(chunkLine(nextChunk.value)));
      nextChunk = chunks.next();
    }
    await writeLine(timelineLine(entry.seq, redactRecord(entry.record)));
  }
  while (!nextChunk.done) {
    await writeLine(JSON.stringify(chunkLine(nextChunk.value)));
    nextChunk = chunks.next();
  }
  await sink.write(`${first ? '' : '\n'}]}\n`);
  context.progress(total, total);
}
