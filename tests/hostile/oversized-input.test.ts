// Hostile servers that send more than any buffer should hold: a line that never ends, a huge
// event, compression bombs. Each case drives InspectorCore (engine + recorder on a temporary
// workspace + frame batcher) and checks that memory stays bounded, the user is told, every byte
// received is in the session, and a normal connection works afterwards. See docs/limits.md.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_LINE_BYTES } from '../../shared/sse/parser.ts';
import {
  closeOpenRigs,
  createRig,
  FULL,
  LiveMemoryProbe,
  MiB,
  mib,
  report,
  warningCodes,
  type LiveMemory,
  type Rig,
} from './hostile-kit.ts';
import {
  gzipBombDecodedBytes,
  gzipLinesDecodedBytes,
  hostileRoutes,
  prepareBombs,
} from './hostile-routes.ts';
import { startHostileServer, type HostileServer } from './hostile-server.ts';

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer(hostileRoutes);
  prepareBombs();
});
afterEach(closeOpenRigs);
afterAll(() => server.close());

/**
 * Memory a capture may hold at once, by design: the parser's line in progress (≤ 16 MiB of text,
 * as Latin-1 or UTF-16 strings), the recorder's unwritten batch (≤ 16 MiB of chunk bytes and
 * event data) and an event's data (≤ 16 MiB); plus undici and zlib buffers. Measured live (after
 * a full GC, every 8 MiB of the stream), so garbage never counts and the figure does not depend on
 * the machine's speed; any buffer that grew with the stream (hundreds of MiB here) would show.
 * Peaks with garbage and RSS are budgets of `npm run bench -- --only hostile` (docs/limits.md).
 */
const LIVE_BOUND = 96 * MiB;

/** Live memory stayed within the bound at checkpoints spread over the stream. */
function expectBounded(memory: LiveMemory): void {
  expect(memory.checkpoints).toBeGreaterThanOrEqual(4);
  expect(memory.peak).toBeLessThan(LIVE_BOUND);
}

/** Bytes recorded everywhere agree with what the server wrote (or, for gzip, decoded to). */
function expectAllBytesKept(rig: Rig, id: number, expected: number): { chunks: number } {
  const status = rig.status(id);
  expect(status.bytes).toBe(expected);
  const recorded = rig.recordedChunkBytes(id);
  expect(recorded.bytes).toBe(expected);
  return { chunks: recorded.chunks };
}

async function finishAndCheckSession(
  rig: Rig,
  id: number,
  expected: { bytes: number; chunks: number; events: number },
): Promise<void> {
  await rig.expectStillWorks(`${server.url}/normal`);
  const sessions = await rig.close();
  const session = sessions.get(id)!;
  expect(session).toMatchObject({
    bytes: expected.bytes,
    chunks: expected.chunks,
    events: expected.events,
    attempts: 1,
  });
  expect(session.attemptDetails[0]!.bytes).toBe(expected.bytes);
}

describe('a line that never ends', () => {
  it.each([
    ['data: xxx… (200 MiB, ASCII)', '/endless-line', 200],
    ['0xFF bytes (64 MiB, all invalid UTF-8)', '/endless-invalid', 64],
  ])(
    'keeps memory bounded, warns line-too-long and records every byte: %s',
    async (_name, path, mb) => {
      const rig = createRig();
      const probe = new LiveMemoryProbe(rig);
      const id = rig.connect(`${server.url}${path}?mb=${mb}`);
      const status = await rig.finished(id, 120_000);
      const memory = probe.stop();
      const written = server.exchanges.at(-1)!.bodyBytes;
      expect(written).toBe(6 + mb * MiB);
      expect(status).toMatchObject({ state: 'closed', events: 0, error: null });
      const codes = warningCodes(rig.ui, id);
      expect(codes).toContain('line-too-long');
      expect(codes).toContain('incomplete-event');
      const lineWarning = rig.ui.problems.find(
        (e) => e.record.kind === 'warning' && e.record.code === 'line-too-long',
      )!.record;
      expect(lineWarning).toMatchObject({ offset: 0, source: 'parser' });
      expect((lineWarning as { message: string }).message).toContain(
        `${DEFAULT_MAX_LINE_BYTES} bytes`,
      );
      const { chunks } = expectAllBytesKept(rig, id, written);
      expectBounded(memory);
      report(`endless line ${path} ${mb} MiB`, {
        livePeak: mib(memory.peak),
        checkpoints: memory.checkpoints,
        retained: mib(memory.retained),
        chunks,
      });
      await finishAndCheckSession(rig, id, { bytes: written, chunks, events: 0 });
    },
    180_000,
  );
});

