import {
  contentScale,
  maxSpacerHeight,
  offsetAt,
  scrollTopAt,
  type ScrollScale,
} from '../../lib/scroll-scale.ts';

/**
 * Where each chunk of the raw view goes: chunks of different heights, each at its estimate
 * until it has been drawn and measured. The starts are prefix sums, brought up to date from the
 * first changed chunk when asked for (a measurement changes the chunks in view, near where the
 * sums are read, and appended chunks only add to the end).
 */
export class ChunkLayout {
  #sizes = new Float64Array(1024);
  /** `#starts[i]`: the sum of the sizes before chunk `i`; valid up to `#validTo`. */
  #starts = new Float64Array(1025);
  #count = 0;
  #validTo = 0;

  get count(): number {
    return this.#count;
  }

  /** Takes chunks up to `count` at their estimates (chunks are only ever appended). */
  sync(count: number, estimate: (index: number) => number): void {
    if (count <= this.#count) return;
    if (count > this.#sizes.length) {
      let capacity = this.#sizes.length;
      while (capacity < count) capacity *= 2;
      const sizes = new Float64Array(capacity);
      sizes.set(this.#sizes.subarray(0, this.#count));
      const starts = new Float64Array(capacity + 1);
      starts.set(this.#starts.subarray(0, this.#validTo + 1));
      this.#sizes = sizes;
      this.#starts = starts;
    }
    for (let i = this.#count; i < count; i++) this.#sizes[i] = estimate(i);
    this.#count = count;
  }

  size(index: number): number {
    return this.#sizes[index] ?? 0;
  }

  /** Sets a chunk's measured height; whether it changed. */
  measure(index: number, size: number): boolean {
    if (index < 0 || index >= this.#count || this.#sizes[index] === size) return false;
    this.#sizes[index] = size;
    this.#validTo = Math.min(this.#validTo, index);
    return true;
  }

  #update(): void {
    const starts = this.#starts;
    for (let i = this.#validTo; i < this.#count; i++) {
      starts[i + 1] = (starts[i] as number) + (this.#sizes[i] as number);
    }
    this.#validTo = this.#count;
  }

  /** Where chunk `index` starts (`count` for the end of the last one). */
  start(index: number): number {
    if (this.#validTo < this.#count) this.#update();
    return this.#starts[Math.max(0, Math.min(index, this.#count))] as number;
  }

  total(): number {
    return this.start(this.#count);
  }

  /** The chunk at `offset`: the last one starting at or before it (0 with no chunks). */
  indexAt(offset: number): number {
    if (this.#validTo < this.#count) this.#update();
    let low = 0;
    let high = this.#count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return Math.max(0, low);
  }
}

/** What the top of the viewport shows: a place in a chunk, which stays put as others resize. */
export interface ChunkAnchor {
  index: number;
  /** Pixels into that chunk. */
  within: number;
}

export interface ChunkWindow {
  scale: ScrollScale;
  /** The place in the content at the top of the viewport. */
  offset: number;
  /** The element's scroll position that shows it: the chunks are placed relative to it. */
  scrollTop: number;
  /** The chunks to render: from `first` up to, not including, `last`. */
  first: number;
  last: number;
  /** Where chunk `first` goes in the spacer; chunk `i` goes at `shift + layout.start(i)`. */
  shift: number;
}

/**
 * The chunks for a viewport `viewportHeight` tall whose top shows `anchor`. `scrollTop` is the
 * element's position if the scale is unchanged since it was read (a scrolled-to position stays
 * as it is; the chunks are placed relative to it), else null: then the position is the one that
 * stands for the place (see scroll-scale.ts). Below the cap, the position is the place and every
 * chunk sits at its own start.
 */
export function chunkWindow(
  layout: ChunkLayout,
  anchor: ChunkAnchor,
  viewportHeight: number,
  scrollTop: number | null,
  maxSpacer = maxSpacerHeight,
): ChunkWindow {
  const scale = contentScale(layout.total(), viewportHeight, maxSpacer);
  const index = Math.max(0, Math.min(anchor.index, layout.count - 1));
  // No further than the chunk's end: a place read on its estimate stays with it when it is
  // measured shorter, instead of falling into the next chunk, and the next, as each is measured.
  const within = Math.min(anchor.within, layout.size(index));
  const offset = Math.max(0, Math.min(layout.start(index) + within, scale.maxOffset));
  const top = !scale.scaled
    ? offset
    : scrollTop !== null
      ? scrollTop
      : Math.round(scrollTopAt(scale, offset));
  const first = layout.count === 0 ? 0 : layout.indexAt(offset);
  let last = first;
  while (last < layout.count && layout.start(last) < offset + viewportHeight) last++;
  return { scale, offset, scrollTop: top, first, last, shift: top - offset };
}

/** The place the element shows when scrolled to `scrollTop`, on the layout as it is. */
export function anchorAt(
  layout: ChunkLayout,
  scrollTop: number,
  viewportHeight: number,
  maxSpacer = maxSpacerHeight,
): ChunkAnchor {
  const scale = contentScale(layout.total(), viewportHeight, maxSpacer);
  // The identity below the cap.
  const offset = offsetAt(scale, scrollTop);
  const index = layout.indexAt(offset);
  return { index, within: Math.max(0, offset - layout.start(index)) };
}
