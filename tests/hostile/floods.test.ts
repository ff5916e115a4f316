// Hostile servers that send a great many small things (events, comments) or broken text
// (invalid UTF-8, NUL). Everything must be recorded, the UI must get at most one push per frame
// interval (~30 a second) whatever the rate, memory must stay bounded, and a normal connection
// must work afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventPreviewChars } from '../../shared/capture/live-frames.ts';
import { DEFAULT_MAX_WARNINGS_PER_CODE } from '../../shared/sse/warnings.ts';
import { LIVE_BATCH_MAX_ROWS } from '../../electron/core/inspector-core.ts';
import {
  closeOpenRigs,
  createRig,
  earlyPartialPushes,
  FRAME_INTERVAL_MS,
  LiveMemoryProbe,
  MiB,
  mib,
  report,
  warningCodes,
} from './hostile-kit.ts';
import { hostileRoutes } from './hostile-routes.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer(hostileRoutes);
});
afterEach(closeOpenRigs);
afterAll(() => server.close());

/**
 * A flood of small records holds at most one recorder batch (10,000 records) and the records of
 * one frame interval at any time (a few MiB), and nothing once it is over. Without the bounds,
 * a million records kept would be hundreds of MiB.
 */
const LIVE_BOUND = 64 * MiB;
const RETAINED_BOUND = 16 * MiB;

const million = 1_000_000;

describe('floods of tiny records', () => {
  it.each([
    ['events', 'data: x\n\n', 'event', million + 1],
    ['comments', ':\n', 'comment', million],
    ['keep-alive comments', ': keep-alive\n', 'comment', million],
  ])(
    'records a million %s, pushes at most once per frame interval to the UI (or when full), memory bounded',
    async (_name, unit, kind, expectedOfKind) => {
      const rig = createRig();
      // A checkpoint every sixteenth of the stream.
      const probe = new LiveMemoryProbe(rig, Math.floor((million * unit.length) / 16));
      const id = rig.connect(
        `${server.url}/repeat?count=${million}&unit=${encodeURIComponent(unit)}`,
      );
      const status = await rig.finished(id, 150_000);
      const memory = probe.stop();
      const written = server.exchanges.at(-1)!.bodyBytes;
      expect(written).toBe(million * unit.length + 'data: last\n\n'.length);
      expect(status).toMatchObject({ state: 'closed', bytes: written, error: null });
      // Every record reached the UI, in pushes at least one frame interval apart (≤ ~30 a
      // second, on the clock the batcher spaced them by), except a push that reached the row cap
      // (LIVE_BATCH_MAX_ROWS: a few milliseconds of work for the renderer), which goes at once.
      expect(rig.ui.kinds.get(kind)).toBe(expectedOfKind);
      expect(rig.ui.pushes).toBeGreaterThan(1);
      expect(
        earlyPartialPushes(
          rig.ui.pushTimes,
          rig.ui.pushSizes,
          FRAME_INTERVAL_MS,
          LIVE_BATCH_MAX_ROWS,
        ),
      ).toBe(0);
      expect(rig.ui.pushes).toBeLessThanOrEqual(
        Math.ceil(rig.ui.pushSizes.reduce((a, b) => a + b, 0) / LIVE_BATCH_MAX_ROWS) +
          Math.ceil((rig.ui.pushTimes.at(-1)! - rig.ui.pushTimes[0]!) / FRAME_INTERVAL_MS) +
          1,
      );
      expect(memory.checkpoints).toBeGreaterThan(5);
      expect(memory.peak).toBeLessThan(LIVE_BOUND);
      expect(memory.retained).toBeLessThan(RETAINED_BOUND);
      // …and into the workspace.
      const recorded = rig.recordedChunkBytes(id);
      expect(recorded.bytes).toBe(written);
      report(`flood of ${million} ${_name}`, {
        pushes: rig.ui.pushes,
        livePeak: mib(memory.peak),
        retained: mib(memory.retained),
        checkpoints: memory.checkpoints,
      });
      await rig.expectStillWorks(`${server.url}/normal`);
      const session = (await rig.close()).get(id)!;
      const events = kind === 'event' ? million + 1 : 1;
      expect(session).toMatchObject({ events, bytes: written, chunks: recorded.chunks });
      // Timeline: attempt, response, the records, the last event, closed + reconnect-limit warning.
      expect(session.entries).toBe(expectedOfKind + (kind === 'event' ? 0 : 1) + 4);
    },
    180_000,
  );
});

