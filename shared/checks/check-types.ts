import type {
  AttemptRecord,
  CaptureRecord,
  ClosedRecord,
  ControlRecord,
  ErrorRecord,
  EventRecord,
  ResponseRecord,
  WarningRecord,
} from '../capture/records.ts';
import type { CheckName } from './check-spec.ts';

/**
 * What the evaluator reads: capture records (or the renderer's previews of them). Only the fields
 * the checks use are required; offline input (a raw file) has no times (`t: null`).
 */
export type CheckRecord =
  | Pick<AttemptRecord, 'kind' | 'attempt' | 't' | 'lastEventId'>
  | Pick<ResponseRecord, 'kind' | 'attempt' | 't' | 'status' | 'contentType'>
  | CheckEvent
  | (Pick<WarningRecord, 'kind' | 'attempt' | 'code' | 'message'> & { t: number | null })
  | Pick<ErrorRecord, 'kind' | 'attempt' | 't' | 'category' | 'message'>
  | Pick<ClosedRecord, 'kind' | 'attempt' | 't' | 'reason'>
  | Pick<ControlRecord, 'kind' | 'attempt' | 't' | 'action'>
  | { kind: Exclude<CaptureRecord['kind'], CheckRecordKind>; attempt: number };

type CheckRecordKind =
  'attempt' | 'response' | 'event' | 'warning' | 'error' | 'closed' | 'control';

export type CheckEvent = Pick<
  EventRecord,
  'kind' | 'attempt' | 'index' | 'type' | 'data' | 'lastEventId'
> & {
  t: number | null;
  /** The data is a preview cut short (the renderer's feed): content checks skip it. */
  truncated?: boolean;
};

export type CheckState = 'pending' | 'pass' | 'fail' | 'skipped';

export interface CheckResult {
  /** The spec key under `expect`. */
  name: CheckName;
  state: CheckState;
  /** Why, in a line: `3012 ms between events 4 and 5 (limit 2000)`. */
  detail: string;
}

/** Validates one event's parsed data; returns the first schema error as text, or null. */
export type EventValidator = (data: unknown) => string | null;

/** One check's incremental state. */
export interface CheckRule {
  readonly name: CheckName;
  push(record: CheckRecord): void;
  /** Time passes with nothing received (live views); `t` on the records' clock. */
  tick?(t: number): void;
  /** The stream is over. */
  end?(): void;
  result(): Omit<CheckResult, 'name'>;
}

export type Verdict = Omit<CheckResult, 'name'>;

export const pending = (detail: string): Verdict => ({ state: 'pending', detail });
export const pass = (detail: string): Verdict => ({ state: 'pass', detail });
export const fail = (detail: string): Verdict => ({ state: 'fail', detail });
export const skipped = (detail: string): Verdict => ({ state: 'skipped', detail });

/** `3012` for whole numbers of ms, else one decimal (times are fractional). */
export function formatMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}