const hugeMb = FULL ? 1024 : 256;

describe(`a ${hugeMb} MiB event (1 GiB with HOSTILE_FULL=1)`, () => {
  it('made of one data line: warns line-too-long, drops only that line, records every byte', async () => {
    const rig = createRig();
    const probe = new LiveMemoryProbe(rig);
    const id = rig.connect(`${server.url}/huge-event?mb=${hugeMb}&shape=line`);
    const status = await rig.finished(id, 300_000);
    const memory = probe.stop();
    const written = server.exchanges.at(-1)!.bodyBytes;
    expect(written).toBe(6 + hugeMb * MiB + 1 + '\ndata: after\n\n'.length);
    // The block's only data line was over the line limit: no data, so no event (a warning and
    // the raw bytes show what happened); the stream goes on with the next event.
    expect(status).toMatchObject({ state: 'closed', events: 1, error: null });
    expect(warningCodes(rig.ui, id)).toEqual(['line-too-long', 'reconnect-limit']);
    const events = rig.timeline(id).filter((e) => e.record.kind === 'event');
    expect(events.map((e) => (e.record as { data: string }).data)).toEqual(['after']);
    const { chunks } = expectAllBytesKept(rig, id, written);
    expectBounded(memory);
    report(`huge event, one line, ${hugeMb} MiB`, {
      livePeak: mib(memory.peak),
      checkpoints: memory.checkpoints,
      chunks,
    });
    await finishAndCheckSession(rig, id, { bytes: written, chunks, events: 1 });
  }, 300_000);

  it('made of 1 KiB data lines: warns event-too-large and shows the event cut at the limit', async () => {
    const rig = createRig();
    const probe = new LiveMemoryProbe(rig);
    const id = rig.connect(`${server.url}/huge-event?mb=${hugeMb}&shape=lines`);
    const status = await rig.finished(id, 300_000);
    const memory = probe.stop();
    const written = server.exchanges.at(-1)!.bodyBytes;
    expect(written).toBe(hugeMb * MiB + '\ndata: after\n\n'.length);
    expect(status).toMatchObject({ state: 'closed', events: 2, error: null });
    expect(warningCodes(rig.ui, id)).toEqual(['event-too-large', 'reconnect-limit']);
    // The timeline gets a preview; the full (cut) event is in the workspace.
    const previews = rig.timeline(id).filter((e) => e.record.kind === 'event');
    expect(previews[0]!.record).toMatchObject({ truncated: true, start: 0 });
    // Lines are kept while the block's line bytes (terminators excluded) stay within the limit.
    const keptLines = Math.floor(DEFAULT_MAX_EVENT_BYTES / 1023);
    const huge = rig.core.getEvent(id, 0)!;
    expect(huge.data.length).toBe(keptLines * 1017 + keptLines - 1);
    expect(huge.end).toBe(hugeMb * MiB + 1);
    expect(rig.core.getEvent(id, 1)!.data).toBe('after');
    const { chunks } = expectAllBytesKept(rig, id, written);
    expectBounded(memory);
    report(`huge event, 1 KiB lines, ${hugeMb} MiB`, {
      livePeak: mib(memory.peak),
      checkpoints: memory.checkpoints,
      chunks,
    });
    await finishAndCheckSession(rig, id, { bytes: written, chunks, events: 2 });
  }, 300_000);
});

