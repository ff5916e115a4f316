import { z } from 'zod';

/**
 * The one `{{variable}}` syntax of requests, environments, collections and checks (the syntax
 * Postman, Bruno and Hoppscotch use): a name of letters, digits, `_`, `-`, `.` and `$`, not
 * starting with a digit, spaces allowed inside the braces. Text that only looks like a
 * template (`{{ }}`, `{{1x}}`) is left as written.
 */
const NAME = '[A-Za-z_$][\\w.$-]*';
const referencePattern = () => new RegExp(`\\{\\{\\s*(${NAME})\\s*\\}\\}`, 'g');

export const variableNameSchema = z
  .string()
  .regex(
    new RegExp(`^${NAME}$`),
    'A variable name is letters, digits, _ - . or $, not starting with a digit',
  )
  .max(200);

/** Variable values by name; `undefined` means "not defined here". */
export type VariableLookup = (name: string) => string | undefined;

/** The names referenced in `text`, in order of first appearance, each once. */
export function variablesIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(referencePattern())) names.add(match[1]!);
  return [...names];
}

export interface Resolved {
  text: string;
  /** Names referenced but not defined, in order of first appearance; their `{{…}}` stay. */
  missing: string[];
}

/** Replaces every `{{name}}` that `lookup` defines; values are inserted as they are (no re-expansion). */
export function resolveVariables(text: string, lookup: VariableLookup): Resolved {
  const missing = new Set<string>();
  const resolved = text.replace(referencePattern(), (whole, name: string) => {
    const value = lookup(name);
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text: resolved, missing: [...missing] };
}

/** Layers of variables, the first that defines a name wins (e.g. `--var`, then the environment). */
export function layeredLookup(
  ...layers: ReadonlyArray<ReadonlyMap<string, string>>
): VariableLookup {
  return (name) => {
    for (const layer of layers) {
      const value = layer.get(name);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** `NAME=VALUE` as given to `--var`; the value may contain `=` and may be empty. */
export function parseVariableAssignment(text: string): { name: string; value: string } {
  const at = text.indexOf('=');
  const name = at < 0 ? text : text.slice(0, at);
  if (at < 0 || !variableNameSchema.safeParse(name).success) {
    throw new Error(`--var wants NAME=VALUE with a variable name (got "${text}")`);
  }
  return { name, value: text.slice(at + 1) };
}

/** The parts of a request that may hold variables. */
export interface RequestTemplate {
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string | null;
}

/**
 * Resolves a request template. `missing` lists every unresolved name across URL, headers and
 * body; a caller sends nothing while it is not empty.
 */
export function resolveRequestTemplate<T extends RequestTemplate>(
  template: T,
  lookup: VariableLookup,
): { request: T; missing: string[] } {
  const resolver = createResolver(lookup);
  const resolve = (text: string) => resolver.resolve(text);
  const request = {
    ...template,
    url: resolve(template.url),
    headers: template.headers.map(([name, value]) => [resolve(name), resolve(value)] as const),
    body: template.body === null ? null : resolve(template.body),
  };
  return { request, missing: resolver.missing() };
}

/**
 * Resolves several texts of one request (e.g. the request bar's fields) and collects, across
 * all of them, the names left unresolved, in order of first appearance.
 */
export function createResolver(lookup: VariableLookup): {
  resolve(text: string): string;
  missing(): string[];
} {
  const missing = new Set<string>();
  return {
    resolve(text) {
      const result = resolveVariables(text, lookup);
      result.missing.forEach((name) => missing.add(name));
      return result.text;
    },
    missing: () => [...missing],
  };
}

const reference = /\{\{[^{}]*\}\}/g;
const REF_STANDIN = '[REDACTED]';

/**
 * Whether the secret parts of a template are all `{{…}}` references: with each reference read as
 * a marker, redaction changes nothing. `Bearer {{token}}` passes; `Bearer abc` does not.
 */
export function secretsAreReferences(text: string, redact: (text: string) => string): boolean {
  // `{{user}}:{{pass}}@` is user info made of references: redaction writes one marker for all
  // of it, so the stand-in does too.
  const standIn = text
    .replace(reference, REF_STANDIN)
    .replace(`${REF_STANDIN}:${REF_STANDIN}@`, `${REF_STANDIN}@`);
  return redact(standIn) === standIn;
}
