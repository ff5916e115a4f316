import { existsSync, readFileSync } from 'node:fs';
import {
  CheckSpecError,
  parseCheckSpecText,
  type CheckExpectations,
  type CheckSpec,
  type EventValidator,
} from '../../../shared/checks/index.ts';
import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import {
  layeredLookup,
  parseVariableAssignment,
  resolveRequestTemplate,
  variablesIn,
} from '../../../shared/requests/variables.ts';
import { isSecretHeader, isSecretQueryParam } from '../../../shared/secrets/index.ts';
import { readEnvFile } from '../checks/env-file.ts';
import { compileSchemaValidators, specDirectory } from '../checks/schema-validators.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { captureOptionSpec, requestSpecFromOptions, seconds } from './capture-command.ts';
import { describeReadError } from './cli-io.ts';
import { framingOfFile } from '../../../shared/streams/framing.ts';
import { framings, type Framing } from '../../../shared/streams/types.ts';
import {
  choiceOption,
  CliUsageError,
  parseOptions,
  wholeNumberOption,
  type OptionKind,
  type ParsedOptions,
} from './options.ts';

const { '--summary': _summary, ...requestOptions } = captureOptionSpec;

export const checkOptionSpec: Record<string, OptionKind> = {
  ...requestOptions,
  '--spec': 'value',
  '--json': 'flag',
  '--junit': 'value',
  '--var': 'repeatable',
  '--env-file': 'value',
  '--expect-status': 'value',
  '--min-events': 'value',
  '--max-gap-ms': 'value',
  '--no-warnings': 'flag',
  '--schema': 'repeatable',
  '--resume-after': 'value',
};

export type CheckTarget =
  | { kind: 'live'; request: RequestSpec; maxEvents: number | null; durationMs: number | null }
  | { kind: 'file'; path: string; framing: Framing }
  | { kind: 'session'; id: number };

export interface CheckSettings {
  target: CheckTarget;
  expect: CheckExpectations;
  validators: Map<string, EventValidator>;
  json: boolean;
  junitPath: string | null;
  dbPath: string;
  name: string | null;
  /** Values of secret variables: never printed, whatever a detail or message quotes. */
  secretValues: string[];
}

/** Reads `check`'s arguments and spec; a CheckSpecError becomes a usage error (exit 2). */
export function parseCheckArgs(args: string[]): CheckSettings {
  try {
    return parse(args);
  } catch (error) {
    if (error instanceof CheckSpecError) throw new CliUsageError(`spec: ${error.message}`);
    throw error;
  }
}

function parse(args: string[]): CheckSettings {
  const options = parseOptions(args, checkOptionSpec);
  const value = (name: string): string | undefined => options.values.get(name);
  const [targetText, extra] = options.positional;
  if (extra !== undefined) throw new CliUsageError(`unexpected argument "${extra}"`);
  const specPath = value('--spec');
  const spec: CheckSpec = specPath === undefined ? {} : readSpec(specPath);
  const expect = { ...spec.expect, ...flagExpectations(options) };
  const schemas = { ...spec.expect?.schemas };
  const schemaFiles = flagSchemas(options);
  const validators = new Map([
    ...compileSchemaValidators(schemas, specPath === undefined ? '.' : specDirectory(specPath)),
    ...compileSchemaValidators(schemaFiles, '.'),
  ]);
  if (Object.keys(schemaFiles).length > 0) expect.schemas = { ...schemas, ...schemaFiles };
  if (Object.keys(expect).length === 0) {
    throw new CliUsageError('no checks: give --spec FILE or a check option');
  }
  const variables = layeredLookup(
    new Map((options.repeated.get('--var') ?? []).map(assignment)),
    value('--env-file') === undefined ? new Map() : readEnvFile(value('--env-file')!).variables,
  );
  const template = {
    url: targetText !== undefined && isUrl(targetText) ? targetText : (spec.request?.url ?? ''),
    headers: spec.request?.headers ?? [],
    body: spec.request?.body ?? null,
  };
  const settings = {
    expect,
    validators,
    json: options.flags.has('--json'),
    junitPath: value('--junit') ?? null,
    dbPath: value('--db') ?? defaultWorkspacePath(),
    name: value('--name') ?? null,
    secretValues: secretValues(template, variables),
  };
  if (targetText !== undefined && !isUrl(targetText)) {
    const isSession = /^\d+$/.test(targetText) && !existsSync(targetText);
    const target: CheckTarget = isSession
      ? { kind: 'session', id: Number(targetText) }
      : {
          kind: 'file',
          path: targetText,
          // A file's framing: --framing, else its extension (.ndjson, .json-seq, .json), else sse.
          framing:
            choiceOption(value('--framing'), '--framing', framings) ?? framingOfFile(targetText),
        };
    return { ...settings, target };
  }
  if (template.url === '') {
    throw new CliUsageError(
      'nothing to check: give a URL, FILE or SESSION_ID, or a spec with a request',
    );
  }
  const { request, missing } = resolveRequestTemplate(template, variables);
  if (missing.length > 0) {
    throw new CliUsageError(
      `undefined variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (give --var NAME=VALUE or --env-file)`,
    );
  }
  const live = requestSpecFromOptions(options, request.url, {
    ...(spec.request?.method === undefined ? {} : { method: spec.request.method }),
    headers: request.headers,
    body: request.body,
    lastEventId: spec.request?.lastEventId ?? null,
  });
  const resume = expect.resume !== undefined;
  live.reconnect = {
    ...live.reconnect,
    // One attempt, or two for the resume check: a drop reconnects at once, then the run ends.
    maxAttempts:
      value('--max-attempts') === undefined ? (resume ? 2 : 1) : live.reconnect.maxAttempts,
    ...(resume ? { delayMode: 'fixed', fixedDelayMs: 0 } : {}),
  };
  return {
    ...settings,
    secretValues: [...settings.secretValues, ...headerSecrets(live.headers)],
    target: {
      kind: 'live',
      request: live,
      maxEvents:
        wholeNumberOption(value('--max-events'), '--max-events', 1) ?? spec.stop?.events ?? null,
      durationMs:
        seconds(value('--duration'), '--duration') ??
        (spec.stop?.seconds === undefined ? null : Math.round(spec.stop.seconds * 1000)),
    },
  };
}

