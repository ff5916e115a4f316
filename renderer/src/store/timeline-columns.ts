/** Rows per page of a column, once it is past its first page. */
const pageBits = 16;
const pageRows = 1 << pageBits;
const pageMask = pageRows - 1;

interface Page<V> {
  readonly length: number;
  [row: number]: V;
}

/**
 * A growable column: a million rows cost bytes each, not objects each. It grows by pages of
 * 65,536 rows (the first page doubling up to that from 1,024), never by copying the whole column:
 * at half a million rows, doubling one array per column meant allocating and copying ~60 MB in
 * the middle of appending one live batch. Pages are made at their full size, never grown by
 * push: a growing array is copied again and again into fresh memory, and on a busy VM the page
 * faults alone cost ~100 ns per value appended.
 */
class PagedColumn<V, P extends Page<V>> {
  readonly #make: (size: number) => P;
  readonly #copy: (into: P, from: P) => void;
  readonly #pages: P[];

  constructor(make: (size: number) => P, copy: (into: P, from: P) => void) {
    this.#make = make;
    this.#copy = copy;
    this.#pages = [make(1024)];
  }

  get(row: number): V {
    return (this.#pages[row >>> pageBits] as P)[row & pageMask] as V;
  }

  set(row: number, value: V): void {
    const page = this.#pages[row >>> pageBits];
    if (page !== undefined && (row & pageMask) < page.length) page[row & pageMask] = value;
    else this.#grow(row)[row & pageMask] = value;
  }

  /**
   * Rows `row` to `row + count - 1` take `values[from]` onwards: a live batch's column in one
   * loop per page, not a call per value.
   */
  setRange(row: number, values: ArrayLike<V>, from: number, count: number): void {
    let done = 0;
    while (done < count) {
      const at = row + done;
      let page = this.#pages[at >>> pageBits];
      const offset = at & pageMask;
      if (page === undefined || offset >= page.length) page = this.#grow(at);
      const run = Math.min(count - done, page.length - offset);
      const source = from + done;
      for (let k = 0; k < run; k++) page[offset + k] = values[source + k] as V;
      done += run;
    }
  }

  /** The page that holds `row`, made (with every page before it) if need be. */
  #grow(row: number): P {
    const index = row >>> pageBits;
    const first = this.#pages[0] as P;
    if (first.length < pageRows) {
      const size = index > 0 ? pageRows : Math.min(pageRows, Math.max(first.length * 2, row + 1));
      const grown = this.#make(size);
      this.#copy(grown, first);
      this.#pages[0] = grown;
    }
    while (this.#pages.length <= index) this.#pages.push(this.#make(pageRows));
    return this.#pages[index] as P;
  }
}

export class Float64Column extends PagedColumn<number, Float64Array> {
  constructor() {
    super(
      (size) => new Float64Array(size),
      (into, from) => into.set(from),
    );
  }
}

/** Small non-negative integers (kinds, type ids, flags, row numbers). */
export class Uint32Column extends PagedColumn<number, Uint32Array> {
  constructor() {
    super(
      (size) => new Uint32Array(size),
      (into, from) => into.set(from),
    );
  }
}

/** Strings (event data previews, last event IDs); '' where none was set. */
export class StringColumn extends PagedColumn<string, string[]> {
  constructor() {
    super(
      (size) => new Array<string>(size).fill(''),
      (into, from) => {
        for (let i = 0; i < from.length; i++) into[i] = from[i] as string;
      },
    );
  }
}

/** Row numbers, in the order added (the event rows of an attempt, the rows a filter keeps). */
export class RowList {
  readonly #rows = new Uint32Column();
  #length = 0;

  get length(): number {
    return this.#length;
  }

  at(position: number): number {
    return this.#rows.get(position);
  }

  push(row: number): void {
    this.#rows.set(this.#length++, row);
  }
}
