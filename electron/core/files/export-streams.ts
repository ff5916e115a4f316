import type { SessionDetail } from '../workspace/types.ts';
import type { ExportContext } from './export-context.ts';
import { attemptChunks, sessionChunks, timelineEntries } from './session-pages.ts';

const json = JSON.stringify;

/**
 * NDJSON of events: one object per event, in order —
 * `{"index","type","data","id","attempt","t","wall","start","end"}`. `t` is ms since the session
 * started, `wall` ms since the epoch (session start + t), `start`/`end` the event's bytes in its
 * attempt's body.
 */
export async function writeEventsNdjson(
  context: ExportContext,
  session: SessionDetail,
): Promise<void> {
  const { sink } = context;
  const total =
    context.attempt === null
      ? session.events
      : (session.attemptDetails.find((a) => a.attempt === context.attempt)?.events ?? 0);
  let done = 0;
  for (const entry of timelineEntries(context.workspace, session.id, {
    kinds: ['event'],
    beforeSeq: session.entries,
  })) {
    const event = entry.record;
    if (event.kind !== 'event') continue;
    if (context.attempt !== null && event.attempt !== context.attempt) continue;
    // Written by hand (the bulk of the work): a number prints the same in a template as in JSON.
    const line =
      `{"index":${event.index},"type":${json(event.type)},"data":${json(event.data)},` +
      `"id":${json(event.lastEventId)},"attempt":${event.attempt},"t":${event.t},` +
      `"wall":${session.startedAt + event.t},"start":${event.start},"end":${event.end}}\n`;
    if (++done % 4096 === 0) context.progress(done, total);
    if (sink.push(line)) await sink.flush();
  }
  context.progress(total, total);
}

/**
 * The body bytes exactly as received (after content decoding): every attempt's bytes in arrival
 * order, back to back, or only one attempt's with `attempt`.
 */
export async function writeRawStream(
  context: ExportContext,
  session: SessionDetail,
): Promise<void> {
  const { sink, workspace } = context;
  const chunks =
    context.attempt === null
      ? sessionChunks(workspace, session.id, session.chunks)
      : attemptChunks(workspace, session.id, context.attempt);
  const total =
    context.attempt === null
      ? session.bytes
      : (session.attemptDetails.find((a) => a.attempt === context.attempt)?.bytes ?? 0);
  let done = 0;
  let reported = 0;
  for (const chunk of chunks) {
    await sink.write(chunk.bytes);
    done += chunk.bytes.byteLength;
    if (done - reported >= 1024 * 1024) {
      reported = done;
      context.progress(done, Math.max(done, total));
    }
  }
  context.progress(done, Math.max(done, total));
}
