import { describe, expect, it } from 'vitest';
import { createCheckEvaluator, type CheckEvaluatorOptions } from './check-evaluator.ts';
import type { CheckExpectations } from './check-spec.ts';
import { eventRecord, liveRecords, type StreamEvent } from './check-test-kit.ts';
import type { CheckRecord, CheckResult } from './check-types.ts';

function evaluate(
  expect: CheckExpectations,
  records: CheckRecord[],
  options: CheckEvaluatorOptions = {},
): CheckResult[] {
  const evaluator = createCheckEvaluator(expect, options);
  for (const record of records) evaluator.push(record);
  evaluator.end();
  return evaluator.results();
}

function only(expect: CheckExpectations, records: CheckRecord[], options?: CheckEvaluatorOptions) {
  const [result, ...rest] = evaluate(expect, records, options);
  expect_(rest).toEqual([]);
  return result!;
}
const expect_ = expect;

const typed = (...types: string[]): StreamEvent[] =>
  types.map((type, i) => ({ type, id: String(i + 1), data: '{}' }));

describe('check evaluator', () => {
  it('lists only the checks the spec asks for, in spec key order', () => {
    const results = evaluate({ noWarnings: true, status: 200 }, liveRecords([]));
    expect(results.map((r) => r.name)).toEqual(['status', 'noWarnings']);
  });

  it('status and contentType read the first response', () => {
    expect(only({ status: 200 }, liveRecords([])).state).toBe('pass');
    expect(only({ status: 200 }, liveRecords([], { status: 500 }))).toMatchObject({
      state: 'fail',
      detail: '500 (expected 200)',
    });
    const charset = liveRecords([], { contentType: 'text/event-stream; charset=utf-8' });
    expect(only({ contentType: 'text/event-stream' }, charset).state).toBe('pass');
    const plain = liveRecords([], { contentType: 'text/plain' });
    expect(only({ contentType: 'text/event-stream' }, plain)).toMatchObject({
      state: 'fail',
      detail: '"text/plain" (expected text/event-stream)',
    });
  });

  it('events: min and max', () => {
    const three = liveRecords(typed('a', 'a', 'a'));
    expect(only({ events: { min: 3, max: 3 } }, three).state).toBe('pass');
    expect(only({ events: { min: 4 } }, three)).toMatchObject({
      state: 'fail',
      detail: '3 events (expected at least 4)',
    });
    expect(only({ events: { max: 2 } }, three).state).toBe('fail');
  });

  it('types: the first event of a type not allowed fails', () => {
    expect(only({ types: ['a', 'b'] }, liveRecords(typed('a', 'b'))).state).toBe('pass');
    expect(only({ types: ['a'] }, liveRecords(typed('a', 'c', 'd')))).toMatchObject({
      state: 'fail',
      detail: 'event 1 has type "c" (allowed: a)',
    });
  });

  it('sequence: a pattern matched against the whole stream', () => {
    const pattern = ['start', 'delta+', 'usage?', 'done'];
    expect(
      only({ sequence: pattern }, liveRecords(typed('start', 'delta', 'delta', 'done'))).state,
    ).toBe('pass');
    expect(
      only({ sequence: pattern }, liveRecords(typed('start', 'delta', 'usage', 'done'))).state,
    ).toBe('pass');
    expect(only({ sequence: pattern }, liveRecords(typed('start', 'done')))).toMatchObject({
      state: 'fail',
      detail: 'event 1 has type "done" where delta was expected (start delta+ usage? done)',
    });
    expect(only({ sequence: pattern }, liveRecords(typed('start', 'delta')))).toMatchObject({
      state: 'fail',
      detail: 'the stream ended before the sequence did (start delta+ usage? done)',
    });
    expect(only({ sequence: ['ping*', 'a'] }, liveRecords(typed('a'))).state).toBe('pass');
  });

  it('ids: unique, and increasing in numeric or string order', () => {
    const ids = (...list: string[]) => liveRecords(list.map((id) => ({ id })));
    expect(only({ ids: 'unique' }, ids('a', 'b', 'c')).state).toBe('pass');
    expect(only({ ids: 'unique' }, ids('a', 'b', 'a'))).toMatchObject({
      state: 'fail',
      detail: 'event 2 repeats id "a"',
    });
    // Counting up, then an id seen before; "01" is another id than "1".
    expect(only({ ids: 'unique' }, ids('1', '2', '3', '2')).detail).toBe('event 3 repeats id "2"');
    expect(only({ ids: 'unique' }, ids('1', '2', '01', 'a', '3')).state).toBe('pass');
    expect(only({ ids: 'unique' }, ids('1', 'a', '1')).detail).toBe('event 2 repeats id "1"');
    expect(only({ ids: 'increasing' }, ids('9', '10', '11')).state).toBe('pass');
    expect(only({ ids: 'increasing' }, ids('1', '3', '2'))).toMatchObject({
      state: 'fail',
      detail: 'event 2 has id "2" after "3" (numeric order)',
    });
    // "10" < "9" as strings: numbers mixed with words are compared as strings.
    expect(only({ ids: 'increasing' }, ids('9', '10', 'x')).detail).toBe(
      'event 1 has id "10" after "9" (string order)',
    );
    expect(only({ ids: 'unique' }, ids('1', '')).detail).toBe('event 1 has no id');
  });

  it('maxGapMs: the longest silence between events of an attempt, and after the last one', () => {
    const gap = liveRecords([{ t: 10 }, { t: 100 }, { t: 3112 }, { t: 3200 }]);
    expect(only({ maxGapMs: 2000 }, gap)).toMatchObject({
      state: 'fail',
      detail: '3012 ms between events 1 and 2 (limit 2000)',
    });
    expect(only({ maxGapMs: 3100 }, gap).state).toBe('pass');
    const quietEnd: CheckRecord[] = [
      ...liveRecords([{ t: 10 }]).slice(0, -1),
      { kind: 'closed', attempt: 1, t: 5010, reason: 'user-closed' },
    ];
    expect(only({ maxGapMs: 2000 }, quietEnd).detail).toBe(
      '5000 ms after event 0 without another (limit 2000)',
    );
  });

  it('maxGapMs fails live while the stream is silent (tick)', () => {
    const evaluator = createCheckEvaluator({ maxGapMs: 1000 });
    for (const record of liveRecords([{ t: 10 }]).slice(0, -1)) evaluator.push(record);
    evaluator.tick(500);
    expect(evaluator.results()[0]!.state).toBe('pending');
    evaluator.tick(1500);
    expect(evaluator.results()[0]!.state).toBe('fail');
  });

  it('firstEventWithinMs: from the request to the first event', () => {
    expect(only({ firstEventWithinMs: 100 }, liveRecords([{ t: 50 }])).state).toBe('pass');
    expect(only({ firstEventWithinMs: 100 }, liveRecords([{ t: 250 }]))).toMatchObject({
      state: 'fail',
      detail: 'the first event came 250 ms after the request (limit 100)',
    });
    expect(only({ firstEventWithinMs: 100 }, liveRecords([])).detail).toBe('no event arrived');
  });

  it('noWarnings', () => {
    expect(only({ noWarnings: true }, liveRecords(typed('a'))).state).toBe('pass');
    const warned: CheckRecord[] = [
      ...liveRecords(typed('a')),
      { kind: 'warning', attempt: 1, t: 3, code: 'unknown-field', message: 'Unknown field' },
    ];
    expect(only({ noWarnings: true }, warned)).toMatchObject({
      state: 'fail',
      detail: '1 warning, the first: Unknown field (unknown-field)',
    });
  });

  it('endsWith: the last event type and data', () => {
    const stream = liveRecords([
      { type: 'delta', data: 'x' },
      { type: 'done', data: '[DONE]' },
    ]);
    expect(only({ endsWith: { type: 'done' } }, stream).state).toBe('pass');
    expect(only({ endsWith: { type: 'done', data: '[DONE]' } }, stream).state).toBe('pass');
    expect(only({ endsWith: { type: 'delta' } }, stream)).toMatchObject({
      state: 'fail',
      detail: 'the last event (1) has type "done"',
    });
  });

  it('schemas: the event index and the validator error', () => {
    const validators = new Map([
      [
        'delta',
        (data: unknown) =>
          typeof (data as { text?: unknown }).text === 'string' ? null : '/text must be string',
      ],
    ]);
    const good = liveRecords([
      { type: 'delta', data: '{"text":"a"}' },
      { type: 'done', data: 'x' },
    ]);
    expect(only({ schemas: { delta: {} } }, good, { validators })).toMatchObject({
      state: 'pass',
      detail: '1 events valid',
    });
    const bad = liveRecords([
      { type: 'delta', data: '{"text":"a"}' },
      { type: 'delta', data: '{"text":1}' },
    ]);
    expect(only({ schemas: { delta: {} } }, bad, { validators })).toMatchObject({
      state: 'fail',
      detail: 'event 1 (delta): /text must be string',
    });
    const notJson = liveRecords([{ type: 'delta', data: 'nope' }]);
    expect(only({ schemas: { delta: {} } }, notJson, { validators }).detail).toBe(
      'event 0 (delta): data is not JSON',
    );
    expect(
      only({ schemas: { delta: {} } }, good, { schemasUnavailable: 'not here' }),
    ).toMatchObject({ state: 'skipped', detail: 'not here' });
  });

  it('offline input: timing, response and resume checks are skipped', () => {
    const records = [eventRecord({ id: '1' }, 0, null), eventRecord({ id: '2' }, 1, null)];
    const results = evaluate(
      {
        status: 200,
        maxGapMs: 10,
        firstEventWithinMs: 10,
        resume: { dropAfter: 1 },
        ids: 'increasing',
      },
      records,
      { offline: true },
    );
    expect(results.map((r) => [r.name, r.state])).toEqual([
      ['status', 'skipped'],
      ['ids', 'pass'],
      ['maxGapMs', 'skipped'],
      ['firstEventWithinMs', 'skipped'],
      ['resume', 'skipped'],
    ]);
  });

  it('turns checks live: pending while undecided, pass or fail as events arrive', () => {
    const evaluator = createCheckEvaluator({ events: { min: 2 }, types: ['a'] });
    const records = liveRecords(typed('a', 'a'));
    evaluator.push(records[0]!);
    evaluator.push(records[1]!);
    evaluator.push(records[2]!);
    expect(evaluator.results().map((r) => r.state)).toEqual(['pending', 'pass']);
    evaluator.push(records[3]!);
    expect(evaluator.results().map((r) => r.state)).toEqual(['pass', 'pass']);
  });
});
