import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { followRevision } from './use-throttled-revision.ts';

describe('followRevision', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(intervalMs = 250) {
    const store = createStore<{ revision: number; other: number }>(() => ({
      revision: 0,
      other: 0,
    }));
    let shown = 0;
    const shows: number[] = [];
    const stop = followRevision(
      store,
      intervalMs,
      () => shown,
      (revision) => {
        shown = revision;
        shows.push(revision);
      },
    );
    return {
      store,
      shows,
      stop,
      bump: () => store.setState((s) => ({ revision: s.revision + 1 })),
    };
  }

  it('shows a burst once, with its last revision', () => {
    const { shows, bump } = setup();
    for (let i = 0; i < 10; i++) bump();
    vi.advanceTimersByTime(249);
    expect(shows).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shows).toEqual([10]);
  });

  it('never loses the change that lands as the timer fires (the stream then stops)', () => {
    const { store, shows, bump } = setup();
    bump();
    // The last change of a stream arrives in the same tick the throttle shows the previous one.
    vi.advanceTimersByTime(250);
    bump();
    vi.advanceTimersByTime(1_000);
    expect(shows).toEqual([1, 2]);
    expect(store.getState().revision).toBe(2);
  });

  it('a change before the subscription is shown too', () => {
    const store = createStore<{ revision: number }>(() => ({ revision: 3 }));
    const shows: number[] = [];
    followRevision(
      store,
      100,
      () => 0,
      (revision) => shows.push(revision),
    );
    vi.advanceTimersByTime(100);
    expect(shows).toEqual([3]);
  });

  it('ignores changes that leave the revision alone, and stops when asked', () => {
    const { store, shows, stop, bump } = setup();
    store.setState({ other: 1 });
    vi.advanceTimersByTime(1_000);
    expect(shows).toEqual([]);
    bump();
    stop();
    vi.advanceTimersByTime(1_000);
    expect(shows).toEqual([]);
  });
});
