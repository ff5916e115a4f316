// The renderer under load, in headless Chromium against the web host (`cli web`): a fast stream
// (events shown vs sent, frame times against the same page idle), optionally many streams at
// once, and the renderer's JS heap after a flood of a million events.
// Run alone: node --experimental-strip-types bench/ui.bench.ts   (needs a built renderer)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { percentile } from './lib/report.ts';
import {
  projectRoot,
  startFixtureProcess,
  startWebHostProcess,
  type ChildServer,
} from './lib/processes.ts';

export interface UiBenchOptions {
  fixtureUrl?: string;
  /** Fast stream: events per second and seconds (default 50,000/s for 10 s, issue 21). */
  rate?: number;
  seconds?: number;
  /** Events of the flood run measured for heap (default 1,000,000; 0 skips it). */
  floodEvents?: number;
  /** Many-streams run: streams × streamRate events/s for streamSeconds (0 streams skips it). */
  streams?: number;
  streamRate?: number;
  streamSeconds?: number;
}

export interface FrameStats {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Frames (rAF intervals) longer than 50 ms. */
  longFrames: number;
  /** Long tasks (> 50 ms main-thread work) the browser reported, and their total time. */
  longTasks: number;
  longTaskMs: number;
  /** Long animation frames (> 50 ms) the browser reported, when it supports them. */
  longAnimationFrames: number | null;
}

export interface UiBenchResult {
  rate: number;
  seconds: number;
  sent: number;
  /** `[data-testid=status-events]` after the stream. */
  statusEvents: number;
  /** `aria-rowcount` of the Events table (events and lifecycle rows). */
  tableRows: number;
  /** The last event row at the bottom of the timeline: its data and seq. */
  lastRowData: string | null;
  lastRowSeq: number | null;
  /** Seconds from connect until the status strip showed every event. */
  catchUpSeconds: number;
  idle: FrameStats;
  load: FrameStats;
  heapAfterStreamMiB: number;
  streams: {
    streams: number;
    sentPerStream: number;
    complete: number;
    /** Event counts the connections list showed at the end. */
    counts: number[];
    /** Seconds from the first connect until every count was complete (or the wait ended). */
    seconds: number;
    /** Longest time from pressing Enter until the connection appeared in the list. */
    slowestConnectMs: number;
    frames: FrameStats;
  } | null;
  flood: {
    events: number;
    shown: number;
    seconds: number;
    frames: FrameStats;
    heapBeforeMiB: number;
    heapAfterMiB: number;
  } | null;
}

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Injected before the app loads: rAF interval recorder plus long-task observers. */
const frameRecorderScript = `
(() => {
  const bench = { recording: false, frames: [], longTasks: [], loaf: 0, loafSupported: false };
  window.__bench = bench;
  let last = 0;
  const tick = (t) => {
    if (bench.recording && last !== 0) bench.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      if (bench.recording) for (const e of list.getEntries()) bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      if (bench.recording) bench.loaf += list.getEntries().length;
    }).observe({ type: 'long-animation-frame' });
    bench.loafSupported = true;
  } catch {}
})();
`;

interface RawFrames {
  frames: number[];
  longTasks: number[];
  loaf: number;
  loafSupported: boolean;
}

async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench = (window as unknown as { __bench: RawFrames & { recording: boolean } }).__bench;
    bench.frames = [];
    bench.longTasks = [];
    bench.loaf = 0;
    bench.recording = true;
  });
}

