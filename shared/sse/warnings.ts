import type { SseWarningCode } from './types.ts';

export const DEFAULT_MAX_WARNINGS_PER_CODE = 20;

/**
 * Rate-limits warnings so a hostile or badly broken stream cannot flood the inspector:
 * the first `limit` warnings of each code are reported, then one `warnings-suppressed`
 * warning names the code, and later ones of that code are only counted (see `counts`).
 */
/** What a gate emits: the SSE parser's warning output, or a framing parser's (shared/streams). */
export interface GatedWarning<Code extends string> {
  kind: 'warning';
  code: Code | 'warnings-suppressed';
  message: string;
  offset: number;
}

export class WarningGate<Code extends string = SseWarningCode> {
  readonly counts: Partial<Record<Code | 'warnings-suppressed', number>> = {};
  private readonly limit: number;
  private readonly emit: (output: GatedWarning<Code>) => void;

  constructor(limit: number, emit: (output: GatedWarning<NoInfer<Code>>) => void) {
    this.limit = limit;
    this.emit = emit;
  }

  /** Returns false when the warning was suppressed, so callers can skip building details. */
  wouldReport(code: Code): boolean {
    return (this.counts[code] ?? 0) < this.limit;
  }

  warn(code: Code, message: string, offset: number): void {
    const seen = (this.counts[code] ?? 0) + 1;
    this.counts[code] = seen;
    if (seen <= this.limit) {
      this.emit({ kind: 'warning', code, message, offset });
    } else if (seen === this.limit + 1) {
      this.counts['warnings-suppressed'] = (this.counts['warnings-suppressed'] ?? 0) + 1;
      this.emit({
        kind: 'warning',
        code: 'warnings-suppressed',
        message: `further '${code}' warnings suppressed (more than ${this.limit} in this stream)`,
        offset,
      });
    }
  }
}

/** Shortens untrusted text for a warning message (never between the halves of a pair). */
export function quoteForMessage(text: string, max = 40): string {
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  const shown = text.length > max ? `${text.slice(0, end)}…` : text;
  return JSON.stringify(shown);
}

const KNOWN_FIELDS = ['event', 'data', 'id', 'retry'];

export function unknownFieldMessage(name: string): string {
  const lower = name.toLowerCase().trim();
  const hint = KNOWN_FIELDS.includes(lower)
    ? ` (field names are case-sensitive and exact: did you mean '${lower}'?)`
    : '';
  return `unknown field ${quoteForMessage(name)} ignored${hint}`;
}
