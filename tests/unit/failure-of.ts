import { expect } from 'vitest';
import { InspectorError } from '../../shared/errors.ts';

/** The InspectorError an API call rejects with (the test fails if it resolves or throws else). */
export async function failureOf(call: Promise<unknown>): Promise<InspectorError> {
  const error = await call.then(
    () => new Error('the call succeeded'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InspectorError);
  return error as InspectorError;
}
