import { readFileSync } from 'node:fs';
import { CollectionFormatError } from '../../../shared/requests/collection.ts';
import {
  isCollectionDocument,
  parseEnvironmentFile,
} from '../../../shared/requests/import-collection.ts';
import { variableNameSchema } from '../../../shared/requests/variables.ts';
import { describeReadError } from '../cli/cli-io.ts';
import { CliUsageError } from '../cli/options.ts';

export interface EnvFile {
  variables: Map<string, string>;
  /** The environment's own name (Postman, Insomnia), null for a plain object. */
  name: string | null;
}

/**
 * `--env-file F` (`cli run`, `cli check`; `-` is standard input): variables for `{{name}}`
 * from a JSON file, read and not stored. A Postman or Insomnia environment export is read as
 * the collection importers read it; anything else must be a plain object of names to values
 * (see envVariables). Every failure is a usage error naming the file, never quoting a value.
 */
export function readEnvFile(path: string): EnvFile {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new CliUsageError(`--env-file: cannot read ${path} (${describeReadError(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`--env-file: ${path} is not JSON (${(error as Error).message})`);
  }
  if (!isCollectionDocument(json)) return { variables: envVariables(json, path), name: null };
  try {
    const environment = parseEnvironmentFile(text);
    return {
      variables: new Map(environment.variables.map((v) => [v.name, v.value])),
      name: environment.name,
    };
  } catch (error) {
    if (!(error instanceof CollectionFormatError)) throw error;
    throw new CliUsageError(`--env-file ${path}: ${error.message}`);
  }
}

/**
 * A plain object of names to values, or a Postman environment's `values` (disabled entries
 * left out). Numbers and booleans become their text. Any other shape is a usage error.
 */
export function envVariables(json: unknown, path: string): Map<string, string> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CliUsageError(`--env-file: ${path} is not a JSON object`);
  }
  const variables = new Map<string, string>();
  const add = (name: unknown, value: unknown): void => {
    if (typeof name !== 'string' || !variableNameSchema.safeParse(name).success) {
      throw new CliUsageError(
        `--env-file: ${path} has a bad variable name ${JSON.stringify(name)}`,
      );
    }
    if (typeof value === 'string') variables.set(name, value);
    else if (typeof value === 'number' || typeof value === 'boolean')
      variables.set(name, String(value));
    // Not quoted back: the value may be a secret.
    else
      throw new CliUsageError(`--env-file: ${path}: "${name}" is not text, a number or a boolean`);
  };
  const { values } = json as { values?: unknown };
  if (Array.isArray(values)) {
    for (const entry of values as unknown[]) {
      const { key, value, enabled } = (entry ?? {}) as Record<string, unknown>;
      if (enabled === false) continue;
      add(key, value ?? '');
    }
    return variables;
  }
  for (const [name, value] of Object.entries(json)) add(name, value);
  return variables;
}
