import type { HistogramBin, InterArrivalStats } from './types.ts';

/** Bin edges (ms), 1-2-5 steps: "same chunk" gaps land in the first bin, stalls in the last. */
const EDGES = [
  0, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000,
];

/**
 * Inter-arrival gaps: exact count, min, max, mean and log-scale histogram; percentiles from a
 * reservoir sample (Vitter's algorithm R), which holds every gap until it is full. The random
 * source is a fixed-seed generator so the same stream always gives the same numbers.
 */
export class GapDistribution {
  private readonly capacity: number;
  private readonly samples: number[] = [];
  private readonly bins: number[] = new Array<number>(EDGES.length).fill(0);
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private longest: { ms: number; t: number; afterEvent: number } | null = null;
  private seed = 0x9e3779b9;
  private sorted: number[] | null = null;

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  add(ms: number, t: number, afterEvent: number): void {
    const gap = Math.max(0, ms);
    this.count++;
    this.sum += gap;
    if (gap < this.min) this.min = gap;
    if (this.longest === null || gap > this.longest.ms) this.longest = { ms: gap, t, afterEvent };
    let bin = EDGES.length - 1;
    while (bin > 0 && gap < (EDGES[bin] as number)) bin--;
    this.bins[bin] = (this.bins[bin] as number) + 1;
    if (this.samples.length < this.capacity) {
      this.samples.push(gap);
    } else {
      const slot = Math.floor(this.random() * this.count);
      if (slot < this.capacity) this.samples[slot] = gap;
    }
    this.sorted = null;
  }

  /** Nearest-rank percentile (0 < p ≤ 1) of the kept samples. */
  percentile(p: number): number | null {
    if (this.samples.length === 0) return null;
    this.sorted ??= [...this.samples].sort((a, b) => a - b);
    const rank = Math.min(this.sorted.length, Math.max(1, Math.ceil(p * this.sorted.length)));
    return this.sorted[rank - 1] as number;
  }

  stats(): InterArrivalStats {
    const histogram: HistogramBin[] = EDGES.map((fromMs, i) => ({
      fromMs,
      toMs: EDGES[i + 1] ?? null,
      count: this.bins[i] as number,
    }));
    const empty = this.count === 0;
    return {
      count: this.count,
      minMs: empty ? null : this.min,
      meanMs: empty ? null : this.sum / this.count,
      p50Ms: this.percentile(0.5),
      p90Ms: this.percentile(0.9),
      p95Ms: this.percentile(0.95),
      p99Ms: this.percentile(0.99),
      maxMs: this.longest?.ms ?? null,
      exact: this.count <= this.capacity,
      sampleSize: this.samples.length,
      histogram,
      longest: this.longest === null ? null : { ...this.longest },
    };
  }

  /** mulberry32: small, fast, good enough to pick reservoir slots. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let x = this.seed;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }
}
