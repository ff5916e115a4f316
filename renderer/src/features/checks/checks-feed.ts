import {
  createCheckEvaluator,
  type CheckEvaluator,
  type CheckExpectations,
  type CheckResult,
} from '../../../../shared/checks/index.ts';
import type { TimelineLog } from '../../store/timeline-log.ts';
import { inlineSchemaValidators } from './inline-schemas.ts';

/**
 * The checks of one connection, fed incrementally from its timeline log: each call pushes only
 * the rows that arrived since the last one. A new spec or rows arriving after the end start the
 * evaluation over.
 */
export class ChecksFeed {
  readonly #log: TimelineLog;
  readonly #expect: CheckExpectations;
  #evaluator: CheckEvaluator;
  #rows = 0;
  #ended = false;

  constructor(log: TimelineLog, expect: CheckExpectations) {
    this.#log = log;
    this.#expect = expect;
    this.#evaluator = this.#fresh();
  }

  /** Brings the evaluation up to date; `ended`: the connection is over. */
  sync(ended: boolean): void {
    const log = this.#log;
    const behind = this.#ended && log.length > this.#rows;
    if (behind) {
      this.#evaluator = this.#fresh();
      this.#rows = 0;
      this.#ended = false;
    }
    for (; this.#rows < log.length; this.#rows++)
      this.#evaluator.push(log.entryAt(this.#rows).record);
    if (ended && !this.#ended) {
      this.#ended = true;
      this.#evaluator.end();
    }
  }

  /** Time passes on the session's clock (ms since it started): silences fail live. */
  tick(t: number): void {
    if (!this.#ended) this.#evaluator.tick(t);
  }

  results(): CheckResult[] {
    return this.#evaluator.results();
  }

  dropDue(): boolean {
    return this.#evaluator.dropDue();
  }

  #fresh(): CheckEvaluator {
    const schemas = this.#expect.schemas;
    if (schemas === undefined) return createCheckEvaluator(this.#expect);
    const compiled = inlineSchemaValidators(schemas);
    return createCheckEvaluator(
      this.#expect,
      'unavailable' in compiled
        ? { schemasUnavailable: compiled.unavailable }
        : { validators: compiled.validators },
    );
  }
}

const feeds = new WeakMap<TimelineLog, { expect: CheckExpectations; feed: ChecksFeed }>();

/** The feed for this log and spec (the same object while both stay the same). */
export function checksFeed(log: TimelineLog, expect: CheckExpectations): ChecksFeed {
  const known = feeds.get(log);
  if (known && known.expect === expect) return known.feed;
  const feed = new ChecksFeed(log, expect);
  feeds.set(log, { expect, feed });
  return feed;
}
