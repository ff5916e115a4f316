import { describe, expect, it } from 'vitest';
import {
  maxSpacerHeight,
  offsetAt,
  offsetRevealing,
  rowWindow,
  scrollScale,
  scrollTopAt,
} from './scroll-scale.ts';

const rowHeight = 24;
const viewport = 532;

describe('scrollScale', () => {
  it('is the identity below the cap', () => {
    for (const count of [0, 1, 10, 10_000, Math.floor(maxSpacerHeight / rowHeight)]) {
      const scale = scrollScale(count, rowHeight, viewport);
      expect(scale.scaled).toBe(false);
      expect(scale.spacerHeight).toBe(count * rowHeight);
      expect(scale.maxScrollTop).toBe(scale.maxOffset);
      for (const top of [0, 1, 17.5, 1000, scale.maxScrollTop]) {
        expect(offsetAt(scale, top)).toBe(top);
        expect(scrollTopAt(scale, top)).toBe(top);
      }
    }
  });

  it('caps the spacer above it', () => {
    const scale = scrollScale(1_500_000, rowHeight, viewport);
    expect(scale.scaled).toBe(true);
    expect(scale.contentHeight).toBe(36_000_000);
    expect(scale.spacerHeight).toBe(maxSpacerHeight);
    expect(scale.maxScrollTop).toBe(maxSpacerHeight - viewport);
    expect(scale.maxOffset).toBe(36_000_000 - viewport);
  });

  it('maps both ends exactly: the top shows row 0, the bottom the last row in full', () => {
    for (const count of [625_001, 1_500_000, 10_000_000, 123_456_789]) {
      const scale = scrollScale(count, rowHeight, viewport);
      expect(offsetAt(scale, 0)).toBe(0);
      expect(offsetAt(scale, scale.maxScrollTop)).toBe(scale.maxOffset);
      // Beyond the range (a stale position) clamps to the ends.
      expect(offsetAt(scale, -5)).toBe(0);
      expect(offsetAt(scale, scale.maxScrollTop + 100)).toBe(scale.maxOffset);
      expect(scale.maxOffset + viewport).toBe(count * rowHeight);
      expect(scrollTopAt(scale, 0)).toBe(0);
      expect(scrollTopAt(scale, scale.maxOffset)).toBe(scale.maxScrollTop);
      expect(scrollTopAt(scale, scale.maxOffset + 100)).toBe(scale.maxScrollTop);
    }
  });

  it('is monotonic, and linear in between', () => {
    const scale = scrollScale(1_500_000, rowHeight, viewport);
    let previous = -1;
    for (let top = 0; top <= scale.maxScrollTop; top += 9_973) {
      const offset = offsetAt(scale, top);
      expect(offset).toBeGreaterThan(previous);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(scale.maxOffset);
      previous = offset;
    }
    expect(offsetAt(scale, scale.maxScrollTop / 2)).toBeCloseTo(scale.maxOffset / 2, 6);
    // One pixel of scrolling moves less than a row: every row can reach the top.
    expect(offsetAt(scale, 1) - offsetAt(scale, 0)).toBeLessThan(rowHeight);
  });

  it('round-trips a row to the position that shows it at the top', () => {
    for (const count of [700_000, 1_500_000, 50_000_000]) {
      const scale = scrollScale(count, rowHeight, viewport);
      const lastTopRow = Math.floor(scale.maxOffset / rowHeight);
      for (const row of [0, 1, 2, 12_345, Math.floor(count / 3), lastTopRow - 1, lastTopRow]) {
        const top = scrollTopAt(scale, row * rowHeight);
        expect(offsetAt(scale, top)).toBeCloseTo(row * rowHeight, 6);
        expect(Math.floor(offsetAt(scale, top) / rowHeight + 1e-9)).toBe(row);
        // A whole-pixel position (what a browser may keep) is within a pixel's worth of rows.
        const shown = offsetAt(scale, Math.round(top));
        expect(Math.abs(shown - row * rowHeight)).toBeLessThanOrEqual(
          scale.maxOffset / scale.maxScrollTop,
        );
      }
    }
  });

  it('keeps a viewport larger than the content at the top', () => {
    for (const count of [0, 1, 5]) {
      const scale = scrollScale(count, rowHeight, 10_000);
      expect(scale.maxScrollTop).toBe(0);
      expect(scale.maxOffset).toBe(0);
      expect(offsetAt(scale, 0)).toBe(0);
      expect(scrollTopAt(scale, 0)).toBe(0);
    }
    // Scaled content with a tiny cap and a viewport taller than the cap: nothing to scroll.
    const scale = scrollScale(100, rowHeight, 1_000, 500);
    expect(scale.scaled).toBe(true);
    expect(scale.maxScrollTop).toBe(0);
    expect(offsetAt(scale, 0)).toBe(0);
    expect(offsetAt(scale, 10)).toBe(0);
    expect(scrollTopAt(scale, 300)).toBe(0);
  });
});

describe('offsetRevealing', () => {
  it('scrolls the least that shows the range', () => {
    expect(offsetRevealing(100, 200, 120, 144)).toBeNull();
    expect(offsetRevealing(100, 200, 76, 100)).toBe(76);
    expect(offsetRevealing(100, 200, 288, 312)).toBe(112);
    expect(offsetRevealing(100, 200, 276, 300)).toBeNull();
  });
});

describe('rowWindow', () => {
  it('places rows at their offsets below the cap', () => {
    const window = rowWindow(10_000, rowHeight, 2_400, 2_400, viewport, 10, 10);
    expect(window).toEqual({ first: 90, last: 133, translate: 90 * rowHeight });
    // A position within a row keeps the window.
    expect(rowWindow(10_000, rowHeight, 2_410, 2_410, viewport, 10, 10)).toEqual(window);
  });

  it('places rows where the viewport is on a scale', () => {
    const count = 1_500_000;
    const scale = scrollScale(count, rowHeight, viewport);
    for (const scrollTop of [0, 1, 1234, scale.maxScrollTop / 2, scale.maxScrollTop - 1]) {
      const offset = Math.round(offsetAt(scale, scrollTop));
      const window = rowWindow(count, rowHeight, scrollTop, offset, viewport, 2, 10);
      // The row at the top of the content's viewport is drawn at the top of the element's.
      const topRow = Math.floor(offset / rowHeight);
      const drawnAt = window.translate + (topRow - window.first) * rowHeight;
      expect(drawnAt - scrollTop).toBe(topRow * rowHeight - offset);
      expect(window.first).toBeLessThanOrEqual(topRow);
      expect(window.last).toBeGreaterThanOrEqual(Math.ceil((offset + viewport) / rowHeight));
      expect(window.last - window.first).toBeLessThan(60);
    }
  });

  it('ends with the last row at the bottom of the spacer at the tail', () => {
    const count = 1_500_000;
    const scale = scrollScale(count, rowHeight, viewport);
    const window = rowWindow(
      count,
      rowHeight,
      scale.maxScrollTop,
      scale.maxOffset,
      viewport,
      2,
      10,
    );
    expect(window.last).toBe(count);
    expect(window.translate + (window.last - window.first) * rowHeight).toBe(scale.spacerHeight);
  });

  it('renders nothing past the rows', () => {
    expect(rowWindow(5, rowHeight, 0, 0, viewport, 10, 10)).toEqual({
      first: 0,
      last: 5,
      translate: 0,
    });
    expect(rowWindow(0, rowHeight, 0, 0, viewport, 10, 10).last).toBe(0);
  });
});
