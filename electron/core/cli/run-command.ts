import { InspectorError } from '../../../shared/errors.ts';
import { layeredLookup, resolveRequestTemplate } from '../../../shared/requests/variables.ts';
import { CollectionsService } from '../collections/collections-service.ts';
import { setLastSession } from '../workspace/collections-store.ts';
import { SealingService } from '../secrets/sealing-service.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import {
  captureLimits,
  captureOptionSpec,
  requestSpecFromOptions,
  runCapture,
  type CaptureSettings,
} from './capture-command.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import {
  loadVariables,
  variableOptionSpec,
  variableOptionsFrom,
  variableOptionsUsage,
  type VariableOptions,
} from './load-variables.ts';
import { CliUsageError, parseOptions, singleArgument, type ParsedOptions } from './options.ts';

const runUsage = `Usage: npm run --silent cli -- run NAME|ID [options] [capture options]

Runs a stored collection request (see \`collection list\`) with its {{variables}} resolved and
prints the same NDJSON as \`capture\`. Variables come from --var, then the environment (--env,
--env-file, or the active one), then the request's collection.
${variableOptionsUsage}  --db FILE                Workspace file (default: the app's workspace)
Capture options (see \`capture --help\`) apply too: -X, -H (replaces the stored header of that
name), -d, --max-events, --duration, --summary, …
Exit code: as capture; 2 when a variable is unresolved (named on stderr; nothing is sent).
`;

interface RunSettings {
  request: string;
  dbPath: string;
  variables: VariableOptions;
  options: ParsedOptions;
}

function parseRunArgs(args: string[]): RunSettings {
  const options = parseOptions(args, { ...captureOptionSpec, ...variableOptionSpec });
  return {
    request: singleArgument(options, 'the NAME or ID of a stored request is required'),
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
    variables: variableOptionsFrom(options),
    options,
  };
}

/** `run NAME|ID`: resolve a stored request's template, then capture it as `capture` does. */
export const runRunCommand = defineCommand({
  name: 'run',
  usage: runUsage,
  parse: parseRunArgs,
  run,
});

async function run(settings: RunSettings, io: CliIo, fail: Fail): Promise<number> {
  const workspace = await openWorkspace(
    settings.dbPath,
    fail,
    `no workspace at ${settings.dbPath}`,
  );
  if (typeof workspace === 'number') return workspace;
  let capture: CaptureSettings;
  let requestId: number;
  try {
    const service = new CollectionsService(workspace, new SealingService(null));
    const opened = service.openRequest(service.findRequest(settings.request));
    requestId = opened.id;
    const given = new Set(
      [
        ...(settings.options.repeated.get('-H') ?? []),
        ...(settings.options.repeated.get('--header') ?? []),
      ].map((line) => line.split(':')[0]!.trim().toLowerCase()),
    );
    const unset = opened.missing.filter((name) => !given.has(name.toLowerCase()));
    if (unset.length > 0) {
      return fail(
        `"${opened.name}" needs ${unset.join(', ')}: the secret value was not saved (no key store here); give a header with -H`,
        2,
      );
    }
    const loaded = loadVariables(settings.variables, service);
    const lookup = layeredLookup(
      ...loaded.layers,
      new Map(opened.collectionVariables.map((v) => [v.name, v.value])),
    );
    const { request, missing } = resolveRequestTemplate(opened.template, lookup);
    if (missing.length > 0) {
      const unsaved = missing.filter((name) => loaded.unavailableSecrets.includes(name));
      const note =
        unsaved.length > 0 ? ' (secret values are not saved here: pass them with --var)' : '';
      // The names come last: "token: …" would read as a secret to the stderr redaction.
      return fail(
        `nothing was sent: unresolved variable${missing.length > 1 ? 's' : ''}${note} ${missing.join(', ')}`,
        2,
      );
    }
    // A header given with -H replaces the stored one of that name (capture appends them).
    const base = {
      ...request,
      headers: request.headers.filter(([name]) => !given.has(name.toLowerCase())),
    };
    const limits = captureLimits(settings.options);
    capture = {
      ...limits,
      name: limits.name ?? opened.name,
      spec: requestSpecFromOptions(settings.options, request.url, base),
      warnings: [],
    };
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof InspectorError) {
      return fail(error.message, 2);
    }
    throw error;
  } finally {
    workspace.close();
  }
  return runCapture(capture, io, fail, (open, sessionId) =>
    setLastSession(open, requestId, sessionId),
  );
}
