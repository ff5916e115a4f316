import { readFileSync } from 'node:fs';
import type { ConnectionStatus } from '../../../shared/capture/connection-status.ts';
import { splitHeaderLine } from '../../../shared/capture/request-rules.ts';
import { requestSpecSchema, type RequestSpec } from '../../../shared/capture/request-spec.ts';
import { ConnectionManager } from '../connections/connection-manager.ts';
import { NdjsonWriter, recordLine, summaryKinds } from '../connections/ndjson-lines.ts';
import { runToEnd } from '../connections/run-to-end.ts';
import { redactText } from '../../../shared/secrets/index.ts';
import { framings } from '../../../shared/streams/types.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import { curlBase, curlRequest } from './curl-request.ts';
import {
  CliUsageError,
  choiceOption,
  parseOptions,
  singleArgument,
  wholeNumberOption,
  type OptionKind,
  type ParsedOptions,
} from './options.ts';

const captureUsage = `Usage: npm run --silent cli -- capture URL [options]
       npm run --silent cli -- capture --curl FILE|- [URL] [options]

Connects like an EventSource, records the session into the workspace and prints NDJSON.
  --curl FILE|-            The request from a curl command or fetch snippet (as from-curl reads
                           it); $NAME in it comes from the environment; the options below win
  -X, --request METHOD     GET (default; POST when a body is given), POST, PUT, PATCH, DELETE
  -H, --header 'N: v'      Add a request header (repeatable; replaces a default of that name)
  -d, --data BODY          Request body        --data-file FILE   Body from a file (- = stdin)
  --last-event-id ID       Last-Event-ID for the first attempt
  -k, --insecure           Accept an invalid TLS certificate   --cacert FILE   Extra CA (PEM)
  --proxy URL|none         Proxy (default: HTTP(S)_PROXY / NO_PROXY from the environment)
  --max-events N           Stop after N events       --duration SECONDS   Stop after this long
  --max-attempts N         Stop after N attempts     --retry-ms N         Fixed reconnect delay
  --lenient                Read responses a browser would refuse (status, content type)
  --framing F              Parse the body as sse, ndjson, json-seq or json-array whatever its
                           Content-Type (default: by Content-Type; NDJSON, JSON text sequences
                           and JSON arrays end when the server closes, without reconnecting)
  --connect-timeout S      Connection timeout (default 10)   --idle-timeout S   Fail when silent
  --db FILE                Workspace file (default: the app's workspace)   --name NAME
  --summary                Print only lifecycle lines and the end line
Exit code: 0 when the capture ended as asked, 1 when the connection failed for good, 2 for usage.
`;

/** The options of `capture`; `check` takes them too, less `--summary`. */
export const captureOptionSpec: Record<string, OptionKind> = {
  '-h': 'flag',
  '--help': 'flag',
  '-X': 'value',
  '--request': 'value',
  '-H': 'repeatable',
  '--header': 'repeatable',
  '-d': 'value',
  '--data': 'value',
  '--data-file': 'value',
  '--last-event-id': 'value',
  '-k': 'flag',
  '--insecure': 'flag',
  '--cacert': 'value',
  '--proxy': 'value',
  '--max-events': 'value',
  '--max-attempts': 'value',
  '--duration': 'value',
  '--retry-ms': 'value',
  '--lenient': 'flag',
  '--framing': 'value',
  '--connect-timeout': 'value',
  '--idle-timeout': 'value',
  '--db': 'value',
  '--name': 'value',
  '--summary': 'flag',
};

export interface CaptureSettings {
  spec: RequestSpec;
  maxEvents: number | null;
  durationMs: number | null;
  dbPath: string;
  name: string | null;
  summary: boolean;
  /** Said on stderr before connecting: what the --curl command asks for that we do not do. */
  warnings: string[];
}

export function seconds(text: string | undefined, option: string): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new CliUsageError(`${option} must be a positive number of seconds, not "${text}"`);
  }
  return Math.max(1, Math.round(value * 1000));
}

