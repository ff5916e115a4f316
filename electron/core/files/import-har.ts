import type { CloseReason, ErrorCategory } from '../../../shared/capture/records.ts';
import {
  httpMethods,
  requestSpecSchema,
  type RequestSpec,
} from '../../../shared/capture/request-spec.ts';
import { closeReasons, errorCategories } from '../../../shared/session-format.ts';
import {
  createStreamParser,
  framingForContentType,
  isFraming,
} from '../../../shared/streams/framing.ts';
import type { Framing } from '../../../shared/streams/types.ts';
import { redactUrl } from '../../../shared/secrets/index.ts';
import { mimeEssence, responseFraming } from '../connections/response-check.ts';
import type { SessionOutcome } from '../capture-store.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { AttemptWriter } from './attempt-writer.ts';
import { harImportSchema, type HarImportEntry } from './har-schema.ts';
import { importInto, type ImportedSession } from './import-target.ts';
import { SessionFileError } from './session-file-error.ts';

export interface HarImportOptions {
  name?: string;
  /** Notes for the user (e.g. "events rebuilt from _eventSourceMessages") are pushed here. */
  notes: string[];
}

type Message = NonNullable<HarImportEntry['_eventSourceMessages']>[number];

const knownCloseReasons: ReadonlySet<string> = new Set(closeReasons);
const knownErrorCategories: ReadonlySet<string> = new Set(errorCategories);

function headerPairs(headers: HarImportEntry['request']['headers']): Array<[string, string]> {
  return headers.map((h) => [h.name, h.value]);
}

