import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

interface Viewport {
  top: number;
  height: number;
}

export interface FollowTail {
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Whether the view follows the tail: the user is at the bottom (HTTP Toolkit's rule). */
  atBottom: boolean;
  /** Where the window of rows starts and how tall it is, in pixels. */
  top: number;
  height: number;
  /** Rows added since the user left the tail (0 while following). */
  newRows: number;
  onScroll: () => void;
  /** Back to the tail (the "new rows" button). */
  followTail: () => void;
}

function viewportOf(element: HTMLElement): Viewport {
  return { top: element.scrollTop, height: element.clientHeight || 600 };
}

/**
 * Scrolling for a list of `count` rows of `rowHeight` pixels in the element `scrollRef` is put
 * on: it follows the tail while the user is at the bottom, and stays where the user scrolled
 * otherwise, counting the rows that arrive meanwhile.
 */
export function useFollowTail(count: number, rowHeight: number): FollowTail {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Whether the view follows the tail, and how many rows there were when the user left it.
  const [follow, setFollow] = useState({ atBottom: true, leftAt: 0 });
  const atBottom = follow.atBottom;
  const countRef = useRef(count);
  useEffect(() => {
    countRef.current = count;
  }, [count]);
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height: 600 });
  const empty = count === 0;

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
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setViewport(viewportOf(element));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [empty]);

  // The state as last committed, for the scroll handler: it sets state only when something
  // changes. (An update that changes nothing still renders the list, which reads its rows as
  // they are by then, and React may drop that render's effects: rows the view never scrolled to.)
  const committed = useRef({ follow, viewport });
  useLayoutEffect(() => {
    committed.current = { follow, viewport };
  });

  // Scroll events come before the frame's animation callbacks, so layout is clean here: reading
  // the position costs nothing. While the view follows the tail, the tail itself is the window
  // (see `top`): the scroll this view made to reach it changes no state and renders nothing.
  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const next = viewportOf(element);
    const nowAtBottom = next.top + next.height >= countRef.current * rowHeight - rowHeight;
    leftTail.current =
      nowAtBottom || !followed.current ? null : { viewport: next, count: countRef.current };
    const { follow, viewport } = committed.current;
    // Only whole rows matter: scrolling within a row renders nothing.
    const moved =
      viewport.height !== next.height ||
      (!nowAtBottom && Math.floor(viewport.top / rowHeight) !== Math.floor(next.top / rowHeight));
    if (moved) setViewport(next);
    if (nowAtBottom !== follow.atBottom) {
      setFollow(
        nowAtBottom ? { atBottom: true, leftAt: 0 } : { atBottom: false, leftAt: countRef.current },
      );
    }
  }, [rowHeight]);

  const followTail = useCallback(() => {
    leftTail.current = null;
    setFollow({ atBottom: true, leftAt: 0 });
    if (scrollRef.current) scrollRef.current.scrollTop = scrollRef.current.scrollHeight;
  }, []);

  return {
    scrollRef,
    atBottom,
    // Rows have one fixed height, so the visible window is arithmetic on scrollTop: appending
    // rows costs nothing per existing row and never reads layout (a virtualizer that measures
    // every row on each count change cannot keep up with 10,000 events a second). While the
    // view follows the tail, the window is the tail itself: the rows are right in the same
    // commit that scrolls, and the scroll event that follows changes nothing.
    top: atBottom ? Math.max(0, count * rowHeight - viewport.height) : viewport.top,
    height: viewport.height,
    newRows: atBottom ? 0 : Math.max(0, count - follow.leftAt),
    onScroll,
    followTail,
  };
}
