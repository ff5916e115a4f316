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

export class SequenceMatcher {
  /** `x+` is `x x*`: then every step is exactly-one, optional or any-number. */
  readonly #steps: SequenceStep[];
  #positions: Set<number>;
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
    this.#positions = this.#closure([0]);
  }

  push(type: string, index: number): void {
    if (this.#broken !== null) return;
    const next: number[] = [];
    for (const at of this.#positions) {
      const step = this.#steps[at];
      if (step === undefined || step.type !== type) continue;
      next.push(step.quantifier === '*' ? at : at + 1);
    }
    if (next.length === 0) {
      this.#broken = { state: 'broken', index, type, expected: this.#expected() };
      return;
    }
    this.#positions = this.#closure(next);
  }

  verdict(): SequenceVerdict {
    return this.#broken ?? { state: 'matching', complete: this.#positions.has(this.#steps.length) };
  }

  /** The types that could come next (for the failure detail). */
  #expected(): string[] {
    const types = new Set<string>();
    for (const at of this.#positions) {
      const step = this.#steps[at];
      if (step !== undefined) types.add(step.type);
    }
    return [...types];
  }

  /** Adds the positions reachable without an event (past optional and any-number steps). */
  #closure(start: number[]): Set<number> {
    const positions = new Set<number>();
    const stack = [...start];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (positions.has(at)) continue;
      positions.add(at);
      const step = this.#steps[at];
      if (step !== undefined && step.quantifier !== '1') stack.push(at + 1);
    }
    return positions;
  }
}
