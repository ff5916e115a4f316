type Values = Float64Array | Uint32Array;

/** Rows per page of a column, once it is past its first page. */
const pageBits = 16;
const pageRows = 1 << pageBits;
const pageMask = pageRows - 1;

/**
 * A growable typed column: a million rows cost bytes each, not objects each. It grows by pages of
 * 65,536 rows (the first page doubling up to that from 1,024), never by copying the whole column:
 * at half a million rows, doubling one array per column meant allocating and copying ~60 MB in
 * the middle of appending one live batch.
 */
class TypedColumn<T extends Values> {
  readonly #make: (size: number) => T;
  readonly #pages: T[];

  constructor(make: (size: number) => T) {
    this.#make = make;
    this.#pages = [make(1024)];
  }

  get(row: number): number {
    return (this.#pages[row >>> pageBits] as T)[row & pageMask] as number;
  }

  set(row: number, value: number): void {
    const page = this.#pages[row >>> pageBits];
    if (page !== undefined && (row & pageMask) < page.length) page[row & pageMask] = value;
    else this.#grow(row)[row & pageMask] = value;
  }

  /** The page that holds `row`, made (with every page before it) if need be. */
  #grow(row: number): T {
    const index = row >>> pageBits;
    const first = this.#pages[0] as T;
    if (first.length < pageRows) {
      const size = index > 0 ? pageRows : Math.min(pageRows, Math.max(first.length * 2, row + 1));
      const grown = this.#make(size);
      grown.set(first);
      this.#pages[0] = grown;
    }
    while (this.#pages.length <= index) this.#pages.push(this.#make(pageRows));
    return this.#pages[index] as T;
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
