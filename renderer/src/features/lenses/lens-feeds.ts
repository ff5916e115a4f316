import {
  createLlmLens,
  createStreamStats,
  type LlmLens,
  type LlmLensSnapshot,
  type StreamStats,
  type StreamStatsBuilder,
} from '../../../../shared/lenses/index.ts';
import type { TimelineLog } from '../../store/timeline-log.ts';

/**
 * The lenses of one connection, fed incrementally from its timeline log: each call pushes only
 * the rows and chunks that arrived since the last one (a log only ever grows at its end).
 */
class LensFeed {
  readonly #log: TimelineLog;
  #stats: StreamStatsBuilder = createStreamStats();
  #statsRows = 0;
  #statsChunks = 0;
  /** One LLM lens per attempt: a reconnect sends the request again and gets a new answer. */
  #llm = new Map<number, { lens: LlmLens; rows: number; closed: boolean }>();

  constructor(log: TimelineLog) {
    this.#log = log;
  }

  stats(): StreamStats {
    const log = this.#log;
    for (; this.#statsRows < log.length; this.#statsRows++) {
      this.#stats.push(log.entryAt(this.#statsRows).record);
    }
    for (; this.#statsChunks < log.chunks.length; this.#statsChunks++) {
      const chunk = log.chunks[this.#statsChunks];
      if (chunk)
        this.#stats.push({ kind: 'chunk', attempt: chunk.attempt, t: chunk.t, size: chunk.size });
    }
    return this.#stats.snapshot();
  }

  llm(attempt: number): LlmLensSnapshot {
    let feed = this.#llm.get(attempt);
    if (!feed) {
      feed = { lens: createLlmLens(), rows: 0, closed: false };
      this.#llm.set(attempt, feed);
    }
    const log = this.#log;
    for (; feed.rows < log.length; feed.rows++) {
      const entry = log.entryAt(feed.rows);
      const record = entry.record;
      if (record.attempt !== attempt) continue;
      if (record.kind === 'event') feed.lens.push(record);
      else if (record.kind === 'closed') feed.closed = true;
    }
    // Problems that only an ended stream can have (no terminal event) appear once it closed.
    return feed.closed ? feed.lens.end() : feed.lens.snapshot();
  }
}

const feeds = new WeakMap<TimelineLog, LensFeed>();

export function lensFeed(log: TimelineLog): LensFeed {
  let feed = feeds.get(log);
  if (!feed) {
    feed = new LensFeed(log);
    feeds.set(log, feed);
  }
  return feed;
}
