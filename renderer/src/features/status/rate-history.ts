/** Events-per-second samples of one connection, one a second, the last `capacity` kept. */
export class RateHistory {
  readonly samples: number[] = [];
  #lastEvents: number | null = null;
  #lastTime = 0;
  readonly #capacity: number;

  constructor(capacity = 60) {
    this.#capacity = capacity;
  }

  /** Records the event counter at `time` (ms); returns the current rate in events/s. */
  sample(events: number, time: number): number {
    if (this.#lastEvents === null || time <= this.#lastTime) {
      this.#lastEvents = events;
      this.#lastTime = time;
      return this.samples.at(-1) ?? 0;
    }
    const rate = ((events - this.#lastEvents) * 1000) / (time - this.#lastTime);
    this.#lastEvents = events;
    this.#lastTime = time;
    this.samples.push(rate);
    if (this.samples.length > this.#capacity) this.samples.shift();
    return rate;
  }
}

const histories = new Map<number, RateHistory>();

export function rateHistory(connectionId: number): RateHistory {
  let history = histories.get(connectionId);
  if (!history) {
    history = new RateHistory();
    histories.set(connectionId, history);
  }
  return history;
}
