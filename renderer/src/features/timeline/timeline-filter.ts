import { describeRecord } from '../../format/describe-record.ts';
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
 * The rows a filter lets through, as indices into the log. Recomputed from scratch when the
 * filters change; otherwise only rows appended since the last call are tested, and appended
 * in place (no copy of a million-entry array per frame).
 */
export class FilteredRows {
  indices: number[] = [];
  #scanned = 0;
  #key = '';
  #matcher: SearchMatcher = { ok: true, test: () => true };

  update(log: TimelineLog, filters: TimelineFilters, visibleCount: number): number[] {
    const key = JSON.stringify(filters);
    if (key !== this.#key || visibleCount < this.#scanned) {
      this.#key = key;
      this.#scanned = 0;
      this.indices = [];
      this.#matcher = compileSearch(filters.searchText, filters.searchIsRegex);
    }
    const hiddenKinds = new Set<string>(filters.hiddenKinds);
    const hiddenTypes = new Set(filters.hiddenTypes);
    const matcher = this.#matcher;
    const unfiltered =
      hiddenKinds.size === 0 && hiddenTypes.size === 0 && filters.searchText === '';
    const indices = this.indices;
    for (let i = this.#scanned; i < visibleCount; i++) {
      if (unfiltered) {
        indices.push(i);
        continue;
      }
      const kind = log.kindAt(i);
      if (kind === 'event' ? hiddenTypes.has(log.typeAt(i)) : hiddenKinds.has(kind)) continue;
      if (filters.searchText !== '') {
        if (!matcher.ok) continue;
        const row = describeRecord(log.entryAt(i).record);
        // Each column is tested on its own, so ^ and $ anchor to the type, id or data.
        if (!matcher.test(row.text) && !matcher.test(row.label) && !matcher.test(row.id)) continue;
      }
      indices.push(i);
    }
    this.#scanned = visibleCount;
    return indices;
  }

  get searchError(): string | null {
    return this.#matcher.ok ? null : this.#matcher.error;
  }
}
