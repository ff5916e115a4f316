import { InspectorError } from '../../../shared/errors.ts';

/** A command-line mistake: reported as one line on stderr with exit code 2. */
export class CliUsageError extends InspectorError<'usage'> {
  override readonly name = 'CliUsageError';

  constructor(message: string) {
    super('usage', message);
  }
}

export type OptionKind = 'flag' | 'value' | 'repeatable';

export interface ParsedOptions {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
  repeated: Map<string, string[]>;
}

/**
 * A small getopt: `--name value`, `--name=value`, `-X value`, flags, repeatable options, and
 * `--` to end options. Unknown options are usage errors rather than silently ignored.
 */
export function parseOptions(args: string[], spec: Record<string, OptionKind>): ParsedOptions {
  const result: ParsedOptions = {
    positional: [],
    flags: new Set(),
    values: new Map(),
    repeated: new Map(),
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      result.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      result.positional.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const kind = spec[name];
    if (kind === undefined) throw new CliUsageError(`unknown option "${name}"`);
    if (kind === 'flag') {
      if (eq !== -1) throw new CliUsageError(`option "${name}" takes no value`);
      result.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      value = args[i + 1];
      i++;
    }
    if (value === undefined) throw new CliUsageError(`option "${name}" needs a value`);
    if (kind === 'value') {
      result.values.set(name, value);
    } else {
      result.repeated.set(name, [...(result.repeated.get(name) ?? []), value]);
    }
  }
  return result;
}

/** An option that must be a whole number of at least `min` (null when absent). */
export function wholeNumberOption(
  text: string | undefined,
  option: string,
  min: number,
): number | null {
  if (text === undefined) return null;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new CliUsageError(`${option} must be a whole number of at least ${min}, not "${text}"`);
  }
  return Number(text);
}

/** A --port option: 0 (any free port) when absent. */
export function portOption(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new CliUsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  }
  return Number(text);
}

/**
 * The one argument a command takes besides its options. `missing` says what it is when it is
 * absent; `extraNote` follows the complaint about a second one.
 */
export function singleArgument(options: ParsedOptions, missing: string, extraNote = ''): string {
  const [first, second] = options.positional;
  if (first === undefined) throw new CliUsageError(missing);
  if (second !== undefined) throw new CliUsageError(`unexpected argument "${second}"${extraNote}`);
  return first;
}

/** For a command that takes options only. */
export function noArguments(options: ParsedOptions): void {
  const [first] = options.positional;
  if (first !== undefined) throw new CliUsageError(`unexpected argument "${first}"`);
}

/** An option whose value must be one of `allowed` (undefined when absent). */
export function choiceOption<T extends string>(
  text: string | undefined,
  option: string,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined || (allowed as readonly string[]).includes(text)) {
    return text as T | undefined;
  }
  throw new CliUsageError(`${option} must be one of ${allowed.join(', ')}, not "${text}"`);
}
