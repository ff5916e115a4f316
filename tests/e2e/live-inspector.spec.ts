import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { headerValue } from '../fixtures/sse-fixture-server.ts';
import { connect, fixtureServerForFile, row, rows } from './inspector-page.ts';
import { expect, test } from './web-host-fixture.ts';

const fixture = fixtureServerForFile();

/** The timeline rows that intersect its viewport, top to bottom: data, seq, where each is drawn. */
const rowsOnScreen = (page: Page) =>
  page.getByTestId('timeline-scroll').evaluate((element) => {
    const box = element.getBoundingClientRect();
    return [...element.querySelectorAll('.timeline-row')]
      .map((row) => ({
        data: row.querySelector('.cell-data')?.textContent ?? '',
        seq: Number(row.getAttribute('data-seq')),
        top: row.getBoundingClientRect().top - box.top,
        bottom: row.getBoundingClientRect().bottom - box.top,
        height: element.clientHeight,
      }))
      .filter((row) => row.bottom > 0 && row.top < row.height)
      .sort((a, b) => a.top - b.top);
  });
type OnScreen = Awaited<ReturnType<typeof rowsOnScreen>>;

/** Rows one under another from the top of the viewport to its bottom: no gap, no overlap. */
function expectContiguous(shown: OnScreen) {
  expect(shown.length).toBeGreaterThan(10);
  expect(shown[0]!.top).toBeLessThanOrEqual(0.5);
  expect(shown.at(-1)!.bottom).toBeGreaterThanOrEqual(shown[0]!.height - 0.5);
  for (let i = 1; i < shown.length; i++) {
    expect(Math.abs(shown[i]!.top - shown[i - 1]!.bottom)).toBeLessThan(0.5);
  }
}

/** The numbers in the rows' data (flood events), checked consecutive. */
function numbersOf(shown: OnScreen) {
  const numbers = shown.map((row) => Number(row.data));
  for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1]! + 1);
  return numbers;
}

/** The raw view's chunks that intersect its viewport, top to bottom: header and where drawn. */
const chunksOnScreen = (page: Page) =>
  page
    .getByTestId('raw-view')
    .locator('.raw-scroll')
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return [...element.querySelectorAll('.raw-chunk')]
        .map((chunk) => ({
          header: chunk.querySelector('.raw-chunk-header')?.textContent ?? '',
          top: chunk.getBoundingClientRect().top - box.top,
          bottom: chunk.getBoundingClientRect().bottom - box.top,
          height: element.clientHeight,
        }))
        .filter((chunk) => chunk.bottom > 0 && chunk.top < chunk.height)
        .sort((a, b) => a.top - b.top);
    });

/** Chunks one under another over the whole viewport: no gap, no overlap. */
function expectChunksContiguous(shown: Awaited<ReturnType<typeof chunksOnScreen>>) {
  expect(shown.length).toBeGreaterThan(0);
  expect(shown[0]!.top).toBeLessThanOrEqual(0.5);
  expect(shown.at(-1)!.bottom).toBeGreaterThanOrEqual(shown[0]!.height - 0.5);
  for (let i = 1; i < shown.length; i++) {
    expect(Math.abs(shown[i]!.top - shown[i - 1]!.bottom)).toBeLessThan(0.5);
  }
}

