import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { offsetAt, offsetRevealing, scrollScale, scrollTopAt } from '../../lib/scroll-scale.ts';

interface Viewport {
  /** The element's scroll position. */
  top: number;
  /** The place in the rows shown at the top of the viewport: `top`, unless the list is taller
   *  than an element may be (see scroll-scale.ts). */
  offset: number;
  height: number;
  /** The row count when `top` was read: how `top` maps to `offset` depends on it. */
  count: number;
}

/** A scroll position and what it shows, as last put on the screen (or scrolled to by `reveal`). */
interface Anchor {
  top: number;
  offset: number;
  count: number;
}

export interface FollowTail {
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Whether the view follows the tail: the user is at the bottom (HTTP Toolkit's rule). */
  atBottom: boolean;
  /** The place in the rows at the top of the viewport, in pixels, and the viewport's height. */
  top: number;
  height: number;
  /** The element's scroll position that shows `top`: the rows are placed relative to it. */
  scrollTop: number;
  /** The height of the element that makes the scroll range (at most `maxSpacerHeight`). */
  spacerHeight: number;
  /** Rows added since the user left the tail (0 while following). */
  newRows: number;
  onScroll: () => void;
  /** Back to the tail (the "new rows" button). */
  followTail: () => void;
  /** Scrolls the least that brings the rows from `top` to `bottom` (in pixels) into view. */
  reveal: (top: number, bottom: number) => void;
}

/**
 * Scrolling for a list of `count` rows of `rowHeight` pixels in the element `scrollRef` is put
 * on: it follows the tail while the user is at the bottom, and stays where the user scrolled
 * otherwise, counting the rows that arrive meanwhile.
 *
 * A list taller than an element may be is scrolled on a scale (scroll-scale.ts): the scroll
 * position stands for a place in the rows, and the place, not the position, is what stays put
 * while rows arrive (the position that shows it moves as the scale changes).
 */
export function useFollowTail(count: number, rowHeight: number): FollowTail {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Whether the view follows the tail, and how many rows there were when the user left it.
  const [follow, setFollow] = useState({ atBottom: true, leftAt: 0 });
  const atBottom = follow.atBottom;
  const [viewport, setViewport] = useState<Viewport>({
    top: 0,
    offset: 0,
    height: 600,
    count: 0,
  });
  const empty = count === 0;

  // Where the viewport is, in the element and in the rows.
  const scale = scrollScale(count, rowHeight, viewport.height);
  let top: number;
  let scrollTop: number;
  // Whether the element must be scrolled to `scrollTop` (the scale changed under a place the
  // user scrolled to).
  let settle = false;
  if (atBottom) {
    // Rows have one fixed height, so the visible window is arithmetic on scrollTop: appending
    // rows costs nothing per existing row and never reads layout (a virtualizer that measures
    // every row on each count change cannot keep up with 10,000 events a second). While the
    // view follows the tail, the window is the tail itself: the rows are right in the same
    // commit that scrolls, and the scroll event that follows changes nothing.
    top = scale.maxOffset;
    scrollTop = scale.maxScrollTop;
  } else if (
    viewport.count === count ||
    (!scale.scaled && !scrollScale(viewport.count, rowHeight, viewport.height).scaled)
  ) {
    // The position as read (with no scale, the position is the place).
    top = scale.scaled ? viewport.offset : viewport.top;
    scrollTop = viewport.top;
  } else {
    top = Math.min(Math.max(0, viewport.offset), scale.maxOffset);
    scrollTop = scale.scaled ? Math.round(scrollTopAt(scale, top)) : top;
    settle = true;
  }

  // The position and place as last committed (what the screen shows), for the scroll handler.
  const anchor = useRef<Anchor>({ top: 0, offset: 0, count: 0 });

  /** Where the element is scrolled to and what that shows. */
  const read = useCallback(
    (element: HTMLElement): Viewport => {
      const height = element.clientHeight || 600;
      const top = element.scrollTop;
      const known = anchor.current;
      if (top === known.top) return { top, offset: known.offset, height, count: known.count };
      // Scrolled since: the place the scrollbar stands for, on the scale the screen was drawn at.
      const scale = scrollScale(known.count, rowHeight, height);
      const offset = scale.scaled ? Math.round(offsetAt(scale, top)) : top;
      return { top, offset, height, count: known.count };
    },
    [rowHeight],
  );

  // Whether this view has scrolled itself to the tail yet (a timeline opened on a connection
  // with many rows starts at the top, which is no scroll of the user's).
  const followed = useRef(false);
  // Where the user scrolled away from the tail, until the render that stops following: that
  // render may come after a frame's rows (a scroll's state update waits for the scheduler, rows
  // render at once), which must then stop following before it paints, not snap back.
  const leftTail = useRef<{ viewport: Viewport; count: number } | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!atBottom || !element || count === 0) return;
    const left = leftTail.current;
    if (left) {
      setViewport(left.viewport);
      setFollow({ atBottom: false, leftAt: left.count });
      return;
    }
    // Reading scrollHeight lays the new rows out here instead of in the frame's own layout (the
    // same work, done once): a position written before that is clamped to the old height, a
    // batch short of the tail.
    element.scrollTop = element.scrollHeight;
    followed.current = true;
  }, [atBottom, count]);
  // On a scale that changed under the user's place (rows arrived, or the filters changed), the
  // position that shows the place moves: scroll there. If the user scrolled since the last
  // commit (the event is still to come), the place is the one scrolled to.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!settle || !element) return;
    let offset = top;
    let target = scrollTop;
    if (element.scrollTop !== anchor.current.top) {
      offset = read(element).offset;
      const scale = scrollScale(count, rowHeight, viewport.height);
      offset = Math.min(offset, scale.maxOffset);
      target = scale.scaled ? Math.round(scrollTopAt(scale, offset)) : offset;
    }
    if (element.scrollTop !== target) element.scrollTop = target;
    const actual = element.scrollTop;
    // Commit the position as it is: the rows are placed relative to it.
    if (actual !== scrollTop || offset !== top) {
      setViewport({ top: actual, offset, height: viewport.height, count });
    }
  }, [settle, top, scrollTop, read, count, rowHeight, viewport.height]);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setViewport(read(element));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [empty, read]);

  // The state as last committed, for the scroll handler: it sets state only when something
  // changes. (An update that changes nothing still renders the list, which reads its rows as
  // they are by then, and React may drop that render's effects: rows the view never scrolled to.)
  const committed = useRef({ follow, viewport, count, scrollTop, top });
  useLayoutEffect(() => {
    committed.current = { follow, viewport, count, scrollTop, top };
    anchor.current = { top: scrollTop, offset: top, count };
  });

  /** Takes the viewport as the element now has it. */
  const update = useCallback(
    (next: Viewport) => {
      const { follow, viewport, count, scrollTop, top } = committed.current;
      const nowAtBottom = next.offset + next.height >= count * rowHeight - rowHeight;
      leftTail.current = nowAtBottom || !followed.current ? null : { viewport: next, count };
      // Only whole rows matter: scrolling within a row renders nothing. On a scale, the rows are
      // placed relative to the position, so every move does.
      const moved =
        viewport.height !== next.height ||
        (!nowAtBottom &&
          (scrollScale(count, rowHeight, next.height).scaled
            ? next.top !== scrollTop || next.offset !== top
            : Math.floor(viewport.top / rowHeight) !== Math.floor(next.top / rowHeight)));
      if (moved) setViewport(next);
      if (nowAtBottom !== follow.atBottom) {
        setFollow(nowAtBottom ? { atBottom: true, leftAt: 0 } : { atBottom: false, leftAt: count });
      }
    },
    [rowHeight],
  );

  // Scroll events come before the frame's animation callbacks, so layout is clean here: reading
  // the position costs nothing. While the view follows the tail, the tail itself is the window
  // (see `top`): the scroll this view made to reach it changes no state and renders nothing.
  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (element) update(read(element));
  }, [read, update]);

  const followTail = useCallback(() => {
    leftTail.current = null;
    setFollow({ atBottom: true, leftAt: 0 });
    if (scrollRef.current) scrollRef.current.scrollTop = scrollRef.current.scrollHeight;
  }, []);

  const reveal = useCallback(
    (top: number, bottom: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const current = read(element);
      const offset = offsetRevealing(current.offset, current.height, top, bottom);
      if (offset === null) return;
      const scale = scrollScale(current.count, rowHeight, current.height);
      if (!scale.scaled) {
        // The scroll event does the rest.
        element.scrollTop = offset;
        return;
      }
      // On a scale, the position shows the place only roughly (a pixel of it is several of the
      // rows'): the position scrolled to stands for exactly this place.
      element.scrollTop = Math.round(scrollTopAt(scale, offset));
      const next = { ...current, top: element.scrollTop, offset };
      // The scroll event to come reads this place.
      anchor.current = { top: next.top, offset, count: next.count };
      update(next);
    },
    [rowHeight, read, update],
  );

  return {
    scrollRef,
    atBottom,
    top,
    height: viewport.height,
    scrollTop,
    spacerHeight: scale.spacerHeight,
    newRows: atBottom ? 0 : Math.max(0, count - follow.leftAt),
    onScroll,
    followTail,
    reveal,
  };
}