function readText(path: string, option: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`${option}: cannot read ${path} (${(error as Error).message})`);
  }
}

/** The name and value are checked by the request spec schema, with the request bar's messages. */
function header(line: string): [string, string] {
  const header = splitHeaderLine(line);
  // Not quoted back: a header line without its colon may be nothing but a secret.
  if (!header)
    throw new CliUsageError('-H expects "Name: value" (a line without a colon was given)');
  return header;
}

/** What a request starts from before the curl-style options apply (a check spec's `request`). */
export interface RequestBase {
  method?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: string | null;
  lastEventId?: string | null;
  insecure?: boolean;
  /** A proxy URL (a pasted curl command's `-x`). */
  proxy?: string | null;
}

/**
 * The request options of `capture` (also taken by `check`) as a validated request spec: `-H`
 * lines follow the base's headers, `-X`, `-d` and the others replace the base's values.
 */
export function requestSpecFromOptions(
  options: ParsedOptions,
  url: string,
  base: RequestBase = {},
): RequestSpec {
  const value = (...names: string[]): string | undefined =>
    names.map((name) => options.values.get(name)).find((v) => v !== undefined);
  const flag = (...names: string[]): boolean => names.some((name) => options.flags.has(name));
  const dataFile = value('--data-file');
  const body =
    dataFile !== undefined
      ? readText(dataFile, '--data-file')
      : (value('-d', '--data') ?? base.body ?? null);
  const method = (
    value('-X', '--request') ??
    base.method ??
    (body === null ? 'GET' : 'POST')
  ).toUpperCase();
  const caFile = value('--cacert');
  const proxy = value('--proxy') ?? base.proxy ?? undefined;
  const retryMs = wholeNumberOption(value('--retry-ms'), '--retry-ms', 0);
  const parsed = requestSpecSchema.safeParse({
    url,
    method,
    headers: [
      ...(base.headers ?? []),
      ...[...(options.repeated.get('-H') ?? []), ...(options.repeated.get('--header') ?? [])].map(
        header,
      ),
    ],
    body,
    lastEventId: value('--last-event-id') ?? base.lastEventId ?? null,
    tls: {
      insecure: flag('-k', '--insecure') || (base.insecure ?? false),
      caPem: caFile === undefined ? null : readText(caFile, '--cacert'),
    },
    proxy:
      proxy === undefined
        ? { mode: 'env' }
        : proxy === 'none' || proxy === ''
          ? { mode: 'none' }
          : { mode: 'url', url: proxy },
    connectTimeoutMs: seconds(value('--connect-timeout'), '--connect-timeout') ?? undefined,
    idleTimeoutMs: seconds(value('--idle-timeout'), '--idle-timeout'),
    lenient: flag('--lenient'),
    framing: choiceOption(value('--framing'), '--framing', framings) ?? null,
    reconnect: {
      maxAttempts: wholeNumberOption(value('--max-attempts'), '--max-attempts', 1),
      ...(retryMs === null ? {} : { delayMode: 'fixed', fixedDelayMs: retryMs }),
    },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new CliUsageError(`${where}${issue.message}`);
  }
  return parsed.data;
}

/** Turns curl-style arguments into a validated request spec and the capture's limits. */
function parseCaptureArgs(args: string[]): CaptureSettings {
  // --curl is capture's own (check takes the other request options).
  const options = parseOptions(args, { ...captureOptionSpec, '--curl': 'value' });
  const value = (name: string): string | undefined => options.values.get(name);
  const curlFile = value('--curl');
  const pasted = curlFile === undefined ? null : curlRequest(readText(curlFile, '--curl'));
  const url =
    pasted !== null && options.positional.length === 0
      ? pasted.url
      : singleArgument(options, 'a URL is required');
  return {
    ...captureLimits(options),
    spec: requestSpecFromOptions(options, url, pasted === null ? {} : curlBase(pasted, options)),
    warnings:
      pasted === null || pasted.unsupported.length === 0
        ? []
        : [`--curl: not done (unsupported): ${pasted.unsupported.join('; ')}`],
  };
}

/** What capture options say besides the request: limits, workspace, name, output (`run` too). */
export function captureLimits(options: ParsedOptions): Omit<CaptureSettings, 'spec' | 'warnings'> {
  const value = (name: string): string | undefined => options.values.get(name);
  return {
    maxEvents: wholeNumberOption(value('--max-events'), '--max-events', 1),
    durationMs: seconds(value('--duration'), '--duration'),
    dbPath: value('--db') ?? defaultWorkspacePath(),
    name: value('--name') ?? null,
    summary: options.flags.has('--summary'),
  };
}

/**
 * `capture URL [options]`: connects like an EventSource (reconnecting as the spec says), records
 * the session into the workspace and prints NDJSON lines as things happen, ending with
 * `{"kind":"end",…}`. Stops at --max-events, --duration, Ctrl-C (SIGINT/SIGTERM) or when the
 * connection ends for good. Exit code: 0 when the capture ended as asked (a limit, Ctrl-C, the
 * server finishing: 204 or the last allowed attempt closed normally); 1 when the connection
 * failed for good (refused with no attempts left, HTTP error, wrong content type, …); 2 for a
 * usage error (bad URL or options), with a one-line message on stderr.
 */
export const runCaptureCommand = defineCommand({
  name: 'capture',
  usage: captureUsage,
  parse: parseCaptureArgs,
  run: (settings, io, fail) => runCapture(settings, io, fail),
});

/**
 * Captures as `cli capture` does. `onSession` is told the new session's id while the workspace
 * is still open (`cli run` remembers it as the request's last run).
 */
export async function runCapture(
  settings: CaptureSettings,
  io: CliIo,
  fail: Fail,
  onSession?: (workspace: Workspace, sessionId: number) => void,
): Promise<number> {
  for (const warning of settings.warnings) {
    io.stderr.write(`sse-inspector capture: ${redactText(warning)}\n`);
  }
  const workspace = await openWorkspace(settings.dbPath, fail);
  if (typeof workspace === 'number') return workspace;
  // Written in this thread: the writer thread's own heap (40–60 MiB) would take a 10M-event
  // capture past its 300 MiB budget (README, Performance).
  const manager = new ConnectionManager({ store: workspace.createRecorder() });
  let id = -1;
  const stop = (): void => {
    if (id !== -1) manager.close(id);
  };
  const out = new NdjsonWriter(
    io.stdout,
    (blocked) => {
      if (id !== -1) manager.setReadPaused(id, blocked);
    },
    stop, // the reader went away (`| head`): end the capture, keeping the session
  );
  let printedEvents = 0;
  manager.onRecord((_connectionId, record) => {
    if (record.kind === 'event') {
      if (settings.maxEvents !== null && printedEvents >= settings.maxEvents) return;
      printedEvents++;
      if (!settings.summary) out.write(recordLine(record));
      if (printedEvents === settings.maxEvents) manager.close(id);
      return;
    }
    if (settings.summary && !summaryKinds.has(record.kind)) return;
    const line = recordLine(record);
    if (line !== null) out.write(line);
  });
  let status: ConnectionStatus;
  try {
    status = await runToEnd(
      manager,
      () => {
        id = manager.open(settings.spec, settings.name === null ? {} : { name: settings.name });
        onSession?.(workspace, id);
        return id;
      },
      stop,
      settings.durationMs,
    );
  } finally {
    workspace.close();
  }
  const outcome = status.outcome ?? 'closed';
  out.write({
    kind: 'end',
    events: printedEvents,
    recordedEvents: status.events,
    attempts: status.attempt,
    bytes: status.bytes,
    session: id,
    outcome,
    db: settings.dbPath,
  });
  await out.end();
  return outcome === 'failed' ? 1 : 0;
}
