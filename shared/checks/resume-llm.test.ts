import { describe, expect, it } from 'vitest';
import { createCheckEvaluator } from './check-evaluator.ts';
import { eventRecord } from './check-test-kit.ts';
import type { CheckRecord } from './check-types.ts';

/** Attempt 1 sends ids 1..3, is dropped, attempt 2 answers `status` and sends `after` ids. */
function resumed(after: string[], status = 200): CheckRecord[] {
  const records: CheckRecord[] = [{ kind: 'attempt', attempt: 1, t: 0, lastEventId: null }];
  records.push({
    kind: 'response',
    attempt: 1,
    t: 1,
    status: 200,
    contentType: 'text/event-stream',
  });
  ['1', '2', '3'].forEach((id, i) => records.push(eventRecord({ id }, i, 10 + i)));
  records.push({ kind: 'control', attempt: 1, t: 20, action: 'drop-connection' });
  records.push({ kind: 'closed', attempt: 1, t: 20, reason: 'user-dropped' });
  records.push({ kind: 'attempt', attempt: 2, t: 21, lastEventId: '3' });
  records.push({
    kind: 'response',
    attempt: 2,
    t: 22,
    status,
    contentType: status === 204 ? null : 'text/event-stream',
  });
  after.forEach((id, i) => records.push(eventRecord({ id, attempt: 2 }, 3 + i, 30 + i)));
  return records;
}

function resumeResult(records: CheckRecord[]) {
  const evaluator = createCheckEvaluator({ resume: { dropAfter: 3 } });
  for (const record of records) evaluator.push(record);
  evaluator.end();
  return evaluator.results()[0]!;
}

describe('resume check', () => {
  it('asks for the drop once dropAfter events arrived, and not again after the reconnect', () => {
    const evaluator = createCheckEvaluator({ resume: { dropAfter: 3 } });
    const records = resumed(['4']);
    const due: boolean[] = [];
    for (const record of records) {
      evaluator.push(record);
      due.push(evaluator.dropDue());
    }
    // Due from the third event until attempt 2 starts.
    expect(due.indexOf(true)).toBe(4);
    expect(due.lastIndexOf(true)).toBe(6);
  });

  it('passes when the server goes on with the next id', () => {
    expect(resumeResult(resumed(['4', '5']))).toMatchObject({
      state: 'pass',
      detail: 'resumed after id "3" with no repeated id (2 events after)',
    });
  });

  it('fails a replay from the start', () => {
    expect(resumeResult(resumed(['1', '2']))).toMatchObject({
      state: 'fail',
      detail:
        'replayed from the start: event 3 after the reconnect has id "1", the first id received (Last-Event-ID "3")',
    });
  });

  it('fails a 204', () => {
    expect(resumeResult(resumed([], 204)).detail).toBe(
      'the server answered 204 No Content to Last-Event-ID "3"',
    );
  });

  it('fails a gap after consecutive integer ids', () => {
    expect(resumeResult(resumed(['6'])).detail).toBe(
      'the first event after the reconnect has id "6", expected 4',
    );
  });

  it('fails when no event before the drop had an id', () => {
    const records = resumed(['4']).map((record) =>
      record.kind === 'event' && record.attempt === 1 ? { ...record, lastEventId: '' } : record,
    );
    expect(resumeResult(records).detail).toBe(
      'no event before the drop had an id (3 events), so there was no Last-Event-ID to resume from',
    );
  });

  it('fails when the stream ends before the drop', () => {
    const records = resumed([]).slice(0, 4);
    expect(resumeResult(records).detail).toBe(
      'the stream ended with 2 of 3 events before the drop',
    );
  });
});

describe('llm check', () => {
  const chunk = (content: string | null, finish: string | null = null) =>
    JSON.stringify({
      id: 'c1',
      object: 'chat.completion.chunk',
      model: 'm',
      choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
    });
  const records = (firstDeltaT: number): CheckRecord[] => [
    { kind: 'attempt', attempt: 1, t: 0, lastEventId: null },
    eventRecord({ data: chunk('Hel') }, 0, firstDeltaT),
    eventRecord({ data: chunk('lo') }, 1, firstDeltaT + 1),
    eventRecord({ data: chunk(null, 'stop') }, 2, firstDeltaT + 2),
    eventRecord({ data: '[DONE]' }, 3, firstDeltaT + 3),
  ];
  const run = (expectation: object, input: CheckRecord[]) => {
    const evaluator = createCheckEvaluator({ llm: expectation });
    for (const record of input) evaluator.push(record);
    evaluator.end();
    return evaluator.results()[0]!;
  };

  it('checks format, finish reason and time to first token with the LLM lens', () => {
    expect(
      run({ format: 'openai-chat', finishReason: 'stop', maxTtftMs: 500 }, records(100)),
    ).toMatchObject({
      state: 'pass',
      detail: 'format openai-chat, finish reason stop, time to first token 100 ms',
    });
    expect(run({ maxTtftMs: 500 }, records(900)).detail).toBe(
      'time to first token 900 ms (limit 500)',
    );
    expect(run({ finishReason: 'length' }, records(1)).detail).toBe(
      'finish reason "stop" (expected "length")',
    );
    expect(run({ format: 'anthropic' }, records(1)).state).toBe('fail');
  });
});
