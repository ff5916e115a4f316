/**
 * Scaled virtual scrolling: a list taller than a browser lets an element be.
 *
 * Browsers cap an element's height (Chromium at about 33,554,400 px, Firefox at about 17.9
 * million): a spacer of `count * rowHeight` pixels beyond that is clamped, and the last rows can
 * never be scrolled to. Above `maxSpacerHeight` the spacer stays that tall and the scroll
 * position stands for a place in the content, linearly: the top of the scroll range shows the
 * first row, its bottom the last one, exactly. Below it the mapping is the identity.
 *
 * Two coordinates: the *offset* is a position in the content (row `n` starts at offset
 * `n * rowHeight`); the *scroll top* is the element's `scrollTop`. The rows rendered near the
 * viewport are placed relative to the scroll top (see `rowWindow`), not at their offset.
 */

/** The tallest spacer: below both browsers' caps. */
export const maxSpacerHeight = 15_000_000;

export interface ScrollScale {
  /** The content's height: every row at its own height. */
  contentHeight: number;
  /** The height of the element that makes the scroll range. */
  spacerHeight: number;
  /** The viewport's height. */
  viewportHeight: number;
  /** The largest scroll top, and the largest offset a viewport can start at. */
  maxScrollTop: number;
  maxOffset: number;
  /** Whether the spacer is shorter than the content (the mapping is not the identity). */
  scaled: boolean;
}

export function scrollScale(
  count: number,
  rowHeight: number,
  viewportHeight: number,
  maxSpacer = maxSpacerHeight,
): ScrollScale {
  return contentScale(count * rowHeight, viewportHeight, maxSpacer);
}

/** The scale for content `contentHeight` pixels tall (rows of any heights). */
export function contentScale(
  contentHeight: number,
  viewportHeight: number,
  maxSpacer = maxSpacerHeight,
): ScrollScale {
  const scaled = contentHeight > maxSpacer;
  const spacerHeight = scaled ? maxSpacer : contentHeight;
  return {
    contentHeight,
    spacerHeight,
    viewportHeight,
    maxScrollTop: Math.max(0, spacerHeight - viewportHeight),
    maxOffset: Math.max(0, contentHeight - viewportHeight),
    scaled,
  };
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The offset shown at the top of the viewport when the element is scrolled to `scrollTop`. */
export function offsetAt(scale: ScrollScale, scrollTop: number): number {
  if (!scale.scaled) return scrollTop;
  if (scale.maxScrollTop <= 0 || scrollTop <= 0) return 0;
  // Both ends exact: the bottom of the scroll range shows the last row in full.
  if (scrollTop >= scale.maxScrollTop) return scale.maxOffset;
  return clamp((scrollTop / scale.maxScrollTop) * scale.maxOffset, 0, scale.maxOffset);
}

/** The scroll top that shows `offset` at the top of the viewport (the inverse of `offsetAt`). */
export function scrollTopAt(scale: ScrollScale, offset: number): number {
  if (!scale.scaled) return offset;
  if (scale.maxOffset <= 0 || offset <= 0) return 0;
  if (offset >= scale.maxOffset) return scale.maxScrollTop;
  return clamp((offset / scale.maxOffset) * scale.maxScrollTop, 0, scale.maxScrollTop);
}

/** The offset to scroll to so that content from `top` to `bottom` is in view, or null if it is. */
export function offsetRevealing(
  current: number,
  viewportHeight: number,
  top: number,
  bottom: number,
): number | null {
  if (top < current) return top;
  if (bottom > current + viewportHeight) return bottom - viewportHeight;
  return null;
}

export interface RowWindow {
  /** The rows rendered: from `first` up to, not including, `last`. */
  first: number;
  last: number;
  /** Where row `first` goes in the spacer. */
  translate: number;
}

/**
 * The rows to render for a viewport whose top is at `scrollTop` in the element and shows
 * `offset` in the content, with `before` and `after` rows beyond the visible ones. The rows are
 * placed where the viewport is: row `n` at `scrollTop + n * rowHeight - offset`, which is
 * `n * rowHeight` when the mapping is the identity.
 */
export function rowWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  offset: number,
  viewportHeight: number,
  before: number,
  after: number,
): RowWindow {
  const first = Math.max(0, Math.floor(offset / rowHeight) - before);
  const last = Math.max(
    first,
    Math.min(count, Math.ceil((offset + viewportHeight) / rowHeight) + after),
  );
  return { first, last, translate: scrollTop - offset + first * rowHeight };
}
