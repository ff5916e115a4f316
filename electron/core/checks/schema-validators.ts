import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CheckSpecError } from '../../../shared/checks/index.ts';
import type { EventValidator } from '../../../shared/checks/index.ts';
import { describeReadError } from '../cli/cli-io.ts';

export type SchemaSource = string | boolean | Record<string, unknown>;

/**
 * Compiles the `schemas` of a check spec with Ajv: a string is a file path relative to the spec
 * file (`specDir`), anything else the schema itself. A draft 2020-12 `$schema` gets Ajv's 2020
 * dialect, any other the default (draft-07). Throws CheckSpecError for an unreadable or invalid
 * schema, naming the event type.
 */
export function compileSchemaValidators(
  schemas: Readonly<Record<string, SchemaSource>>,
  specDir: string,
): Map<string, EventValidator> {
  const validators = new Map<string, EventValidator>();
  let ajv: Ajv | null = null;
  let ajv2020: Ajv2020 | null = null;
  for (const [type, source] of Object.entries(schemas)) {
    const schema = typeof source === 'string' ? readSchema(type, resolve(specDir, source)) : source;
    const is2020 =
      typeof schema === 'object' &&
      typeof schema.$schema === 'string' &&
      schema.$schema.includes('2020-12');
    let validate: ValidateFunction;
    try {
      validate = is2020
        ? (ajv2020 ??= new Ajv2020({ strict: false })).compile(schema as AnySchema)
        : (ajv ??= new Ajv({ strict: false })).compile(schema as AnySchema);
    } catch (error) {
      throw new CheckSpecError(`schemas.${type}: invalid schema (${(error as Error).message})`);
    }
    validators.set(type, (data) => (validate(data) ? null : describeErrors(validate.errors)));
  }
  return validators;
}

function readSchema(type: string, path: string): SchemaSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CheckSpecError(`schemas.${type}: cannot read ${path} (${describeReadError(error)})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as SchemaSource;
  } catch (error) {
    throw new CheckSpecError(`schemas.${type}: ${path} is not JSON (${(error as Error).message})`);
  }
}

/** The first error as `/path message`, e.g. `/choices/0 must have required property 'delta'`. */
function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (first === undefined) return 'does not match the schema';
  return `${first.instancePath === '' ? '(root)' : first.instancePath} ${first.message ?? 'is invalid'}`;
}

/** The directory a spec file's relative schema paths start from. */
export const specDirectory = (specPath: string): string => dirname(resolve(specPath));
