import { Validator, type Schema } from '@cfworker/json-schema';
import type { CheckExpectations } from '../../../../shared/checks/index.ts';
import type { EventValidator } from '../../../../shared/checks/check-types.ts';

/** Schema files live on disk, where the page cannot read them: `cli check` does. */
export const schemaFilesInTheApp =
  'Schema files are read by cli check (Copy as CLI command); inline schemas are checked here';

/**
 * Validators for the spec's inline JSON Schemas. Ajv (which `cli check` uses) compiles schemas
 * to code, which the page's Content Security Policy forbids; @cfworker/json-schema interprets
 * them instead (drafts 4 to 2020-12). A spec naming a schema file cannot be checked here.
 */
export function inlineSchemaValidators(
  schemas: NonNullable<CheckExpectations['schemas']>,
): { validators: Map<string, EventValidator> } | { unavailable: string } {
  const validators = new Map<string, EventValidator>();
  for (const [type, source] of Object.entries(schemas)) {
    if (typeof source === 'string') return { unavailable: schemaFilesInTheApp };
    const validator = new Validator(source as Schema | boolean, '2020-12', false);
    validators.set(type, (data) => {
      let result: ReturnType<Validator['validate']>;
      try {
        result = validator.validate(data);
      } catch (error) {
        // The schema itself is broken (an unresolved $ref, a bad pattern): say so, as a failure
        // of this check, rather than take the tab down.
        return `the schema for "${type}" cannot be used: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (result.valid) return null;
      // The innermost error names the failing keyword and where; the outer ones only repeat it.
      const error = result.errors.at(-1);
      return error === undefined
        ? 'does not match its schema'
        : `${error.instanceLocation}: ${error.error}`;
    });
  }
  return { validators };
}