test.describe('live inspector (web host)', () => {
  test('shows events live with their lifecycle rows and the response in the status strip', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=12&interval=40&hold=1`);
    await expect(page.getByTestId('status-code')).toContainText('200');
    // Events arrive one by one: the count grows while the stream is still open.
    await expect(row(page, 'tick 3')).toBeVisible();
    await expect(page.getByTestId('status-events')).toHaveText('12');
    await expect(row(page, 'tick 12')).toBeVisible();
    await expect(page.locator('.timeline-row[data-kind="attempt"]').first()).toContainText(
      'Attempt #1',
    );
    await expect(page.locator('.timeline-row[data-kind="response"]').first()).toContainText(
      '200 OK · text/event-stream',
    );
    await page.screenshot({ path: 'test-results/screenshots/live-timeline.png' });
  });

  test('selecting an event shows its detail and highlights its bytes in the raw view', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=5&interval=5&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('5');
    await row(page, 'tick 3').click();
    const detail = page.getByTestId('event-detail');
    await expect(detail).toContainText('Event “message”');
    await expect(detail.getByTestId('detail-data-text')).toHaveText('tick 3');
    await expect(detail.getByTestId('detail-byte-range')).toContainText('bytes');
    const highlighted = page.getByTestId('raw-view').locator('.raw-line.highlighted');
    await expect(highlighted.first()).toContainText('id: 3');
    await expect(highlighted.nth(1)).toContainText('data: tick 3');
    // Clicking bytes of another event selects that event.
    await page.getByTestId('raw-view').locator('.raw-line', { hasText: 'data: tick 5' }).click();
    await expect(detail.getByTestId('detail-data-text')).toHaveText('tick 5');
    await page.screenshot({ path: 'test-results/screenshots/event-detail-raw.png' });
  });

  test('shows markup and script from the stream as text, never as HTML', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/markup`);
    await expect(page.getByTestId('status-events')).toHaveText('2');
    const markup = '<img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script>';
    const event = row(page, markup);
    await expect(event).toBeVisible();
    await expect(event.locator('.cell-type')).toHaveText('<b>bold</b>');
    await expect(event.locator('.cell-id')).toHaveText('<i>7</i>');
    await expect(
      page.locator('.timeline-row[data-kind="comment"]').filter({ hasText: '<img src=x' }),
    ).toBeVisible();
    await event.click();
    await expect(page.getByTestId('detail-data-text')).toHaveText(markup);
    await row(page, '{"html":"<svg onload=window.__pwned=4>"}').click();
    // JSON data shows as a tree of text too.
    await expect(page.getByTestId('event-detail')).toContainText('<svg onload=window.__pwned=4>');
    await expect(page.getByTestId('raw-view')).toContainText('<img src=x onerror=');
    // Nothing from the stream became an element, and no script ran.
    const injected = page.locator(
      '[data-testid=timeline] :is(img, b, i, svg, script), [data-testid=event-detail] :is(img, svg, script), [data-testid=raw-view] :is(img, svg, script)',
    );
    await expect(injected).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  test('filters by text and regex with a match count', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=20&interval=0&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('20');
    const search = page.getByRole('searchbox', { name: 'Search timeline' });
    await search.fill('tick 1');
    // tick 1 and tick 10–19
    await expect(page.getByTestId('match-count')).toContainText('11 of');
    await page.getByTitle('Treat the search as a regular expression').check();
    await search.fill('^tick (2|20)$');
    await expect(page.getByTestId('match-count')).toContainText('2 of');
    await search.fill('(');
    await expect(page.getByTestId('match-count')).toContainText('Invalid pattern');
  });

  test('reconnects after the server closes, sending the Last-Event-ID', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    // Attempt 1 sends events 1–3 and closes; attempt 2 resumes with 4–6 and stays open
    // (last=6), so the timeline stops growing and every row below can be waited for.
    await connect(page, `${fixture().url}/resume?count=3&interval=5&retry=300&last=6`);
    // What went over the wire, as the fixture server saw it.
    const sentIds = () =>
      fixture()
        .requests()
        .filter((r) => r.url.includes('last=6'))
        .map((r) => headerValue(r, 'last-event-id') ?? null);
    await expect.poll(sentIds).toEqual([null, '3']);
    await expect(page.getByTestId('status-events')).toHaveText('6');
    await expect(page.getByTestId('status-attempt')).toHaveText('2');
    await expect(page.locator('.timeline-row[data-kind="reconnect"]')).toContainText(
      'Last-Event-ID: 3',
    );
    await expect(page.locator('.timeline-row[data-kind="attempt"]').nth(1)).toContainText(
      'Last-Event-ID: 3',
    );
    // The server continued after id 3.
    await expect(row(page, 'event 4')).toBeVisible();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByTestId('status-state')).toHaveText('closed');
    expect(sentIds()).toEqual([null, '3']);
  });

  test('shows two connections at once, each with its own timeline', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=3&interval=5&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('3');
    await connect(page, `${fixture().url}/llm/openai`);
    await expect(page.getByTestId('connection-item')).toHaveCount(2);
    await expect(row(page, '[DONE]')).toBeVisible();
    await page.getByTestId('connection-item').first().click();
    await expect(row(page, 'tick 2')).toBeVisible();
    await expect(rows(page).filter({ hasText: '[DONE]' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/two-connections.png' });
  });

  test('a reloaded window shows everything captured so far and keeps following', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    // The stream waits before event 20 until the window has reloaded, so the reloaded
    // window is known to follow a stream still in progress.
    const gate = `reload-${randomUUID()}`;
    await connect(page, `${fixture().url}/drip?count=40&interval=20&hold=1&gate=${gate}&gateAt=20`);
    await expect(row(page, 'tick 5')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('connection-item')).toHaveCount(1);
    await expect(page.locator('.timeline-row[data-kind="attempt"]')).toBeVisible();
    await expect(row(page, 'tick 19')).toBeVisible();
    fixture().release(gate);
    await expect(page.getByTestId('status-events')).toHaveText('40');
    await expect(row(page, 'tick 40')).toBeVisible();
    // Every event once: 1 attempt + 1 response + 40 events.
    await expect(page.getByTestId('match-count')).toHaveText('42 rows');
  });

  test('moves the selection with the arrow keys', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/drip?count=5&interval=0&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('5');
    await row(page, 'tick 2').click();
    await page.getByTestId('timeline-scroll').press('ArrowDown');
    await expect(page.getByTestId('detail-data-text')).toHaveText('tick 3');
    await page.getByTestId('timeline-scroll').press('ArrowUp');
    await page.getByTestId('timeline-scroll').press('ArrowUp');
    await expect(page.getByTestId('detail-data-text')).toHaveText('tick 1');
    await page.getByTestId('timeline-scroll').press('End');
    await expect(page.locator('.timeline-row.selected')).toContainText('tick 5');
  });

  test('pausing the view holds new rows while capture goes on', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    // The stream waits before event 3 until the view is paused: rows that come after are
    // known to arrive while it is paused.
    const gate = `pause-${randomUUID()}`;
    await connect(page, `${fixture().url}/drip?count=100&interval=10&hold=1&gate=${gate}&gateAt=3`);
    await expect(row(page, 'tick 2')).toBeVisible();
    await page.getByRole('button', { name: 'Pause view' }).click();
    const held = page.getByRole('button', { name: /Resume view \(\d+ held\)/ });
    await expect(held).toBeVisible();
    fixture().release(gate);
    // Capture goes on: the held count grows while the rows shown stay the same.
    await expect(held).not.toHaveText('Resume view (0 held)');
    await expect(page.getByTestId('status-events')).toHaveText('100');
    await expect(row(page, 'tick 3')).toHaveCount(0);
    await expect(row(page, 'tick 100')).toHaveCount(0);
    await held.click();
    await expect(row(page, 'tick 100')).toBeVisible();
  });

  test('lists stream warnings and links each to its bytes', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/invalid-utf8`);
    await expect(page.getByTestId('status-warnings')).not.toHaveText('0');
    await page.getByRole('tab', { name: /Warnings/ }).click();
    const panel = page.getByTestId('warnings-panel');
    await expect(panel).toContainText('invalid-utf8');
    await panel
      .getByRole('button', { name: /invalid-utf8/ })
      .first()
      .click();
    await expect(page.getByTestId('event-detail')).toContainText('Byte offset');
    await page.getByRole('tab', { name: 'Raw bytes' }).click();
    await expect(page.getByTestId('raw-view').locator('.raw-line.highlighted')).toContainText(
      'data: a',
    );
  });

  test('drives the reconnect controls: next Last-Event-ID, drop, pause and resume', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/resume?count=3&interval=5&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('3');
    await page.getByRole('button', { name: /Reconnect policy/ }).click();
    await page.getByRole('combobox', { name: 'Reconnect delay' }).selectOption('fixed');
    await page.getByRole('textbox', { name: 'Fixed delay' }).fill('200');
    await page.getByRole('textbox', { name: 'Fixed delay' }).blur();
    await expect(
      page.getByRole('button', { name: /Reconnect policy: fixed 200 ms/ }),
    ).toBeVisible();
    await page.getByRole('textbox', { name: 'Next Last-Event-ID' }).fill('100');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await expect(page.getByTestId('status-last-event-id')).toHaveText('100');
    await page.getByRole('button', { name: 'Drop connection' }).click();
    await expect(page.locator('.timeline-row[data-kind="attempt"]').nth(1)).toContainText(
      'Last-Event-ID: 100',
    );
    await expect(row(page, 'event 101')).toBeVisible();
    // Paused: a drop is not followed by a new attempt until resumed.
    await page.getByRole('button', { name: 'Pause auto-reconnect' }).click();
    await page.getByRole('button', { name: 'Drop connection' }).click();
    await expect(page.getByTestId('status-state')).toContainText('paused');
    await page.getByRole('button', { name: 'Resume auto-reconnect' }).click();
    await expect(page.getByTestId('status-attempt')).toHaveText('3');
    await expect(page.getByTestId('status-state')).toHaveText('open');
  });

  test('explains a refused connection in place', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, 'http://127.0.0.1:1/events');
    await expect(page.getByTestId('status-strip')).toContainText('refused');
    await expect(page.locator('.timeline-row[data-kind="error"]').first()).toContainText('refused');
  });

  test('stays where the user scrolled while a fast stream keeps coming', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    // 1,000 events a second (30 times the pushes a second) for ten minutes: still streaming
    // whatever the machine's speed (the test disconnects when done).
    await connect(page, `${fixture().url}/ticks?count=600000&rate=1000&hold=1`);
    const events = async () =>
      Number(((await page.getByTestId('status-events').textContent()) ?? '').replace(/,/g, ''));
    await expect.poll(events).toBeGreaterThanOrEqual(1000);
    const scroll = page.getByTestId('timeline-scroll');
    // Back to an early row, as a user reads back while events arrive.
    await scroll.evaluate((element) => element.scrollTo({ top: 24 * 1000 }));
    const pill = page.getByRole('button', { name: /new ↓/ });
    await expect(pill).toBeVisible();
    const seqs = async () =>
      Number(
        await page.locator('.timeline-row[data-kind="event"]').first().getAttribute('data-seq'),
      );
    const before = await seqs();
    const eventsBefore = await events();
    // Still reading the same rows after 1,000 more events have been shown.
    await expect.poll(events).toBeGreaterThanOrEqual(eventsBefore + 1000);
    expect(await seqs()).toBe(before);
    await pill.click();
    await expect(pill).toBeHidden();
    await expect.poll(seqs).toBeGreaterThan(before + 1000);
    await page.getByRole('button', { name: 'Disconnect' }).click();
  });

  test('opens another connection at the tail of its timeline', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/flood?count=3000&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('3,000');
    await connect(page, `${fixture().url}/drip?count=2&interval=0&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('2');
    await page.getByTestId('connection-item').first().click();
    await expect(page.getByTestId('status-events')).toHaveText('3,000');
    await expect(row(page, '2999')).toBeVisible();
    await expect(page.getByRole('button', { name: /new ↓/ })).toBeHidden();
  });

  test('keeps 10,000 events scrollable', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/flood?count=10000&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('10,000');
    const scroll = page.getByTestId('timeline-scroll');
    await expect(rows(page).last()).toBeVisible();
    await scroll.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(page.locator('.timeline-row[data-kind="attempt"]')).toBeVisible();
    await expect(page.getByRole('button', { name: /new ↓/ })).toBeHidden();
    await scroll.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
    await expect(rows(page).first()).toBeVisible();
    // Only a window of rows is in the DOM.
    expect(await rows(page).count()).toBeLessThan(200);
  });

  test('keeps 1,500,000 events scrollable, past the height a browser lets an element be', async ({
    page,
    webHost,
  }) => {
    // 36,000,000 px of rows: beyond Chromium's cap on an element's height (about 33,554,400 px).
    test.setTimeout(300_000);
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/flood?count=1500000&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('1,500,000', { timeout: 240_000 });
    const scroll = page.getByTestId('timeline-scroll');
    const onScreen = () => rowsOnScreen(page);
    // At the tail: the last event, in full, at the bottom.
    const last = row(page, '1499999');
    await expect(last).toBeVisible();
    await expect.poll(async () => (await onScreen()).at(-1)?.data).toBe('1499999');
    const tail = await onScreen();
    expectContiguous(tail);
    expect(Math.abs(tail.at(-1)!.bottom - tail[0]!.height)).toBeLessThan(1);
    numbersOf(tail);
    await page.screenshot({ path: 'test-results/screenshots/timeline-1.5m.png' });
    // Only a window of rows is in the DOM.
    expect(await rows(page).count()).toBeLessThan(200);

    // The top: the lifecycle rows and the first events.
    await scroll.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(page.locator('.timeline-row[data-kind="attempt"]')).toBeVisible();
    await expect(row(page, '0')).toBeVisible();
    await expect(page.getByRole('button', { name: /new ↓/ })).toBeHidden();
    expectContiguous(await onScreen());

    // The middle: events from around the middle, rows where the viewport is.
    await scroll.evaluate((element) =>
      element.scrollTo({ top: (element.scrollHeight - element.clientHeight) / 2 }),
    );
    await expect.poll(async () => Number((await onScreen())[0]?.data)).toBeGreaterThan(740_000);
    const middle = await onScreen();
    expectContiguous(middle);
    const numbers = numbersOf(middle);
    expect(numbers[0]).toBeLessThan(760_000);
    expect(await rows(page).count()).toBeLessThan(200);
    await page.screenshot({ path: 'test-results/screenshots/timeline-1.5m-middle.png' });

    // Scrolling on from there moves on by rows, not by screens.
    await scroll.evaluate((element) => element.scrollBy({ top: 100 }));
    await expect.poll(async () => Number((await onScreen())[0]?.data)).not.toBe(numbers[0]);
    const further = numbersOf(await onScreen());
    expect(further[0]! - numbers[0]!).toBeGreaterThan(0);
    expect(further[0]! - numbers[0]!).toBeLessThan(400);

    // The keys reach both ends, each row in full.
    await row(page, String(further[3])).click();
    await scroll.press('ArrowDown');
    await expect(page.getByTestId('detail-data-text')).toHaveText(String(further[4]));
    await scroll.press('End');
    await expect(page.locator('.timeline-row.selected')).toContainText('1499999');
    await expect.poll(async () => (await onScreen()).at(-1)?.data).toBe('1499999');
    expectContiguous(await onScreen());
    await scroll.press('Home');
    await expect(page.locator('.timeline-row.selected')).toHaveAttribute('data-kind', 'attempt');
    await expect.poll(async () => (await onScreen())[0]?.top).toBe(0);
    await scroll.press('PageDown');
    await scroll.press('PageDown');
    await scroll.press('PageDown');
    // The attempt and the response, then the events: row 60 (0-based) is event 58.
    await expect(page.getByTestId('detail-data-text')).toHaveText('58');
  });

  test('stays where the user scrolled past the height cap while a stream keeps coming', async ({
    page,
    webHost,
  }) => {
    // Past 625,000 rows the scroll position stands for a place on a scale that changes with every
    // row: the place, not the position, must stay put.
    test.setTimeout(300_000);
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/ticks?count=3000000&rate=50000&hold=1`);
    const events = async () =>
      Number(((await page.getByTestId('status-events').textContent()) ?? '').replace(/,/g, ''));
    await expect.poll(events, { timeout: 240_000 }).toBeGreaterThanOrEqual(700_000);
    const scroll = page.getByTestId('timeline-scroll');
    await scroll.evaluate((element) =>
      element.scrollTo({ top: (element.scrollHeight - element.clientHeight) / 3 }),
    );
    const pill = page.getByRole('button', { name: /new ↓/ });
    await expect(pill).toBeVisible();
    const before = await rowsOnScreen(page);
    expectContiguous(before);
    expect(before[0]!.seq).toBeGreaterThan(100_000);
    const eventsBefore = await events();
    // Still reading the same rows, drawn at the same place, after 20,000 more events.
    await expect.poll(events, { timeout: 120_000 }).toBeGreaterThanOrEqual(eventsBefore + 20_000);
    const after = await rowsOnScreen(page);
    expect(after.map(({ seq, top }) => [seq, top])).toEqual(
      before.map(({ seq, top }) => [seq, top]),
    );
    await pill.click();
    await expect(pill).toBeHidden();
    await expect
      .poll(async () => (await rowsOnScreen(page)).at(-1)!.seq)
      .toBeGreaterThan(eventsBefore + 20_000);
    expectContiguous(await rowsOnScreen(page));
    await page.getByRole('button', { name: 'Disconnect' }).click();
  });

  test('scrolls the raw bytes of thousands of large chunks to the last, past the height cap', async ({
    page,
    webHost,
  }) => {
    // 10,000 chunks of 3.7 KiB (an event of 250 lines each), each drawn about 4,100 px tall: some
    // 41,000,000 px, beyond Chromium's cap on an element's height (about 33,554,400 px).
    test.setTimeout(180_000);
    await page.goto(webHost.url);
    await connect(page, `${fixture().url}/chunks?count=10000&lines=250&hold=1`);
    await expect(page.getByTestId('status-events')).toHaveText('10,000', { timeout: 120_000 });
    const raw = page.getByTestId('raw-view');
    const scroll = raw.locator('.raw-scroll');
    const chunkCount = async () =>
      Number(
        /([\d,]+) chunks/
          .exec((await raw.locator('.raw-toolbar').textContent()) ?? '')?.[1]
          ?.replace(/,/g, ''),
      );
    // Each event its own chunk, or nearly (a busy receiver may read two writes at once).
    await expect.poll(chunkCount).toBeGreaterThan(8_000);
    // The spacer is capped: the scroll range stands for the chunks on a scale.
    await expect.poll(() => scroll.evaluate((element) => element.scrollHeight)).toBe(15_000_000);

    // The top: the first chunk, bytes and all.
    await expect(raw.locator('.raw-line', { hasText: 'data: 0.0' })).toBeInViewport();
    expectChunksContiguous(await chunksOnScreen(page));

    // The bottom of the scroll range: the last chunk's last bytes at the bottom of the view.
    // Measuring the chunks drawn there can lengthen them past their estimates: scroll down
    // again until the end stays put.
    const lastLine = raw.locator('.raw-line', { hasText: 'data: 9999.249' });
    await expect(async () => {
      await scroll.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      // A receiver that read two events at once shows the second's end behind this button.
      const more = raw
        .locator('.raw-chunk')
        .last()
        .getByRole('button', { name: /more bytes/ });
      if (await more.isVisible()) await more.click();
      await expect(lastLine).toBeInViewport({ timeout: 1_000 });
      const shown = await chunksOnScreen(page);
      expect(Math.abs(shown.at(-1)!.bottom - shown.at(-1)!.height)).toBeLessThan(1);
    }).toPass({ timeout: 30_000 });
    expectChunksContiguous(await chunksOnScreen(page));
    await page.screenshot({ path: 'test-results/screenshots/raw-view-tall.png' });

    // The middle: chunks from around the middle, bytes shown.
    await scroll.evaluate((element) =>
      element.scrollTo({ top: (element.scrollHeight - element.clientHeight) / 2 }),
    );
    await expect(
      raw.locator('.raw-line', { hasText: /^data: (49|50)\d\d\.\d+/ }).first(),
    ).toBeInViewport();
    expectChunksContiguous(await chunksOnScreen(page));

    // From the top, selecting the last event in the timeline shows its bytes, highlighted.
    await scroll.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(raw.locator('.raw-line', { hasText: 'data: 0.0' })).toBeInViewport();
    await page.getByTestId('timeline-scroll').click();
    await page.getByTestId('timeline-scroll').press('End');
    await expect(page.getByTestId('detail-data-text')).toContainText('9999.249');
    const highlighted = raw.locator('.raw-line.highlighted');
    await expect(highlighted.first()).toHaveText(/^id: 9999/);
    await expect(highlighted.first()).toBeInViewport();
    expectChunksContiguous(await chunksOnScreen(page));
    await page.screenshot({ path: 'test-results/screenshots/raw-view-tall-selected.png' });
    // The event before: its chunk goes to the top, highlighted.
    await page.getByTestId('timeline-scroll').press('ArrowUp');
    await expect(highlighted.first()).toHaveText(/^id: 9998/);
    await expect(highlighted.first()).toBeInViewport();
    // Clicking the last event's bytes, at the bottom, selects it again.
    await scroll.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(lastLine).toBeInViewport();
    await lastLine.click();
    await expect(page.getByTestId('detail-data-text')).toContainText('9999.249');
    await expect(page.locator('.timeline-row.selected')).toContainText('9999');
  });
});
