import { checkNames, type CheckExpectations } from './check-spec.ts';
import type { CheckRecord, CheckResult, CheckRule, EventValidator } from './check-types.ts';
import { skipped } from './check-types.ts';
import { llmRule } from './llm-rule.ts';
import { IdsRule } from './ids-rule.ts';
import { ResumeRule } from './resume-rule.ts';
import {
  endsWithRule,
  eventCountRule,
  noWarningsRule,
  responseRule,
  SchemasRule,
  sequenceRule,
  TypesRule,
} from './stream-rules.ts';
import { firstEventRule, maxGapRule } from './timing-rules.ts';

export interface CheckEvaluatorOptions {
  /** Input is a raw stream file: no response, no times, no reconnect (those checks are skipped). */
  offline?: boolean;
  /** Compiled JSON Schema validators by event type (the caller reads and compiles the schemas). */
  validators?: ReadonlyMap<string, EventValidator>;
  /** Why `schemas` cannot run here (no validators can be compiled); the check is then skipped. */
  schemasUnavailable?: string;
}

export interface CheckEvaluator {
  /** Feed the next record, in capture order. Cheap: O(1) per record for most checks. */
  push(record: CheckRecord): void;
  /** Time passes with nothing received (on the records' clock): silences can fail live. */
  tick(t: number): void;
  /** The stream is over: checks still pending decide. */
  end(): void;
  /** Each check's state now, in spec key order. */
  results(): CheckResult[];
  /** The runner should cut the connection for the resume check now. */
  dropDue(): boolean;
}

/**
 * Evaluates the `expect` part of a check spec over records as they arrive: the Checks tab feeds
 * it the live timeline and `cli check` the capture, so both judge with the same code.
 */
export function createCheckEvaluator(
  expect: CheckExpectations,
  options: CheckEvaluatorOptions = {},
): CheckEvaluator {
  const offline = options.offline === true;
  const rules: CheckRule[] = [];
  let resume: ResumeRule | null = null;
  for (const name of checkNames) {
    const rule = ruleFor(name, expect, offline, options);
    if (rule === null) continue;
    if (rule instanceof ResumeRule) resume = rule;
    rules.push(rule);
  }
  let ended = false;
  return {
    push(record) {
      if (ended) return;
      for (const rule of rules) rule.push(record);
    },
    tick(t) {
      if (ended) return;
      for (const rule of rules) rule.tick?.(t);
    },
    end() {
      if (ended) return;
      ended = true;
      for (const rule of rules) rule.end?.();
    },
    results: () => rules.map((rule) => ({ name: rule.name, ...rule.result() })),
    dropDue: () => !ended && resume !== null && resume.dropDue(),
  };
}

function ruleFor(
  name: (typeof checkNames)[number],
  expect: CheckExpectations,
  offline: boolean,
  options: CheckEvaluatorOptions,
): CheckRule | null {
  switch (name) {
    case 'status':
      return expect.status === undefined ? null : responseRule('status', expect.status, offline);
    case 'contentType':
      return expect.contentType === undefined
        ? null
        : responseRule('contentType', expect.contentType, offline);
    case 'events':
      return expect.events === undefined ? null : eventCountRule(expect.events);
    case 'types':
      return expect.types === undefined ? null : new TypesRule(expect.types);
    case 'sequence':
      return expect.sequence === undefined ? null : sequenceRule(expect.sequence);
    case 'ids':
      return expect.ids === undefined ? null : new IdsRule(expect.ids);
    case 'maxGapMs':
      return expect.maxGapMs === undefined ? null : maxGapRule(expect.maxGapMs, offline);
    case 'firstEventWithinMs':
      return expect.firstEventWithinMs === undefined
        ? null
        : firstEventRule(expect.firstEventWithinMs, offline);
    case 'noWarnings':
      return expect.noWarnings === true ? noWarningsRule() : null;
    case 'endsWith':
      return expect.endsWith === undefined ? null : endsWithRule(expect.endsWith);
    case 'schemas':
      if (expect.schemas === undefined) return null;
      if (options.schemasUnavailable !== undefined) {
        const reason = options.schemasUnavailable;
        return { name, push: () => {}, result: () => skipped(reason) };
      }
      return new SchemasRule(options.validators ?? new Map());
    case 'resume':
      return expect.resume === undefined ? null : new ResumeRule(expect.resume.dropAfter, offline);
    case 'llm':
      return expect.llm === undefined ? null : llmRule(expect.llm, offline);
  }
}