const isUrl = (text: string): boolean => /^https?:\/\//i.test(text);

function readSpec(path: string): CheckSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--spec: cannot read ${path} (${describeReadError(error)})`);
  }
  return parseCheckSpecText(text);
}

function assignment(text: string): [string, string] {
  try {
    const { name, value } = parseVariableAssignment(text);
    return [name, value];
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

/** The common checks as flags (without a spec, or overriding its keys). */
function flagExpectations(options: ParsedOptions): CheckExpectations {
  const value = (name: string): string | undefined => options.values.get(name);
  const status = wholeNumberOption(value('--expect-status'), '--expect-status', 100);
  const minEvents = wholeNumberOption(value('--min-events'), '--min-events', 0);
  const maxGapMs = wholeNumberOption(value('--max-gap-ms'), '--max-gap-ms', 1);
  const dropAfter = wholeNumberOption(value('--resume-after'), '--resume-after', 1);
  return {
    ...(status === null ? {} : { status }),
    ...(minEvents === null ? {} : { events: { min: minEvents } }),
    ...(maxGapMs === null ? {} : { maxGapMs }),
    ...(options.flags.has('--no-warnings') ? { noWarnings: true } : {}),
    ...(dropAfter === null ? {} : { resume: { dropAfter } }),
  };
}

/** `--schema TYPE=FILE` (repeatable), paths relative to the working directory. */
function flagSchemas(options: ParsedOptions): Record<string, string> {
  const schemas: Record<string, string> = {};
  for (const text of options.repeated.get('--schema') ?? []) {
    const at = text.indexOf('=');
    if (at <= 0 || at === text.length - 1) {
      throw new CliUsageError(`--schema wants TYPE=FILE (got "${text}")`);
    }
    schemas[text.slice(0, at)] = text.slice(at + 1);
  }
  return schemas;
}

/**
 * The values never to print: variables used in secret headers (`Authorization: Bearer {{key}}`)
 * or named like a secret (`apiKey`, `token`).
 */
function secretValues(
  template: { url: string; headers: ReadonlyArray<readonly [string, string]>; body: string | null },
  lookup: (name: string) => string | undefined,
): string[] {
  const names = new Set<string>();
  for (const [header, text] of template.headers) {
    if (isSecretHeader(header)) variablesIn(text).forEach((name) => names.add(name));
  }
  for (const name of variablesIn(
    `${template.url} ${template.headers.flat().join(' ')} ${template.body ?? ''}`,
  )) {
    if (isSecretHeader(name) || isSecretQueryParam(name)) names.add(name);
  }
  return [...names]
    .map((name) => lookup(name))
    .filter((secret): secret is string => secret !== undefined && secret.length >= 4);
}

/** Secret header values as sent (`-H 'Authorization: Bearer …'`), and their credentials alone. */
function headerSecrets(headers: ReadonlyArray<readonly [string, string]>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of headers) {
    if (!isSecretHeader(name)) continue;
    const credentials = /^\S+\s+(\S.*)$/.exec(value)?.[1];
    for (const secret of [value, credentials]) {
      if (secret !== undefined && secret.length >= 4) secrets.push(secret);
    }
  }
  return secrets;
}
