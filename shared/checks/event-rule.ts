import {
  fail,
  type CheckEvent,
  type CheckRecord,
  type CheckRule,
  type Verdict,
} from './check-types.ts';

export const quote = (text: string): string => JSON.stringify(text);

/** A rule whose verdict is fixed at the first violation. */
export abstract class EventRule implements CheckRule {
  abstract readonly name: CheckRule['name'];
  protected failure: string | null = null;
  protected events = 0;
  protected ended = false;

  push(record: CheckRecord): void {
    if (record.kind !== 'event' || this.failure !== null) return;
    this.events++;
    this.failure = this.check(record);
  }

  end(): void {
    this.ended = true;
  }

  result(): Verdict {
    return this.failure === null ? this.holding() : fail(this.failure);
  }

  protected abstract check(event: CheckEvent): string | null;
  protected abstract holding(): Verdict;
}
