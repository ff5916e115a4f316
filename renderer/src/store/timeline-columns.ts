/** Growable typed columns: a million rows cost bytes each, not objects each. */
export class Float64Column {
  #values = new Float64Array(1024);

  get(row: number): number {
    return this.#values[row] as number;
  }

  /** The values, with room for at least `rows` (a batch writes them directly). */
  reserve(rows: number): Float64Array {
    if (rows > this.#values.length) {
      const grown = new Float64Array(Math.max(this.#values.length * 2, rows));
      grown.set(this.#values);
      this.#values = grown;
    }
    return this.#values;
  }

  set(row: number, value: number): void {
    if (row >= this.#values.length) {
      const grown = new Float64Array(Math.max(this.#values.length * 2, row + 1));
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[row] = value;
  }
}

/** Small non-negative integers (kinds, type ids, flags). */
export class Uint32Column {
  #values = new Uint32Array(1024);

  get(row: number): number {
    return this.#values[row] as number;
  }

  /** The values, with room for at least `rows` (a batch writes them directly). */
  reserve(rows: number): Uint32Array {
    if (rows > this.#values.length) {
      const grown = new Uint32Array(Math.max(this.#values.length * 2, rows));
      grown.set(this.#values);
      this.#values = grown;
    }
    return this.#values;
  }

  set(row: number, value: number): void {
    if (row >= this.#values.length) {
      const grown = new Uint32Array(Math.max(this.#values.length * 2, row + 1));
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[row] = value;
  }
}
