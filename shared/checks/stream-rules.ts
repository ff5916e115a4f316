import type { CheckExpectations } from './check-spec.ts';
import {
  fail,
  pass,
  pending,
  skipped,
  type CheckEvent,
  type CheckRule,
  type EventValidator,
  type Verdict,
} from './check-types.ts';
import { EventRule, quote } from './event-rule.ts';
import { parseSequencePattern, SequenceMatcher } from './sequence-matcher.ts';

/** The content checks: each reads records as they come and keeps O(1) state (ids: O(ids)). */

type Expect = Required<CheckExpectations>;

/** Status and content type of the first attempt's final response. */
export function responseRule(
  name: 'status' | 'contentType',
  expected: number | string,
  offline: boolean,
): CheckRule {
  let verdict: Verdict = offline
    ? skipped('a raw stream file has no response')
    : pending('no response yet');
  return {
    name,
    push(record) {
      if (offline || record.kind !== 'response' || record.attempt !== 1) return;
      if (name === 'status') {
        verdict =
          record.status === expected
            ? pass(`${record.status}`)
            : fail(`${record.status} (expected ${expected})`);
        return;
      }
      const got = record.contentType ?? '';
      // Media type only: `text/event-stream; charset=utf-8` matches `text/event-stream`.
      const media = got.split(';')[0]!.trim().toLowerCase();
      verdict =
        media === String(expected).toLowerCase()
          ? pass(got)
          : fail(`${got === '' ? 'no Content-Type' : quote(got)} (expected ${expected})`);
    },
    end() {
      if (verdict.state === 'pending') verdict = fail('no response arrived');
    },
    result: () => verdict,
  };
}

export function eventCountRule(limits: Expect['events']): CheckRule {
  const { min, max } = limits;
  const range = [
    min === undefined ? null : `at least ${min}`,
    max === undefined ? null : `at most ${max}`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  let count = 0;
  let ended = false;
  return {
    name: 'events',
    push(record) {
      if (record.kind === 'event') count++;
    },
    end() {
      ended = true;
    },
    result() {
      const detail = `${count} event${count === 1 ? '' : 's'} (expected ${range})`;
      if (max !== undefined && count > max) return fail(detail);
      if (min !== undefined && count < min) return ended ? fail(detail) : pending(detail);
      return max === undefined || ended ? pass(detail) : pending(detail);
    },
  };
}

export class TypesRule extends EventRule {
  readonly name = 'types';
  readonly #allowed: Set<string>;
  constructor(allowed: string[]) {
    super();
    this.#allowed = new Set(allowed);
  }
  protected check(event: CheckEvent): string | null {
    if (this.#allowed.has(event.type)) return null;
    return `event ${event.index} has type ${quote(event.type)} (allowed: ${[...this.#allowed].join(', ')})`;
  }
  protected holding(): Verdict {
    return pass(`${this.events} events, all of allowed types`);
  }
}

export function sequenceRule(pattern: string[]): CheckRule {
  const matcher = new SequenceMatcher(parseSequencePattern(pattern));
  let ended = false;
  let events = 0;
  const written = pattern.join(' ');
  return {
    name: 'sequence',
    push(record) {
      if (record.kind !== 'event') return;
      events++;
      matcher.push(record.type, record.index);
    },
    end() {
      ended = true;
    },
    result() {
      const verdict = matcher.verdict();
      if (verdict.state === 'broken') {
        const expected = verdict.expected.length === 0 ? 'the end' : verdict.expected.join(' or ');
        return fail(
          `event ${verdict.index} has type ${quote(verdict.type)} where ${expected} was expected (${written})`,
        );
      }
      if (verdict.complete)
        return ended ? pass(`${events} events match ${written}`) : pass(`so far: ${written}`);
      return ended
        ? fail(`the stream ended before the sequence did (${written})`)
        : pending(`${events} events match the start of ${written}`);
    },
  };
}

export function noWarningsRule(): CheckRule {
  let count = 0;
  let first = '';
  return {
    name: 'noWarnings',
    push(record) {
      // The attempt limit is the client's own setting (a check run allows one attempt), not
      // something the server did.
      if (record.kind !== 'warning' || record.code === 'reconnect-limit') return;
      if (count++ === 0) first = `${record.message} (${record.code})`;
    },
    result: () =>
      count === 0
        ? pass('no warnings')
        : fail(`${count} warning${count === 1 ? '' : 's'}, the first: ${first}`),
  };
}

export function endsWithRule(expected: Expect['endsWith']): CheckRule {
  let last: CheckEvent | null = null;
  let ended = false;
  const describe = (event: CheckEvent): string =>
    `the last event (${event.index}) has type ${quote(event.type)}` +
    (expected.data === undefined ? '' : ` and data ${quote(event.data.slice(0, 80))}`);
  return {
    name: 'endsWith',
    push(record) {
      if (record.kind === 'event') last = record;
    },
    end() {
      ended = true;
    },
    result() {
      if (last === null) return ended ? fail('no event arrived') : pending('no event yet');
      const typeOk = expected.type === undefined || last.type === expected.type;
      const dataOk = expected.data === undefined || last.data === expected.data;
      if (!ended) return pending(`so far ${describe(last)}`);
      if (expected.data !== undefined && last.truncated === true && typeOk) {
        return skipped("the last event's data is a preview; check it with cli check");
      }
      return typeOk && dataOk ? pass(describe(last)) : fail(describe(last));
    },
  };
}

/** `schemas`: each event of a listed type has JSON data its validator accepts. */
export class SchemasRule extends EventRule {
  readonly name = 'schemas';
  readonly #validators: ReadonlyMap<string, EventValidator>;
  #validated = 0;
  #previews = 0;

  constructor(validators: ReadonlyMap<string, EventValidator>) {
    super();
    this.#validators = validators;
  }

  protected check(event: CheckEvent): string | null {
    const validate = this.#validators.get(event.type);
    if (validate === undefined) return null;
    if (event.truncated === true) {
      this.#previews++;
      return null;
    }
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return `event ${event.index} (${event.type}): data is not JSON`;
    }
    this.#validated++;
    const error = validate(data);
    return error === null ? null : `event ${event.index} (${event.type}): ${error}`;
  }

  protected holding(): Verdict {
    const previews = this.#previews === 0 ? '' : ` (${this.#previews} previews not checked)`;
    return pass(`${this.#validated} events valid${previews}`);
  }
}