async function stopRecording(page: Page): Promise<FrameStats> {
  const raw = await page.evaluate(() => {
    const bench = (window as unknown as { __bench: RawFrames & { recording: boolean } }).__bench;
    bench.recording = false;
    return {
      frames: bench.frames,
      longTasks: bench.longTasks,
      loaf: bench.loaf,
      loafSupported: bench.loafSupported,
    };
  });
  return {
    frames: raw.frames.length,
    p50Ms: percentile(raw.frames, 50),
    p95Ms: percentile(raw.frames, 95),
    maxMs: raw.frames.length === 0 ? NaN : Math.max(...raw.frames),
    longFrames: raw.frames.filter((ms) => ms > 50).length,
    longTasks: raw.longTasks.length,
    longTaskMs: raw.longTasks.reduce((sum, ms) => sum + ms, 0),
    longAnimationFrames: raw.loafSupported ? raw.loaf : null,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A page on a web host of its own (fresh workspace), so no phase sees another's connections. */
async function openInspector(
  browser: Browser,
  dir: string,
  name: string,
  openHosts: Set<ChildServer>,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const host = await startWebHostProcess(join(dir, `${name}.db`));
  openHosts.add(host); // closed by runUiBench even when the phase fails
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  await context.addInitScript(frameRecorderScript);
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'URL' }).waitFor();
  return {
    page,
    close: async () => {
      await context.close();
      await host.close();
      openHosts.delete(host);
    },
  };
}

async function connect(page: Page, url: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'URL' });
  await field.fill(url);
  await field.press('Enter');
}

/** The status strip's event count (digits of the toLocaleString text). */
async function statusEvents(page: Page): Promise<number> {
  const text = (await page.getByTestId('status-events').textContent({ timeout: 1000 })) ?? '';
  const digits = text.replace(/\D/g, '');
  return digits === '' ? 0 : Number(digits);
}

/**
 * Waits until the status strip shows `count` events, or until it has not moved for `stallMs`
 * (a dead server, a stuck pipeline) or `timeoutMs` passed; resolves with the seconds it took.
 */
async function waitForEvents(
  page: Page,
  count: number,
  timeoutMs: number,
  stallMs = 30_000,
): Promise<number> {
  const started = performance.now();
  let last = -1;
  let lastChange = started;
  while (performance.now() - started < timeoutMs) {
    const shown = await statusEvents(page).catch(() => 0);
    if (shown >= count) break;
    if (shown !== last) {
      last = shown;
      lastChange = performance.now();
    } else if (performance.now() - lastChange > stallMs) {
      break;
    }
    await sleep(100);
  }
  return (performance.now() - started) / 1000;
}

/** Garbage-collects, then reads the JS heap in use (CDP), in MiB. */
async function usedHeapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

