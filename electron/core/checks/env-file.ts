import { readFileSync } from 'node:fs';
import { variableNameSchema } from '../../../shared/requests/variables.ts';
import { describeReadError } from '../cli/cli-io.ts';
import { CliUsageError } from '../cli/options.ts';

/**
 * `--env-file F`: variables for `{{name}}` from a JSON file, either a plain object of names to
 * values or a Postman environment export (`{"values":[{"key","value","enabled"}]}`, disabled
 * entries left out). Numbers and booleans become their text. Any other shape is a usage error.
 */
export function readEnvFile(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--env-file: cannot read ${path} (${describeReadError(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`--env-file: ${path} is not JSON (${(error as Error).message})`);
  }
  return envVariables(json, path);
}

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
