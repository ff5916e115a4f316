/**
 * Alignments as lists of index pairs: [left, right], [left, -1] (only left), [-1, right].
 * Every index of each side appears exactly once.
 */
export type AlignedPair = readonly [number, number];

/** Pairs by position; the longer side's tail is unmatched. */
export function alignByIndex(
  leftFrom: number,
  leftTo: number,
  rightFrom: number,
  rightTo: number,
): AlignedPair[] {
  const pairs: AlignedPair[] = [];
  const n = leftTo - leftFrom;
  const m = rightTo - rightFrom;
  for (let k = 0; k < Math.max(n, m); k++) {
    pairs.push([k < n ? leftFrom + k : -1, k < m ? rightFrom + k : -1]);
  }
  return pairs;
}

/**
 * Pairs equal ids (the k-th occurrence on the left with the k-th on the right). Walks the left
 * side in order; right events skipped over are emitted as unmatched unless their id still comes
 * later on the left (a reordering: they are paired then). Every right event appears once.
 */
export function alignById(left: readonly string[], right: readonly string[]): AlignedPair[] {
  const rightQueues = new Map<string, number[]>();
  right.forEach((id, j) => {
    const queue = rightQueues.get(id);
    if (queue === undefined) rightQueues.set(id, [j]);
    else queue.push(j);
  });
  const leftPending = new Map<string, number>();
  for (const id of left) leftPending.set(id, (leftPending.get(id) ?? 0) + 1);
  const used = new Uint8Array(right.length);
  const pairs: AlignedPair[] = [];
  let j = 0;
  for (let i = 0; i < left.length; i++) {
    const id = left[i] as string;
    leftPending.set(id, (leftPending.get(id) as number) - 1);
    const match = rightQueues.get(id)?.shift();
    if (match === undefined) {
      pairs.push([i, -1]);
      continue;
    }
    for (; j < match; j++) {
      if (used[j] === 0 && (leftPending.get(right[j] as string) ?? 0) === 0) {
        used[j] = 1;
        pairs.push([-1, j]);
      }
    }
    used[match] = 1;
    pairs.push([i, match]);
  }
  for (let k = 0; k < right.length; k++) if (used[k] === 0) pairs.push([-1, k]);
  return pairs;
}

/**
 * Longest common subsequence of two key lists (small integers), after trimming the common
 * prefix and suffix. Runs between matches are paired by position, so a changed event shows as
 * one row with a difference rather than a removal and an insertion. When the middle would need
 * more than `maxCells` table cells it is aligned by index instead (`bounded`).
 */
export function alignByLcs(
  left: readonly number[],
  right: readonly number[],
  maxCells: number,
): { pairs: AlignedPair[]; bounded: boolean } {
  let head = 0;
  while (head < left.length && head < right.length && left[head] === right[head]) head++;
  let tail = 0;
  while (
    tail < left.length - head &&
    tail < right.length - head &&
    left[left.length - 1 - tail] === right[right.length - 1 - tail]
  ) {
    tail++;
  }
  const pairs: AlignedPair[] = [];
  for (let k = 0; k < head; k++) pairs.push([k, k]);
  const n = left.length - head - tail;
  const m = right.length - head - tail;
  const bounded = n * m > maxCells;
  if (bounded) pairs.push(...alignByIndex(head, head + n, head, head + m));
  else pairs.push(...lcsMiddle(left, right, head, n, m));
  for (let k = tail; k > 0; k--) pairs.push([left.length - k, right.length - k]);
  return { pairs, bounded };
}

function lcsMiddle(
  left: readonly number[],
  right: readonly number[],
  offset: number,
  n: number,
  m: number,
): AlignedPair[] {
  if (n === 0 || m === 0) return alignByIndex(offset, offset + n, offset, offset + m);
  // table[i][j] = LCS length of left[i..] and right[j..] (suffixes), so the walk goes forwards.
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        left[offset + i] === right[offset + j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const pairs: AlignedPair[] = [];
  let runLeft: number[] = [];
  let runRight: number[] = [];
  const flushRun = (): void => {
    for (let k = 0; k < Math.max(runLeft.length, runRight.length); k++) {
      pairs.push([runLeft[k] ?? -1, runRight[k] ?? -1]);
    }
    runLeft = [];
    runRight = [];
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (left[offset + i] === right[offset + j]) {
      flushRun();
      pairs.push([offset + i, offset + j]);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) {
      runLeft.push(offset + i++);
    } else {
      runRight.push(offset + j++);
    }
  }
  while (i < n) runLeft.push(offset + i++);
  while (j < m) runRight.push(offset + j++);
  flushRun();
  return pairs;
}
