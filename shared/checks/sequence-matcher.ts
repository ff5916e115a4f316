/**
 * The `sequence` check: event types as a pattern (`start`, `delta+`, `usage?`, `ping*`) matched
 * against the whole stream. The pattern compiles to a small NFA whose state is a set of step
 * positions, so each event costs O(steps) and no text grows with the stream.
 */

export type Quantifier = '1' | '?' | '*' | '+';

export interface SequenceStep {
  type: string;
  quantifier: Quantifier;
}

const STEP = /^([^\s?*+]+)([?*+])?$/;

/** Throws an Error naming the first bad step. */
export function parseSequencePattern(steps: readonly string[]): SequenceStep[] {
  return steps.map((text) => {
    const match = STEP.exec(text);
    if (match === null) {
      throw new Error(
        `bad pattern "${text}": a step is an event type, optionally followed by ?, * or +`,
      );
    }
    return { type: match[1]!, quantifier: (match[2] ?? '1') as Quantifier };
  });
}

export type SequenceVerdict =
  | { state: 'matching'; complete: boolean }
  | { state: 'broken'; index: number; type: string; expected: string[] };

/** A set of step positions, with the transitions out of it built as events need them. */
interface State {
  positions: number[];
  accepting: boolean;
  next: Map<string, State | null>;
}

/**
 * The NFA run as a DFA built lazily: each state is a set of positions, and a transition is
 * computed once per (state, event type), so a long stream costs two map lookups per event.
 */
export class SequenceMatcher {
  /** `x+` is `x x*`: then every step is exactly-one, optional or any-number. */
  readonly #steps: SequenceStep[];
  readonly #states = new Map<string, State>();
  #state: State;
  #broken: SequenceVerdict | null = null;

  constructor(steps: readonly SequenceStep[]) {
    this.#steps = steps.flatMap((step) =>
      step.quantifier === '+'
        ? [
            { type: step.type, quantifier: '1' as const },
            { type: step.type, quantifier: '*' as const },
          ]
        : [step],
    );
    this.#state = this.#stateOf([0]);
  }

  push(type: string, index: number): void {
    if (this.#broken !== null) return;
    const state = this.#state;
    let next = state.next.get(type);
    if (next === undefined) {
      const targets: number[] = [];
      for (const at of state.positions) {
        const step = this.#steps[at];
        if (step === undefined || step.type !== type) continue;
        targets.push(step.quantifier === '*' ? at : at + 1);
      }
      next = targets.length === 0 ? null : this.#stateOf(targets);
      state.next.set(type, next);
    }
    if (next === null) {
      this.#broken = { state: 'broken', index, type, expected: this.#expected(state) };
      return;
    }
    this.#state = next;
  }

  verdict(): SequenceVerdict {
    return this.#broken ?? { state: 'matching', complete: this.#state.accepting };
  }

  /** The types that could come next (for the failure detail). */
  #expected(state: State): string[] {
    const types = new Set<string>();
    for (const at of state.positions) {
      const step = this.#steps[at];
      if (step !== undefined) types.add(step.type);
    }
    return [...types];
  }

  /** The state of these positions plus those reachable without an event (past `?` and `*`). */
  #stateOf(start: number[]): State {
    const positions = new Set<number>();
    const stack = [...start];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (positions.has(at)) continue;
      positions.add(at);
      const step = this.#steps[at];
      if (step !== undefined && step.quantifier !== '1') stack.push(at + 1);
    }
    const sorted = [...positions].sort((a, b) => a - b);
    const key = sorted.join(',');
    let state = this.#states.get(key);
    if (state === undefined) {
      state = { positions: sorted, accepting: positions.has(this.#steps.length), next: new Map() };
      this.#states.set(key, state);
    }
    return state;
  }
}
