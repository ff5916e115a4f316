import type { CaptureRecord } from './records.ts';

/**
 * Where a record comes from, which decides the lists below:
 * - `connection`: the engine, about the connection itself (what `cli capture --summary` prints);
 * - `control`: a manual control the user applied;
 * - `body`: the bytes as received (not a timeline row: the raw view shows them);
 * - `stream`: read from the body by the parser (warnings come from the engine too).
 */
export type RecordGroup = 'connection' | 'control' | 'body' | 'stream';

/**
 * Every capture record kind, once, in the order the timeline lists them (its kind filter).
 * Every other list of kinds derives from this one. `satisfies` makes it exactly the kinds of
 * CaptureRecord: a record type added to records.ts without a line here fails to compile, and
 * so does a line here without a record type.
 */
export const recordKindGroups = {
  attempt: 'connection',
  redirect: 'connection',
  response: 'connection',
  chunk: 'body',
  event: 'stream',
  retry: 'stream',
  comment: 'stream',
  warning: 'stream',
  error: 'connection',
  closed: 'connection',
  reconnect: 'connection',
  control: 'control',
} as const satisfies Record<CaptureRecord['kind'], RecordGroup>;

export type RecordKind = keyof typeof recordKindGroups;

/** The kinds of the given groups. */
export type KindIn<G extends RecordGroup> = {
  [K in RecordKind]: (typeof recordKindGroups)[K] extends G ? K : never;
}[RecordKind];

// The object's own keys are exactly RecordKind (it is a literal checked by `satisfies`).
export const recordKinds = Object.keys(recordKindGroups) as readonly RecordKind[];

function kindsIn<G extends RecordGroup>(...groups: readonly G[]): readonly KindIn<G>[] {
  const wanted: ReadonlySet<RecordGroup> = new Set(groups);
  return recordKinds.filter((kind): kind is KindIn<G> => wanted.has(recordKindGroups[kind]));
}

/** Kinds that are timeline rows: all but chunks. */
export type TimelineKind = KindIn<'connection' | 'control' | 'stream'>;
export const timelineKinds = kindsIn('connection', 'control', 'stream');

/** What happened to the connection, as the engine reports it (no user controls, no body). */
export type ConnectionKind = KindIn<'connection'>;
export const connectionKinds = kindsIn('connection');

/**
 * True when the two unions hold the same members, a compile error otherwise: for checking a
 * list (a schema's kinds, an enum's values) against the union it must match.
 */
export type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
