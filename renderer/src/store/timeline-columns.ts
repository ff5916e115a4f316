type Values = Float64Array | Uint32Array;

/** A growable typed column: a million rows cost bytes each, not objects each. */
class TypedColumn<T extends Values> {
  readonly #make: (size: number) => T;
  #values: T;

  constructor(make: (size: number) => T) {
    this.#make = make;
    this.#values = make(1024);
  }

  get(row: number): number {
    return this.#values[row] as number;
  }

  set(row: number, value: number): void {
    this.reserve(row + 1)[row] = value;
  }

  /** The values, with room for at least `rows` (a batch writes them directly). */
  reserve(rows: number): T {
    if (rows > this.#values.length) {
      const grown = this.#make(Math.max(this.#values.length * 2, rows));
      grown.set(this.#values);
      this.#values = grown;
    }
    return this.#values;
  }
}

export class Float64Column extends TypedColumn<Float64Array> {
  constructor() {
    super((size) => new Float64Array(size));
  }
}

/** Small non-negative integers (kinds, type ids, flags). */
export class Uint32Column extends TypedColumn<Uint32Array> {
  constructor() {
    super((size) => new Uint32Array(size));
  }
}
