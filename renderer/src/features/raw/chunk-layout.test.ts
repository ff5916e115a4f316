import { describe, expect, it } from 'vitest';
import { maxSpacerHeight } from '../../lib/scroll-scale.ts';
import { anchorAt, chunkWindow, ChunkLayout } from './chunk-layout.ts';

const viewport = 500;

function layoutOf(sizes: number[]): ChunkLayout {
  const layout = new ChunkLayout();
  layout.sync(sizes.length, (index) => sizes[index] as number);
  return layout;
}

describe('ChunkLayout', () => {
  it('places chunks one after another, at their estimates until measured', () => {
    const layout = layoutOf([10, 20, 30]);
    expect([0, 1, 2, 3].map((i) => layout.start(i))).toEqual([0, 10, 30, 60]);
    expect(layout.total()).toBe(60);
    expect(layout.measure(1, 25)).toBe(true);
    expect(layout.measure(1, 25)).toBe(false);
    expect([0, 1, 2, 3].map((i) => layout.start(i))).toEqual([0, 10, 35, 65]);
    // Appending keeps the measured sizes; the estimate is asked for the new chunks only.
    const asked: number[] = [];
    layout.sync(5, (index) => (asked.push(index), 5));
    expect(asked).toEqual([3, 4]);
    expect(layout.total()).toBe(75);
    layout.sync(4, () => 1000);
    expect(layout.count).toBe(5);
  });

  it('grows past its first capacity', () => {
    const layout = new ChunkLayout();
    layout.sync(1000, () => 2);
    expect(layout.total()).toBe(2000);
    layout.measure(999, 4);
    layout.sync(300_000, () => 3);
    expect(layout.count).toBe(300_000);
    expect(layout.start(1000)).toBe(2002);
    expect(layout.total()).toBe(2002 + 299_000 * 3);
    expect(layout.size(999)).toBe(4);
  });

  it('finds the chunk at an offset', () => {
    const layout = layoutOf([10, 20, 30]);
    expect([0, 9.5, 10, 29, 30, 59, 60, 1000, -5].map((o) => layout.indexAt(o))).toEqual([
      0, 0, 1, 1, 2, 2, 2, 2, 0,
    ]);
    expect(new ChunkLayout().indexAt(10)).toBe(0);
  });
});

