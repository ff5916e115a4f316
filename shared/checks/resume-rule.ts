import { fail, pass, pending, skipped, type CheckRule, type Verdict } from './check-types.ts';

/**
 * `resume`: after `dropAfter` events the runner cuts the connection as Drop does and reconnects
 * at once with Last-Event-ID. This rule judges the reconnect, whoever caused it: the server must
 * answer 200 with an event stream, repeat no id it sent before the drop, and, when those ids
 * were consecutive integers, go on with the next one.
 */
export class ResumeRule implements CheckRule {
  readonly name = 'resume';
  readonly dropAfter: number;
  readonly #offline: boolean;
  readonly #before = new Set<string>();
  #firstBefore: string | null = null;
  #lastBefore: string | null = null;
  /** True while the ids before the drop are consecutive integers. */
  #consecutive = true;
  #eventsBefore = 0;
  /** The reconnect's attempt number once it started. */
  #reconnect: number | null = null;
  #sentId: string | null = null;
  #verdict: Verdict | null = null;
  #after = 0;
  #ended = false;

  constructor(dropAfter: number, offline: boolean) {
    this.dropAfter = dropAfter;
    this.#offline = offline;
  }

  /** The runner should drop the connection now (enough events, no reconnect yet). */
  dropDue(): boolean {
    return !this.#offline && this.#reconnect === null && this.#eventsBefore >= this.dropAfter;
  }

  push(record: Parameters<CheckRule['push']>[0]): void {
    if (this.#offline || this.#verdict !== null) return;
    if (record.kind === 'attempt' && record.attempt > 1 && this.#reconnect === null) {
      this.#reconnect = record.attempt;
      this.#sentId = record.lastEventId;
      // Without an id there is nothing to resume from: the server can only start over.
      if (this.#lastBefore === null) {
        this.#verdict = fail(
          `no event before the drop had an id (${this.#eventsBefore} events), so there was no Last-Event-ID to resume from`,
        );
      }
      return;
    }
    if (this.#reconnect === null) {
      if (record.kind === 'event') this.#before1(record.lastEventId);
      return;
    }
    if (record.attempt !== this.#reconnect) return;
    if (record.kind === 'response') this.#response(record.status, record.contentType);
    else if (record.kind === 'event') this.#eventAfter(record.lastEventId, record.index);
    else if (record.kind === 'error' && this.#after === 0) {
      this.#verdict = fail(`the reconnect failed: ${record.message}`);
    }
  }

  end(): void {
    this.#ended = true;
  }

  result(): Verdict {
    if (this.#offline) return skipped('a raw stream file cannot be reconnected');
    if (this.#verdict !== null) return this.#verdict;
    if (this.#reconnect === null) {
      const detail = `${this.#eventsBefore} of ${this.dropAfter} events before the drop`;
      return this.#ended ? fail(`the stream ended with ${detail}`) : pending(detail);
    }
    if (this.#after === 0) {
      return this.#ended
        ? fail(`no event after the reconnect (Last-Event-ID ${this.#sent()})`)
        : pending('reconnected, waiting for an event');
    }
    return pass(
      `resumed after id ${this.#sent()} with no repeated id (${this.#after} events after)`,
    );
  }

  #before1(id: string): void {
    this.#eventsBefore++;
    if (id === '') return;
    if (this.#lastBefore !== null && id !== this.#lastBefore) {
      this.#consecutive &&=
        isInteger(id) && isInteger(this.#lastBefore) && Number(id) === Number(this.#lastBefore) + 1;
    } else if (this.#lastBefore === null) {
      this.#consecutive = isInteger(id);
      this.#firstBefore = id;
    }
    this.#before.add(id);
    this.#lastBefore = id;
  }

  #response(status: number, contentType: string | null): void {
    const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (status === 204) {
      this.#verdict = fail(`the server answered 204 No Content to Last-Event-ID ${this.#sent()}`);
    } else if (status !== 200 || media !== 'text/event-stream') {
      this.#verdict = fail(
        `the reconnect got ${status} ${contentType ?? 'without a content type'} (expected 200 text/event-stream)`,
      );
    }
  }

  #eventAfter(id: string, index: number): void {
    const first = this.#after++ === 0;
    if (this.#before.has(id)) {
      this.#verdict =
        first && id === this.#firstBefore
          ? fail(
              `replayed from the start: event ${index} after the reconnect has id ${JSON.stringify(id)}, the first id received (Last-Event-ID ${this.#sent()})`,
            )
          : fail(
              `event ${index} after the reconnect repeats id ${JSON.stringify(id)} (Last-Event-ID ${this.#sent()})`,
            );
      return;
    }
    if (first && this.#consecutive && this.#lastBefore !== null) {
      const next = Number(this.#lastBefore) + 1;
      if (!(isInteger(id) && Number(id) === next)) {
        this.#verdict = fail(
          `the first event after the reconnect has id ${JSON.stringify(id)}, expected ${next}`,
        );
      }
    }
  }

  #sent(): string {
    return this.#sentId === null ? '(none)' : JSON.stringify(this.#sentId);
  }
}

const isInteger = (text: string): boolean => /^-?\d+$/.test(text.trim());