describe('huge comments', () => {
  it('records every byte; the UI gets each comment cut to a preview with its full length', async () => {
    const rig = createRig();
    rig.measurePushes = true;
    const probe = new LiveMemoryProbe(rig);
    const count = 8;
    const mb = 4;
    const id = rig.connect(`${server.url}/huge-comments?count=${count}&mb=${mb}`);
    const status = await rig.finished(id, 120_000);
    const memory = probe.stop();
    const written = server.exchanges.at(-1)!.bodyBytes;
    expect(written).toBe(count * (mb * MiB + 2) + 'data: after\n\n'.length);
    expect(status).toMatchObject({ state: 'closed', events: 1, error: null });
    const comments = rig.timeline(id).filter((e) => e.record.kind === 'comment');
    expect(comments).toHaveLength(count);
    for (const { record } of comments) {
      expect(record).toMatchObject({ truncated: true, textLength: mb * MiB });
      expect(record.kind === 'comment' && record.text.length).toBe(2048);
    }
    // No push carried a comment whole (together they are 32 MiB).
    expect(rig.ui.largestPush).toBeLessThan(256 * 1024);
    const { chunks } = expectAllBytesKept(rig, id, written);
    expectBounded(memory);
    report(`huge comments, ${count} × ${mb} MiB`, {
      largestPush: rig.ui.largestPush,
      livePeak: mib(memory.peak),
      checkpoints: memory.checkpoints,
      chunks,
    });
    await finishAndCheckSession(rig, id, { bytes: written, chunks, events: 1 });
  }, 120_000);
});

const bombMb = FULL ? 1088 : 256;
const bombLines = (FULL ? 72 : 16) * 1024 * 1024;

describe(`compression bombs (${bombMb} MiB decoded; over 1 GiB with HOSTILE_FULL=1)`, () => {
  it('streams a gzip body of one endless line through the parser limits', async () => {
    const rig = createRig();
    const probe = new LiveMemoryProbe(rig);
    const id = rig.connect(`${server.url}/gzip-bomb?mb=${bombMb}`);
    const status = await rig.finished(id, 300_000);
    const memory = probe.stop();
    const compressed = server.exchanges.at(-1)!.bodyBytes;
    const decoded = gzipBombDecodedBytes(bombMb);
    expect(compressed).toBeLessThan(decoded / 500);
    expect(status).toMatchObject({ state: 'closed', events: 1, error: null });
    const codes = warningCodes(rig.ui, id);
    expect(codes).toEqual(['content-encoding', 'line-too-long', 'reconnect-limit']);
    const ratio = rig.ui.problems.find(
      (e) => e.record.kind === 'warning' && e.record.code === 'content-encoding',
    )!.record as { message: string };
    expect(ratio.message).toMatch(/compression bomb/);
    const { chunks } = expectAllBytesKept(rig, id, decoded);
    // Decoded in zlib's 16 KiB blocks, never as one buffer.
    expect(chunks).toBeGreaterThan(decoded / (64 * 1024));
    expectBounded(memory);
    report(`gzip bomb, one line, ${bombMb} MiB from ${mib(compressed)}`, {
      livePeak: mib(memory.peak),
      checkpoints: memory.checkpoints,
      chunks,
    });
    await finishAndCheckSession(rig, id, { bytes: decoded, chunks, events: 1 });
  }, 300_000);

  it('streams a gzip body of endless data lines through the event limit', async () => {
    const rig = createRig();
    const probe = new LiveMemoryProbe(rig);
    const id = rig.connect(`${server.url}/gzip-lines?count=${bombLines}`);
    const status = await rig.finished(id, 300_000);
    const memory = probe.stop();
    const compressed = server.exchanges.at(-1)!.bodyBytes;
    const decoded = gzipLinesDecodedBytes(bombLines);
    expect(status).toMatchObject({ state: 'closed', events: 2, error: null });
    expect(warningCodes(rig.ui, id)).toEqual([
      'content-encoding',
      'event-too-large',
      'reconnect-limit',
    ]);
    expect(rig.core.getEvent(id, 0)!.data.length).toBeLessThanOrEqual(DEFAULT_MAX_EVENT_BYTES);
    expect(rig.core.getEvent(id, 1)!.data).toBe('after');
    const { chunks } = expectAllBytesKept(rig, id, decoded);
    expectBounded(memory);
    report(`gzip bomb, data lines, ${mib(decoded)} from ${mib(compressed)}`, {
      livePeak: mib(memory.peak),
      checkpoints: memory.checkpoints,
      chunks,
    });
    await finishAndCheckSession(rig, id, { bytes: decoded, chunks, events: 2 });
  }, 300_000);
});
