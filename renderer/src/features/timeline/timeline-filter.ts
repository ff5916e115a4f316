import { describeRecord } from '../../format/describe-record.ts';
import { RowList } from '../../store/timeline-columns.ts';
import type { TimelineLog } from '../../store/timeline-log.ts';
import type { TimelineFilters } from '../../store/timeline-view-slice.ts';
import { errorMessage } from '../../../../shared/errors.ts';

export type SearchMatcher =
  { ok: true; test: (text: string) => boolean } | { ok: false; error: string };

/** Plain search is case-insensitive substring; regex search uses the user's pattern (flag i). */
export function compileSearch(text: string, isRegex: boolean): SearchMatcher {
  if (text === '') return { ok: true, test: () => true };
  if (!isRegex) {
    const needle = text.toLowerCase();
    return { ok: true, test: (haystack) => haystack.toLowerCase().includes(needle) };
  }
  try {
    const pattern = new RegExp(text, 'i');
    return { ok: true, test: (haystack) => pattern.test(haystack) };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/**
 * The rows a filter lets through, as positions of log rows. Recomputed from scratch when the
 * filters change; otherwise only rows appended since the last call are tested. Without a filter
 * every row passes and nothing is stored: position and row are the same number.
 */
export class FilteredRows {
  #kept = new RowList();
  #all = true;
  #length = 0;
  #scanned = 0;
  #key = '';
  #matcher: SearchMatcher = { ok: true, test: () => true };

  /** How many rows pass. */
  get length(): number {
    return this.#length;
  }

  /** The log row at this position among the rows that pass. */
  at(position: number): number {
    return this.#all ? position : this.#kept.at(position);
  }

  update(log: TimelineLog, filters: TimelineFilters, visibleCount: number): this {
    const key = JSON.stringify(filters);
    if (key !== this.#key || visibleCount < this.#scanned) {
      this.#key = key;
      this.#scanned = 0;
      this.#kept = new RowList();
      this.#matcher = compileSearch(filters.searchText, filters.searchIsRegex);
    }
    this.#all = filters.hiddenKinds.length === 0 && filters.hiddenTypes.length === 0;
    this.#all &&= filters.searchText === '';
    if (this.#all) {
      this.#scanned = visibleCount;
      this.#length = visibleCount;
      return this;
    }
    const hiddenKinds = new Set<string>(filters.hiddenKinds);
    const hiddenTypes = new Set(filters.hiddenTypes);
    const matcher = this.#matcher;
    const kept = this.#kept;
    for (let i = this.#scanned; i < visibleCount; i++) {
      const kind = log.kindAt(i);
      if (kind === 'event' ? hiddenTypes.has(log.typeAt(i)) : hiddenKinds.has(kind)) continue;
      if (filters.searchText !== '') {
        if (!matcher.ok) continue;
        const row = describeRecord(log.entryAt(i).record);
        // Each column is tested on its own, so ^ and $ anchor to the type, id or data.
        if (!matcher.test(row.text) && !matcher.test(row.label) && !matcher.test(row.id)) continue;
      }
      kept.push(i);
    }
    this.#scanned = visibleCount;
    this.#length = kept.length;
    return this;
  }

  get searchError(): string | null {
    return this.#matcher.ok ? null : this.#matcher.error;
  }
}
