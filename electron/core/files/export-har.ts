import type { StoredEntry, AttemptDetail, SessionDetail } from '../workspace/types.ts';
import type { ExportContext } from './export-context.ts';
import { redactHeaders, redactText, redactUrl } from '../../../shared/secrets/index.ts';
import { attemptChunks, timelineEntries } from './session-pages.ts';
import type { Framing } from '../../../shared/streams/types.ts';

/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry per connection attempt,
 * with the attempt's decoded body as `response.content.text` (base64 with `encoding: "base64"`
 * when it is not valid UTF-8) and its events in Chrome DevTools' own field,
 * `_eventSourceMessages: [{time, eventName, eventId, data}]` (time in seconds since the epoch),
 * so Chrome-made HARs and ours read the same way. `_sseInspector` carries what HAR has no field
 * for (attempt number, why it ended, the body's framing). Bodies are streamed into the JSON text, never held whole.
 */

const json = JSON.stringify;

type HarHeader = { name: string; value: string };

/** Headers as HAR lists them, redacted like every export (see export-native.ts). */
function harHeaders(headers: ReadonlyArray<[string, string]>): HarHeader[] {
  return redactHeaders(headers).map(([name, value]) => ({ name, value }));
}

function queryString(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function header(headers: ReadonlyArray<[string, string]>, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** "1.1" → "HTTP/1.1"; HAR wants the protocol with its version. */
function harHttpVersion(version: string | null): string {
  if (version === null || version === '') return '';
  return /^http\//i.test(version) ? version : `HTTP/${version}`;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Whether the attempt's body is valid UTF-8 (a first pass over its chunks, streaming). */
function bodyIsUtf8(context: ExportContext, sessionId: number, attempt: number): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (const chunk of attemptChunks(context.workspace, sessionId, attempt)) {
      decoder.decode(chunk.bytes, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** Writes the body as the inside of a JSON string, piece by piece. */
async function writeBodyText(
  context: ExportContext,
  sessionId: number,
  attempt: number,
  base64: boolean,
  onChunk: () => void,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  // base64 works on groups of 3 bytes: carry the remainder to the next chunk.
  let carry = Buffer.alloc(0);
  for (const chunk of attemptChunks(context.workspace, sessionId, attempt)) {
    onChunk();
    if (base64) {
      const bytes = Buffer.concat([carry, chunk.bytes]);
      const whole = bytes.length - (bytes.length % 3);
      carry = Buffer.from(bytes.subarray(whole));
      await context.sink.write(bytes.subarray(0, whole).toString('base64'));
    } else {
      // A string escapes per character, so escaping piece by piece equals escaping the whole.
      await context.sink.write(json(decoder.decode(chunk.bytes, { stream: true })).slice(1, -1));
    }
  }
  if (base64) await context.sink.write(carry.toString('base64'));
  else await context.sink.write(json(decoder.decode()).slice(1, -1));
}

function timings(detail: AttemptDetail): { wait: number; receive: number } {
  const start = detail.startedT ?? 0;
  const end = detail.endT ?? detail.firstEventT ?? detail.firstByteT ?? detail.responseT ?? start;
  if (detail.responseT === null) return { wait: round(Math.max(0, end - start)), receive: 0 };
  return {
    wait: round(Math.max(0, detail.responseT - start)),
    receive: round(Math.max(0, end - detail.responseT)),
  };
}

interface EntryParts {
  /** Up to and including the opening quote of `response.content.text`. */
  opening: string;
  /** From the closing quote of the text up to and including `"_eventSourceMessages":[`. */
  middle: string;
}

/** The framing of each attempt's body, from its response record (absent: recorded as SSE). */
function attemptFramings(context: ExportContext, session: SessionDetail): Map<number, Framing> {
  const framings = new Map<number, Framing>();
  for (const { record } of timelineEntries(context.workspace, session.id, {
    kinds: ['response'],
    beforeSeq: session.entries,
  })) {
    if (record.kind === 'response') framings.set(record.attempt, record.framing ?? 'sse');
  }
  return framings;
}

function entryParts(
  context: ExportContext,
  session: SessionDetail,
  detail: AttemptDetail,
  base64: boolean,
  framing: Framing | null,
): EntryParts {
  const sent = detail.request;
  const url = sent?.url ?? session.spec.url;
  const requestHeaders = sent?.headers ?? session.spec.headers;
  const harUrl = redactUrl(url);
  const responded = detail.status !== null;
  const httpVersion = harHttpVersion(detail.httpVersion) || 'HTTP/1.1';
  const body = session.spec.body;
  const request: Record<string, unknown> = {
    method: sent?.method ?? session.spec.method,
    url: harUrl,
    httpVersion,
    cookies: [],
    headers: harHeaders(requestHeaders),
    queryString: queryString(harUrl),
    headersSize: -1,
    bodySize: sent?.bodyBytes ?? (body === null ? 0 : Buffer.byteLength(body)),
  };
  if (body !== null) {
    // Bodies are not redacted (see docs/session-format.md).
    request.postData = {
      mimeType: header(requestHeaders, 'content-type') ?? 'text/plain',
      text: body,
    };
  }
  const { wait, receive } = timings(detail);
  const started = detail.startedWall ?? session.startedAt + (detail.startedT ?? 0);
  const content: Record<string, unknown> = {
    size: detail.bytes,
    mimeType: detail.contentType ?? 'x-unknown',
  };
  if (base64) content.encoding = 'base64';
  const inspector = {
    attempt: detail.attempt,
    reason: detail.reason,
    lastEventId: detail.lastEventId,
    redirects: detail.redirects,
    finalUrl: detail.finalUrl === null ? null : redactUrl(detail.finalUrl),
    closeReason: detail.closeReason,
    framing,
    incomplete: detail.incomplete,
    errorCategory: detail.errorCategory,
    errorMessage: detail.errorMessage === null ? null : redactText(detail.errorMessage),
  };
  const response =
    `{"status":${detail.status ?? 0},"statusText":${json(detail.statusText ?? '')},` +
    `"httpVersion":${json(responded ? httpVersion : '')},"cookies":[],` +
    `"headers":${json(harHeaders(detail.responseHeaders ?? []))},` +
    `"redirectURL":"","headersSize":-1,"bodySize":${responded ? detail.bytes : -1},` +
    // content without its closing brace, then the text.
    `"content":${json(content).slice(0, -1)},"text":"`;
  const opening =
    `{"startedDateTime":${json(new Date(started).toISOString())},` +
    `"time":${round(wait + receive)},"request":${json(request)},"response":${response}`;
  const timingsJson = json({
    blocked: -1,
    dns: -1,
    connect: -1,
    ssl: -1,
    send: 0,
    wait,
    receive,
  });
  const middle =
    `"}},"cache":{},"timings":${timingsJson},` +
    `"_sseInspector":${json(inspector)},"_eventSourceMessages":[`;
  return { opening, middle };
}

/**
 * Walks the session's events once for all entries: attempts follow each other, so the events of
 * attempt n all come before those of attempt n + 1.
 */
class EventCursor {
  readonly #entries: Generator<StoredEntry>;
  #next: IteratorResult<StoredEntry>;

  constructor(context: ExportContext, session: SessionDetail) {
    this.#entries = timelineEntries(context.workspace, session.id, {
      kinds: ['event'],
      beforeSeq: session.entries,
    });
    this.#next = this.#entries.next();
  }

  /** The events of `attempt` (skipping any of earlier attempts). */
  *take(attempt: number): Generator<Extract<StoredEntry['record'], { kind: 'event' }>> {
    while (!this.#next.done) {
      const record = this.#next.value.record;
      if (record.kind !== 'event' || record.attempt > attempt) return;
      this.#next = this.#entries.next();
      if (record.attempt === attempt) yield record;
    }
  }
}

export async function writeHar(context: ExportContext, session: SessionDetail): Promise<void> {
  const { sink } = context;
  const total = session.chunks + session.events;
  let done = 0;
  const tick = (): void => {
    if (++done % 4096 === 0) context.progress(done, total);
  };
  await sink.write(
    `{"log":{"version":"1.2","creator":${json({ ...context.generator, comment: 'sse-inspector' })},` +
      `"pages":[],"entries":[\n`,
  );
  const events = new EventCursor(context, session);
  const framings = attemptFramings(context, session);
  let firstEntry = true;
  for (const detail of session.attemptDetails) {
    const base64 = !bodyIsUtf8(context, session.id, detail.attempt);
    const framing = framings.get(detail.attempt) ?? null;
    const parts = entryParts(context, session, detail, base64, framing);
    await sink.write(firstEntry ? parts.opening : `,\n${parts.opening}`);
    firstEntry = false;
    await writeBodyText(context, session.id, detail.attempt, base64, tick);
    await sink.write(parts.middle);
    let firstEvent = true;
    for (const event of events.take(detail.attempt)) {
      const message = json({
        time: (session.startedAt + event.t) / 1000,
        eventName: event.type,
        eventId: event.lastEventId,
        data: event.data,
      });
      const full = sink.push(firstEvent ? `\n${message}` : `,\n${message}`);
      firstEvent = false;
      tick();
      if (full) await sink.flush();
    }
    await sink.write(']}');
  }
  await sink.write('\n]}}\n');
  context.progress(total, total);
}