export async function runUiBench(options: UiBenchOptions = {}): Promise<UiBenchResult> {
  const rendererIndex = join(projectRoot, 'dist/renderer/index.html');
  if (!existsSync(rendererIndex)) {
    throw new Error('no built renderer in dist/renderer: run "npx vite build" first');
  }
  const rate = options.rate ?? 50_000;
  const seconds = options.seconds ?? 10;
  const sent = Math.round(rate * seconds);
  const floodEvents = options.floodEvents ?? 1_000_000;
  const streamCount = options.streams ?? 20;
  const streamRate = options.streamRate ?? 1000;
  const streamSeconds = options.streamSeconds ?? 15;

  const fixture = options.fixtureUrl === undefined ? await startFixtureProcess() : null;
  const baseUrl = options.fixtureUrl ?? fixture!.url;
  const dir = mkdtempSync(join(tmpdir(), 'sse-bench-ui-'));
  const openHosts = new Set<ChildServer>();
  const browser = await chromium.launch({
    headless: true,
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: chromiumArgs,
  });
  try {
    // 1. The fast stream, with the same page idle for the same time as the reference.
    const first = await openInspector(browser, dir, 'stream', openHosts);
    const page = first.page;
    await sleep(1000);
    await startRecording(page);
    await sleep(seconds * 1000);
    const idle = await stopRecording(page);
    await startRecording(page);
    await connect(page, `${baseUrl}/ticks?count=${sent}&rate=${rate}&hold=1`);
    const catchUpSeconds = await waitForEvents(page, sent, seconds * 1000 + 120_000);
    const load = await stopRecording(page);
    await sleep(500);
    const shown = await statusEvents(page);
    const table = page.locator('[role=grid][aria-label=Events]');
    const tableRows = Number((await table.getAttribute('aria-rowcount')) ?? 0);
    const scroll = page.getByTestId('timeline-scroll');
    await scroll.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await sleep(300);
    const lastRow = page.locator('.timeline-row[data-kind="event"]').last();
    const lastRowData = await lastRow.locator('.cell-data').textContent({ timeout: 5000 });
    const lastRowSeq = Number(await lastRow.getAttribute('data-seq'));
    const heapAfterStreamMiB = await usedHeapMiB(page);
    await first.close();

    // 2. Many streams at once (only the selected one's timeline is on screen).
    let streams: UiBenchResult['streams'] = null;
    if (streamCount > 0) {
      const phase = await openInspector(browser, dir, 'streams', openHosts);
      const many = phase.page;
      const perStream = Math.round(streamRate * streamSeconds);
      await startRecording(many);
      const items = many.getByTestId('connection-item');
      let slowestConnectMs = 0;
      for (let i = 0; i < streamCount; i++) {
        const asked = performance.now();
        await connect(many, `${baseUrl}/ticks?count=${perStream}&rate=${streamRate}&hold=1`);
        // Enter does nothing while the previous connect is in flight (its button is disabled).
        await items.nth(i).waitFor({ timeout: 120_000 });
        slowestConnectMs = Math.max(slowestConnectMs, performance.now() - asked);
      }
      const counts = async (): Promise<number[]> =>
        (await items.locator('.connection-meta').allTextContents()).map((text) =>
          Number(/^[^\d]*([\d,]+) ev/.exec(text)?.[1]?.replace(/,/g, '') ?? 0),
        );
      const started = performance.now();
      let latest: number[] = [];
      while (performance.now() - started < streamSeconds * 1000 + 60_000) {
        latest = await counts();
        if (latest.length >= streamCount && latest.every((n) => n >= perStream)) break;
        await sleep(250);
      }
      const seconds = (performance.now() - started) / 1000;
      const frames = await stopRecording(many);
      streams = {
        streams: streamCount,
        sentPerStream: perStream,
        complete: latest.filter((n) => n === perStream).length,
        counts: latest,
        seconds,
        slowestConnectMs,
        frames,
      };
      await phase.close();
    }

    // 3. The flood: heap after a million events.
    let flood: UiBenchResult['flood'] = null;
    if (floodEvents > 0) {
      const phase = await openInspector(browser, dir, 'flood', openHosts);
      const floodPage = phase.page;
      const heapBeforeMiB = await usedHeapMiB(floodPage);
      await startRecording(floodPage);
      await connect(floodPage, `${baseUrl}/flood?count=${floodEvents}&hold=1`);
      const floodSeconds = await waitForEvents(floodPage, floodEvents, 10 * 60_000);
      const frames = await stopRecording(floodPage);
      await sleep(500);
      const floodShown = await statusEvents(floodPage);
      const heapAfterMiB = await usedHeapMiB(floodPage);
      flood = {
        events: floodEvents,
        shown: floodShown,
        seconds: floodSeconds,
        frames,
        heapBeforeMiB,
        heapAfterMiB,
      };
      await phase.close();
    }
    return {
      rate,
      seconds,
      sent,
      statusEvents: shown,
      tableRows,
      lastRowData,
      lastRowSeq,
      catchUpSeconds,
      idle,
      load,
      heapAfterStreamMiB,
      streams,
      flood,
    };
  } finally {
    await browser.close();
    for (const host of openHosts) await host.close();
    await fixture?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seconds, floodEvents, streams] = process.argv.slice(2).map(Number);
  const options: UiBenchOptions = {};
  if (seconds !== undefined) options.seconds = seconds;
  if (floodEvents !== undefined) options.floodEvents = floodEvents;
  if (streams !== undefined) options.streams = streams;
  console.log(JSON.stringify(await runUiBench(options), null, 2));
}