function headerValue(headers: Array<[string, string]>, name: string): string | null {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

function contentTypeOf(entry: HarImportEntry): string | null {
  const response = entry.response;
  return (
    headerValue(headerPairs(response?.headers ?? []), 'content-type') ??
    response?.content?.mimeType ??
    null
  );
}

/** The framing SSE Inspector recorded for an entry it exported (null: none, or unknown). */
function hintedFraming(entry: HarImportEntry): Framing | null {
  const framing = entry._sseInspector?.framing;
  return typeof framing === 'string' && isFraming(framing) ? framing : null;
}

/**
 * An entry of an event stream: Chrome's message list, its resource type, or the MIME type; or
 * a stream in another framing that SSE Inspector exported, or whose MIME type is NDJSON or a
 * JSON text sequence (plain JSON responses of a browser HAR are not streams to import).
 */
function isEventStream(entry: HarImportEntry): boolean {
  const framing = framingForContentType(contentTypeOf(entry));
  return (
    (entry._eventSourceMessages?.length ?? 0) > 0 ||
    entry._resourceType?.toLowerCase() === 'eventsource' ||
    (framing !== null && framing !== 'json-array') ||
    hintedFraming(entry) !== null
  );
}

/** "HTTP/1.1" → "1.1", Chrome's "h2" → "2.0". */
function httpVersion(text: string | null | undefined): string {
  const version = (text ?? '').replace(/^http\//i, '');
  if (/^h2$/i.test(version)) return '2.0';
  if (/^h3$/i.test(version)) return '3.0';
  return version === '' ? '1.1' : version;
}

/** Timing in ms, 0 where the HAR says -1 or nothing. */
function timing(entry: HarImportEntry, name: string): number {
  const value = entry.timings?.[name];
  return typeof value === 'number' && value > 0 ? value : 0;
}

function specOf(entry: HarImportEntry, notes: string[]): RequestSpec {
  const headers = headerPairs(entry.request.headers).filter(
    ([name, value]) =>
      // HTTP/2 pseudo-headers (":authority") and headers the engine sets itself are not the user's.
      /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) &&
      !/[\r\n\0]/.test(value) &&
      !['host', 'content-length', 'connection', 'last-event-id'].includes(name.toLowerCase()),
  );
  const method = entry.request.method.toUpperCase();
  const sendable = (httpMethods as readonly string[]).includes(method);
  if (!sendable) {
    // The attempts keep it as recorded; only a new request from this session would differ.
    notes.push(
      `The ${method.slice(0, 20)} request is imported as recorded; running it again sends GET ` +
        `(a request can be ${httpMethods.join(', ')}).`,
    );
  }
  const parsed = requestSpecSchema.safeParse({
    url: entry.request.url,
    method: sendable ? method : 'GET',
    headers: headers.slice(0, 500),
    body: entry.request.postData?.text ?? null,
    lastEventId: headerValue(headerPairs(entry.request.headers), 'last-event-id'),
    proxy: { mode: 'none' },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A URL problem already quotes the URL; another names it for context.
    const about = issue.path[0] === 'url' ? '' : ` (${redactUrl(entry.request.url)})`;
    throw new SessionFileError(
      'invalid',
      `This HAR file's event-stream request cannot be used: ${issue.message.replace(/\.$/, '')}${about}.`,
    );
  }
  return parsed.data;
}

/** The body as bytes (`content.text`, base64-aware); null when the HAR kept no body. */
function bodyBytes(entry: HarImportEntry): Uint8Array | null {
  const content = entry.response?.content;
  const text = content?.text;
  if (text === null || text === undefined || text === '') return null;
  let buffer: Buffer;
  if (content?.encoding?.toLowerCase() === 'base64') {
    // Buffer.from skips what is not base64: a damaged body would become other bytes silently.
    const compact = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
      throw new SessionFileError(
        'invalid',
        `This HAR file is damaged: the response body of ${entry.request.method} ` +
          `${redactUrl(entry.request.url)} is marked base64 but is not base64.`,
      );
    }
    buffer = Buffer.from(compact, 'base64');
  } else {
    buffer = Buffer.from(text, 'utf8');
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Rebuilds a stream from Chrome's messages (Chrome keeps the events, not the bytes): one block
 * per message, `id` written only when it changes (the last event ID persists, §9.2.6).
 */
function synthesizeBlocks(messages: Message[]): string[] {
  let lastId = '';
  return messages.map((message) => {
    let block = '';
    const name = message.eventName ?? '';
    if (name !== '' && name !== 'message') block += `event: ${name.replace(/[\r\n]/g, ' ')}\n`;
    const id = message.eventId ?? lastId;
    if (id !== lastId && !/[\r\n\0]/.test(id)) {
      block += id === '' ? 'id\n' : `id: ${id}\n`;
      lastId = id;
    }
    for (const line of message.data.split(/\r\n|\r|\n/)) block += `data: ${line}\n`;
    return `${block}\n`;
  });
}

/** Byte offsets just past each event of a body (a quick parse, to cut it at event ends). */
function eventEnds(bytes: Uint8Array, framing: Framing): number[] {
  const ends: number[] = [];
  const parser = createStreamParser(framing, {
    onOutput: (output) => {
      if (output.kind === 'event') ends.push(output.end);
    },
  });
  parser.push(bytes);
  parser.end();
  return ends;
}

interface SessionClock {
  startedAt: number;
  /** ms since the session started, for a message's `time` (s since the epoch, or relative). */
  messageT(message: Message, first: Message, responseT: number): number;
}

function clockFor(startedAt: number): SessionClock {
  return {
    startedAt,
    messageT(message, first, responseT) {
      // Chrome writes wall-clock seconds; a tool writing seconds since the request is read as such.
      if (message.time > 1e9) return message.time * 1000 - startedAt;
      return responseT + (message.time - first.time) * 1000;
    },
  };
}

function importEntries(
  writer: AttemptWriter,
  entries: HarImportEntry[],
  clock: SessionClock,
  notes: string[],
): { endT: number; failed: boolean } {
  let endT = 0;
  let failed = false;
  let rebuilt = false;
  for (const entry of entries) {
    const parsedStart = Date.parse(entry.startedDateTime);
    const t = Math.max(endT, Number.isNaN(parsedStart) ? endT : parsedStart - clock.startedAt);
    const requestHeaders = headerPairs(entry.request.headers);
    const postText = entry.request.postData?.text ?? null;
    writer.startAttempt(
      t,
      {
        method: entry.request.method,
        url: entry.request.url,
        headers: requestHeaders,
        bodyBytes: postText === null ? 0 : Buffer.byteLength(postText),
      },
      headerValue(requestHeaders, 'last-event-id'),
    );
    const status = entry.response?.status ?? 0;
    const hints = entry._sseInspector;
    const total = typeof entry.time === 'number' && entry.time > 0 ? entry.time : 0;
    const attemptEnd = t + total;
    if (status <= 0 || entry.response === null || entry.response === undefined) {
      const message = hints?.errorMessage ?? entry._error ?? 'No response was recorded.';
      const category = hints?.errorCategory ?? 'other';
      writer.end(attemptEnd, 'network-error', {
        category: knownErrorCategories.has(category) ? (category as ErrorCategory) : 'other',
        message,
      });
      endT = Math.max(endT, attemptEnd);
      failed = true;
      continue;
    }
    const responseT =
      t +
      ['blocked', 'dns', 'connect', 'send', 'wait'].reduce(
        (sum, name) => sum + timing(entry, name),
        0,
      );
    const responseHeaders = headerPairs(entry.response.headers);
    const contentType = contentTypeOf(entry);
    const framing = responseFraming(contentType, hintedFraming(entry));
    writer.response(responseT, {
      status,
      statusText: entry.response.statusText ?? '',
      httpVersion: httpVersion(entry.response.httpVersion),
      headers: responseHeaders,
      contentType: headerValue(responseHeaders, 'content-type') ?? contentType,
      url: entry.request.url,
      framing,
    });
    const messages = entry._eventSourceMessages ?? [];
    const body = bodyBytes(entry);
    let lastT = responseT;
    if (body !== null) {
      const ends = messages.length > 0 ? eventEnds(body, framing) : [];
      if (ends.length === messages.length && ends.length > 0) {
        // The real bytes, cut where each event ended, at the time Chrome saw that event.
        let from = 0;
        ends.forEach((end, i) => {
          lastT = Math.max(lastT, clock.messageT(messages[i]!, messages[0]!, responseT));
          writer.body(lastT, body.subarray(from, end));
          from = end;
        });
        writer.body(lastT, body.subarray(from));
      } else {
        writer.body(responseT, body);
      }
    } else if (messages.length > 0 && framing === 'sse') {
      const encoder = new TextEncoder();
      synthesizeBlocks(messages).forEach((block, i) => {
        lastT = Math.max(lastT, clock.messageT(messages[i]!, messages[0]!, responseT));
        writer.body(lastT, encoder.encode(block));
      });
      rebuilt = true;
    }
    const end = Math.max(lastT, attemptEnd, responseT + timing(entry, 'receive'));
    const ok =
      status === 200 && (mimeEssence(contentType) === 'text/event-stream' || framing !== 'sse');
    const hinted = hints?.closeReason ?? null;
    let reason: CloseReason =
      hinted !== null && knownCloseReasons.has(hinted)
        ? (hinted as CloseReason)
        : status === 204
          ? 'no-content'
          : status !== 200
            ? 'http-status'
            : ok
              ? 'server-closed'
              : 'content-type';
    if (status === 204 && reason === 'server-closed') reason = 'no-content';
    const cut = entry.response._error ?? null;
    if (reason === 'server-closed' && cut !== null && (hints ?? null) === null) {
      // Chrome: the stream was cut by a network error ("net::ERR_…") rather than ended.
      writer.end(end, 'network-error', { category: 'other', message: cut });
      failed = true;
    } else if (reason === 'http-status' || reason === 'content-type' || reason === 'no-content') {
      writer.end(end, reason, {
        category: reason,
        message: hints?.errorMessage ?? `HTTP ${status} ${entry.response.statusText ?? ''}`.trim(),
      });
      failed = reason !== 'no-content';
    } else {
      writer.end(end, reason);
      failed = false;
    }
    endT = Math.max(endT, end);
  }
  if (rebuilt) {
    notes.push(
      "The HAR file has the events but not the bytes of the stream (Chrome's _eventSourceMessages); " +
        'the raw view shows a stream rebuilt from them, with byte ranges in that rebuilt stream.',
    );
  }
  return { endT, failed };
}

/**
 * A HAR file (Chrome, Firefox, ours): each event-stream request (grouped by method and URL, in
 * the order they started) becomes one session whose attempts are that request's entries.
 * Events come from the response body when the HAR kept it (`content.text`, base64-aware), cut at
 * the times of `_eventSourceMessages` when those match; from `_eventSourceMessages` alone when it
 * did not (a rebuilt stream). Validated before anything is written.
 */
export async function importHarValue(
  workspace: Workspace,
  value: unknown,
  options: HarImportOptions,
): Promise<ImportedSession[]> {
  const parsed = harImportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SessionFileError(
      'invalid',
      `This HAR file is damaged: ${issue.path.join('.')}: ${issue.message}.`,
    );
  }
  const entries = parsed.data.log.entries ?? [];
  if (entries.length === 0)
    throw new SessionFileError('no-streams', 'This HAR file has no entries.');
  const groups = new Map<string, HarImportEntry[]>();
  for (const entry of entries) {
    const key = `${entry.request.method.toUpperCase()} ${entry.request.url}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [entry]);
    else group.push(entry);
  }
  const streams = [...groups.values()]
    .filter((group) => group.some(isEventStream))
    .map((group) =>
      // Stable: entries starting at the same millisecond keep the file's order.
      group
        .map((entry, i) => ({ entry, i, start: Date.parse(entry.startedDateTime) }))
        .sort((a, b) => (a.start || 0) - (b.start || 0) || a.i - b.i)
        .map(({ entry }) => entry),
    );
  if (streams.length === 0) {
    throw new SessionFileError(
      'no-streams',
      `This HAR file has ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} but no ` +
        'event-stream request (text/event-stream or EventSource messages).',
    );
  }
  // Every group's spec is checked before the first session is created.
  const specs = streams.map((group) => specOf(group[0]!, options.notes));
  const imported: ImportedSession[] = [];
  try {
    for (const [i, group] of streams.entries()) {
      const firstStart = Date.parse(group[0]!.startedDateTime);
      const startedAt = Number.isNaN(firstStart) ? Date.now() : firstStart;
      const clock = clockFor(startedAt);
      const name =
        options.name === undefined
          ? undefined
          : streams.length === 1
            ? options.name
            : `${options.name} (${i + 1})`;
      const start = {
        spec: specs[i]!,
        startedAt,
        origin: 'import' as const,
        ...(name === undefined ? {} : { name }),
      };
      imported.push(
        await importInto(workspace, start, async (target) => {
          const writer = new AttemptWriter(target, startedAt);
          const { endT, failed } = importEntries(writer, group, clock, options.notes);
          const outcome: SessionOutcome = failed ? 'failed' : 'completed';
          return { endedAt: startedAt + Math.max(endT, target.lastT), outcome };
        }),
      );
    }
  } catch (error) {
    // All or nothing: sessions of earlier groups go too.
    for (const session of imported) workspace.deleteSession(session.sessionId);
    throw error;
  }
  return imported;
}