function bytesUrl(bytes: Buffer): string {
  return `${server.url}/bytes?hex=${bytes.toString('hex')}`;
}

describe('broken text', () => {
  it('replaces invalid UTF-8 with U+FFFD, keeps NUL in data and ignores an id with NUL', async () => {
    const rig = createRig();
    const body = Buffer.concat([
      Buffer.from('id: 7\ndata: a'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('b\n\ndata: nul\0inside\n\nid: x\0y\ndata: after-nul-id\n\n'),
      Buffer.from('data: cut '),
      Buffer.from([0xe2, 0x82]), // an incomplete sequence before LF: one U+FFFD
      Buffer.from('\n\n'),
    ]);
    const id = rig.connect(bytesUrl(body));
    const status = await rig.finished(id);
    expect(status).toMatchObject({ state: 'closed', bytes: body.length, events: 4 });
    const events = [0, 1, 2, 3].map((i) => rig.core.getEvent(id, i)!);
    expect(events.map((e) => [e.data, e.lastEventId])).toEqual([
      ['a\uFFFD\uFFFDb', '7'],
      ['nul\0inside', '7'],
      ['after-nul-id', '7'],
      ['cut \uFFFD', '7'],
    ]);
    expect(warningCodes(rig.ui, id)).toEqual([
      'invalid-utf8',
      'id-contains-nul',
      'invalid-utf8',
      'reconnect-limit',
    ]);
    const first = rig.ui.problems.find((e) => e.record.kind === 'warning')!.record;
    expect(first).toMatchObject({ offset: 13, message: expect.stringContaining('2 invalid') });
    expect(rig.recordedChunkBytes(id).bytes).toBe(body.length);
    // The NUL survives storage and search indexing.
    const stored = rig.timeline(id).filter((e) => e.record.kind === 'event');
    expect((stored[1]!.record as { data: string }).data).toBe('nul\0inside');
    await rig.expectStillWorks(`${server.url}/normal`);
    await rig.close();
  });

  it('shows a long event holding NUL as a preview, like any other (SQLite stops text at NUL)', async () => {
    const rig = createRig();
    const data = 'é\0'.repeat(5000);
    const id = rig.connect(bytesUrl(Buffer.from(`data: ${data}\n\ndata: a\0b\n\n`)));
    await rig.finished(id);
    const [long, short] = rig.timeline(id).filter((e) => e.record.kind === 'event');
    expect(long!.record).toMatchObject({
      data: data.slice(0, eventPreviewChars),
      truncated: true,
      // Past a NUL SQLite cannot count characters: the size in bytes stands in (3 per 'é\0').
      dataLength: 15_000,
    });
    expect(short!.record).toMatchObject({ data: 'a\0b', truncated: false, dataLength: 3 });
    expect(rig.core.getEvent(id, 0)!.data).toBe(data);
    await rig.close();
  });

  it('rate-limits invalid-utf8 warnings: 20 per stream, then one suppression notice', async () => {
    const rig = createRig();
    const lines = 5000;
    // U+00C0 in the query is the single byte 0xC0 on the wire: never valid in UTF-8.
    const unit = 'data: \u00c0\n\n';
    const id = rig.connect(`${server.url}/repeat?count=${lines}&unit=${encodeURIComponent(unit)}`);
    const status = await rig.finished(id);
    const bytes = lines * unit.length + 'data: last\n\n'.length;
    expect(status).toMatchObject({ state: 'closed', events: lines + 1, bytes });
    const codes = warningCodes(rig.ui, id);
    expect(codes.filter((c) => c === 'invalid-utf8')).toHaveLength(DEFAULT_MAX_WARNINGS_PER_CODE);
    expect(codes.filter((c) => c === 'warnings-suppressed')).toHaveLength(1);
    expect(status.warnings).toBe(DEFAULT_MAX_WARNINGS_PER_CODE + 2); // + suppression + limit
    expect(rig.core.getEvent(id, lines - 1)!.data).toBe('\uFFFD');
    await rig.close();
  });
});
