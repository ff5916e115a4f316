import type { CheckExpectations } from './check-spec.ts';
import { fail, pass, type CheckEvent, type Verdict } from './check-types.ts';
import { EventRule, quote } from './event-rule.ts';

/** `ids`: every event carries an id, unique, or increasing (numerically when all are numbers). */
export class IdsRule extends EventRule {
  readonly name = 'ids';
  readonly #mode: Required<CheckExpectations>['ids'];
  readonly #seen = new IdSet();
  #previous: CheckEvent | null = null;
  #allNumeric = true;
  #numericBreak: string | null = null;
  #stringBreak: string | null = null;

  constructor(mode: Required<CheckExpectations>['ids']) {
    super();
    this.#mode = mode;
  }

  protected check(event: CheckEvent): string | null {
    const id = event.lastEventId;
    if (id === '') return `event ${event.index} has no id`;
    if (this.#mode === 'unique') {
      return this.#seen.add(id) ? null : `event ${event.index} repeats id ${quote(id)}`;
    }
    const previous = this.#previous;
    this.#previous = event;
    const numeric = isNumber(id);
    if (!numeric) this.#allNumeric = false;
    if (previous === null) return null;
    const broke = `event ${event.index} has id ${quote(id)} after ${quote(previous.lastEventId)}`;
    if (numeric && isNumber(previous.lastEventId) && Number(id) <= Number(previous.lastEventId)) {
      this.#numericBreak ??= broke;
    }
    if (id <= previous.lastEventId) this.#stringBreak ??= broke;
    return null;
  }

  override result(): Verdict {
    if (this.failure !== null) return fail(this.failure);
    if (this.#mode === 'increasing') {
      const broke = this.#allNumeric ? this.#numericBreak : this.#stringBreak;
      if (broke !== null)
        return fail(`${broke} (${this.#allNumeric ? 'numeric' : 'string'} order)`);
    }
    return this.holding();
  }

  protected holding(): Verdict {
    const what =
      this.#mode === 'unique'
        ? 'unique'
        : `increasing (${this.#allNumeric ? 'numeric' : 'string'} order)`;
    return pass(`${this.events} ids, ${what}`);
  }
}

/**
 * The ids seen, for `unique`. Servers mostly count up: while every id is a canonical integer
 * above the last, a number array is enough (nothing to look up); the first other id moves
 * them into a Set.
 */
class IdSet {
  #last = -Infinity;
  #counting: number[] | null = [];
  #set: Set<string> | null = null;

  /** Adds the id; false when it was seen before. */
  add(id: string): boolean {
    if (this.#counting !== null) {
      const n = Number(id);
      if (Number.isSafeInteger(n) && String(n) === id && n > this.#last) {
        this.#last = n;
        this.#counting.push(n);
        return true;
      }
      this.#set = new Set(this.#counting.map(String));
      this.#counting = null;
    }
    const set = this.#set!;
    if (set.has(id)) return false;
    set.add(id);
    return true;
  }
}

const isNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));