describe('chunkWindow', () => {
  it('below the cap, puts every chunk at its own start and the position at the place', () => {
    const layout = layoutOf(Array.from({ length: 100 }, () => 100));
    const window = chunkWindow(layout, { index: 10, within: 50 }, viewport, null);
    expect(window.scale.scaled).toBe(false);
    expect(window.scale.spacerHeight).toBe(10_000);
    expect(window.offset).toBe(1050);
    expect(window.scrollTop).toBe(1050);
    expect(window.shift).toBe(0);
    // The chunks that meet the viewport: 1050 to 1550.
    expect([window.first, window.last]).toEqual([10, 16]);
    // A scrolled-to position is the place.
    expect(anchorAt(layout, 1050, viewport)).toEqual({ index: 10, within: 50 });
    // The last chunks: the place is no lower than the end less a viewport.
    const end = chunkWindow(layout, { index: 99, within: 0 }, viewport, null);
    expect(end.offset).toBe(9500);
    expect([end.first, end.last]).toEqual([95, 100]);
  });

  it('keeps the place as chunks above it are measured', () => {
    const layout = layoutOf(Array.from({ length: 100 }, () => 100));
    const anchor = { index: 10, within: 50 };
    layout.measure(3, 160);
    const window = chunkWindow(layout, anchor, viewport, null);
    expect(window.offset).toBe(1110);
    expect(window.first).toBe(10);
    expect(window.shift + layout.start(10)).toBe(1060);
  });

  it('keeps a place in a chunk measured shorter than its estimate at that chunk', () => {
    const layout = layoutOf(Array.from({ length: 100 }, () => 3000));
    const anchor = { index: 10, within: 2500 };
    layout.measure(10, 40);
    const window = chunkWindow(layout, anchor, viewport, null);
    expect(window.offset).toBe(layout.start(11));
    expect(window.first).toBe(11);
    // Measuring the chunks in the window (loading, short) no longer moves the place.
    for (let i = 11; i < 30; i++) layout.measure(i, 40);
    const again = chunkWindow(layout, anchor, viewport, null);
    expect(again.offset).toBe(window.offset);
    expect([again.first, again.last]).toEqual([11, 24]);
  });

  it('past the cap, maps both ends exactly and places the chunks where the viewport is', () => {
    // 250,000 small chunks (a long stream, one event a chunk): 25,000,000 px.
    const layout = layoutOf(Array.from({ length: 250_000 }, (_, i) => (i % 2 ? 90 : 110)));
    const top = chunkWindow(layout, { index: 0, within: 0 }, viewport, null);
    expect(top.scale.scaled).toBe(true);
    expect(top.scale.spacerHeight).toBe(maxSpacerHeight);
    expect([top.scrollTop, top.offset, top.first, top.shift]).toEqual([0, 0, 0, 0]);

    // The bottom of the scroll range: the last chunk in full at the bottom of the viewport.
    const maxScrollTop = maxSpacerHeight - viewport;
    const bottomAnchor = anchorAt(layout, maxScrollTop, viewport);
    const bottom = chunkWindow(layout, bottomAnchor, viewport, maxScrollTop);
    expect(bottom.offset).toBe(25_000_000 - viewport);
    expect(bottom.last).toBe(250_000);
    const lastEnd = bottom.shift + layout.start(250_000);
    expect(lastEnd).toBe(maxScrollTop + viewport);
    expect(lastEnd).toBeLessThanOrEqual(maxSpacerHeight);

    // The middle: the chunks around the middle, drawn in the viewport.
    const middleTop = Math.round(maxScrollTop / 2);
    const middle = chunkWindow(layout, anchorAt(layout, middleTop, viewport), viewport, middleTop);
    expect(middle.first).toBeGreaterThan(124_000);
    expect(middle.first).toBeLessThan(126_000);
    expect(middle.shift + layout.start(middle.first)).toBeLessThanOrEqual(middleTop);
    expect(middle.shift + layout.start(middle.last)).toBeGreaterThanOrEqual(middleTop + viewport);
    expect(middle.last - middle.first).toBeLessThan(10);
  });

  it('past the cap, scrolls a selected chunk near the end to the top, or the end into view', () => {
    const layout = layoutOf(Array.from({ length: 10_000 }, () => 4120));
    const near = chunkWindow(layout, { index: 9_990, within: 0 }, viewport, null);
    expect(near.scale.scaled).toBe(true);
    expect(near.first).toBe(9_990);
    expect(near.shift + layout.start(9_990)).toBe(near.scrollTop);
    expect(near.scrollTop).toBeLessThanOrEqual(near.scale.maxScrollTop);
    // The last chunk, taller than the viewport: its start at the top.
    const last = chunkWindow(layout, { index: 9_999, within: 0 }, viewport, null);
    expect([last.first, last.last]).toEqual([9_999, 10_000]);
    expect(last.shift + layout.start(9_999)).toBe(last.scrollTop);
    expect(last.scrollTop).toBeLessThan(last.scale.maxScrollTop);
    // Short last chunks: as far up as they go, the end of the last at the bottom.
    layout.sync(10_010, () => 40);
    const end = chunkWindow(layout, { index: 10_009, within: 0 }, viewport, null);
    expect(end.scrollTop).toBe(end.scale.maxScrollTop);
    expect(end.last).toBe(10_010);
    expect(end.shift + layout.total()).toBe(end.scrollTop + viewport);
  });

  it('keeps a scrolled-to position while the scale holds, and moves it when it changes', () => {
    const layout = layoutOf(Array.from({ length: 10_000 }, () => 4120));
    const at = 7_000_000;
    const anchor = anchorAt(layout, at, viewport);
    const kept = chunkWindow(layout, anchor, viewport, at);
    expect(kept.scrollTop).toBe(at);
    expect(
      Math.abs(kept.offset - kept.scale.maxOffset * (at / kept.scale.maxScrollTop)),
    ).toBeLessThan(1);
    // More chunks: the place stays, the position that stands for it moves up.
    layout.sync(20_000, () => 4120);
    const moved = chunkWindow(layout, anchor, viewport, null);
    expect(moved.offset).toBe(kept.offset);
    expect(moved.scrollTop).toBeLessThan(at);
    expect(moved.first).toBe(kept.first);
  });
});
