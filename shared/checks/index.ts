// Stream contract checks (issue 18): the spec and an incremental evaluator, shared by the
// Checks tab (live) and `cli check`. No Node or DOM APIs.
export {
  checkNames,
  checkSpecSchema,
  CheckSpecError,
  parseCheckSpec,
  parseCheckSpecText,
} from './check-spec.ts';
export type { CheckExpectations, CheckName, CheckRequest, CheckSpec } from './check-spec.ts';
export { createCheckEvaluator } from './check-evaluator.ts';
export type { CheckEvaluator, CheckEvaluatorOptions } from './check-evaluator.ts';
export type {
  CheckEvent,
  CheckRecord,
  CheckResult,
  CheckState,
  EventValidator,
} from './check-types.ts';
