import type { Variable } from '../../../shared/requests/collection.ts';
import { parseVariableAssignment } from '../../../shared/requests/variables.ts';
import { readEnvFile } from '../checks/env-file.ts';
import type { OpenedEnvironment } from '../collections/collections-service.ts';
import { CliUsageError, type OptionKind, type ParsedOptions } from './options.ts';

/**
 * The variable flags of `cli run` (and of any command that sends a stored or templated request):
 * `--var NAME=VALUE` (repeatable), `--env NAME` (a stored environment) or `--env-file FILE` (a
 * Postman or Insomnia environment file, read and not stored).
 */
export const variableOptionSpec: Record<string, OptionKind> = {
  '--var': 'repeatable',
  '--env': 'value',
  '--env-file': 'value',
};

export const variableOptionsUsage = `  --var NAME=VALUE         Set a {{variable}} (repeatable; wins over any environment)
  --env NAME               Use this stored environment (default: the active one)
  --env-file FILE          Postman/Insomnia environment or {"name":"value"} JSON (not stored)
`;

export interface VariableOptions {
  vars: string[];
  envName: string | undefined;
  envFile: string | undefined;
}

export function variableOptionsFrom(options: ParsedOptions): VariableOptions {
  return {
    vars: options.repeated.get('--var') ?? [],
    envName: options.values.get('--env'),
    envFile: options.values.get('--env-file'),
  };
}

/** Stored environments, when there is a workspace (CollectionsService is one). */
export interface EnvironmentSource {
  findEnvironment(name: string): OpenedEnvironment | null;
  activeEnvironment(): OpenedEnvironment | null;
  environments(): OpenedEnvironment[];
}

export interface LoadedVariables {
  /** Highest priority first: `--var`, then the environment. Add lower layers after them. */
  layers: Array<Map<string, string>>;
  /** The environment in use, if any. */
  environment: string | null;
  /** Secret variables of that environment that have no value here (not saved, unreadable). */
  unavailableSecrets: string[];
}

const toMap = (variables: Variable[]) => new Map(variables.map((v) => [v.name, v.value]));

/**
 * Reads the variable flags. Throws CliUsageError (exit 2) for a malformed `--var`, an unknown
 * `--env`, both `--env` and `--env-file`, or an environment file that is not one.
 */
export function loadVariables(
  options: VariableOptions,
  environments: EnvironmentSource | null,
): LoadedVariables {
  const vars = new Map<string, string>();
  for (const text of options.vars) {
    try {
      const { name, value } = parseVariableAssignment(text);
      vars.set(name, value);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
  }
  if (options.envName !== undefined && options.envFile !== undefined) {
    throw new CliUsageError('give --env or --env-file, not both');
  }
  if (options.envFile !== undefined) {
    const file = readEnvFile(options.envFile);
    return { layers: [vars, file.variables], environment: file.name, unavailableSecrets: [] };
  }
  let environment: OpenedEnvironment | null = null;
  if (options.envName !== undefined) {
    environment = environments?.findEnvironment(options.envName) ?? null;
    if (environment === null) {
      const known = environments?.environments().map((e) => e.name) ?? [];
      throw new CliUsageError(
        `no environment is called "${options.envName}"${known.length > 0 ? ` (there are: ${known.join(', ')})` : ''}`,
      );
    }
  } else {
    environment = environments?.activeEnvironment() ?? null;
  }
  if (environment === null) return { layers: [vars], environment: null, unavailableSecrets: [] };
  const usable = environment.variables.filter((v) => !environment.missing.includes(v.name));
  return {
    layers: [vars, toMap(usable)],
    environment: environment.name,
    unavailableSecrets: environment.missing,
  };
}
