import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage } from '../../../shared/errors.ts';
import { NdjsonWriter } from '../connections/ndjson-lines.ts';
import { CaptureProxy, ProxyStartError } from '../proxy/capture-proxy.ts';
import type { RecordedExchange } from '../proxy/proxied-exchange.ts';
import { defaultProxyCaDir, defaultWorkspacePath } from '../workspace-path.ts';
import type { CliIo } from './cli-io.ts';
import { defineCommand, openWorkspace, untilInterrupted, type Fail } from './cli-command.ts';
import {
  CliUsageError,
  noArguments,
  parseOptions,
  portOption,
  type OptionKind,
} from './options.ts';

const proxyUsage = `Usage: npm run --silent cli -- proxy [options]

Runs the capture proxy on 127.0.0.1: every streamed response it passes on (text/event-stream,
NDJSON such as application/x-ndjson, application/json-seq) is recorded into the workspace
(origin "proxy") while the client receives the bytes unchanged.
  --target URL      Reverse (base URL) mode: forward every request to this origin / base path.
                    Without it: forward proxy mode (HTTP_PROXY / HTTPS_PROXY), intercepting TLS
                    with a local CA that clients must trust.
  --port N          Port to listen on (default: any free port)
  --ca-dir DIR      Forward mode: the CA folder (default: ${defaultProxyCaDir()})
  -k, --insecure    Accept an invalid upstream certificate   --cacert FILE   Extra upstream CA (PEM)
  --all             Also record the metadata (method, URL, status, type, size, timing) of other
                    responses
  --db FILE         Workspace file (default: the app's workspace)
Prints {"kind":"listening",…} first, then one {"kind":"recorded",…} line per recorded exchange.
Stops on Ctrl-C (SIGINT) or SIGTERM, saving open streams. Exit code 2: bad options, port in use,
unusable CA folder.
`;

const optionSpec: Record<string, OptionKind> = {
  '-h': 'flag',
  '--help': 'flag',
  '--port': 'value',
  '--target': 'value',
  '--db': 'value',
  '--ca-dir': 'value',
  '-k': 'flag',
  '--insecure': 'flag',
  '--cacert': 'value',
  '--all': 'flag',
};

interface ProxySettings {
  port: number;
  target: string | null;
  dbPath: string;
  caDir: string;
  insecure: boolean;
  caPem: string | null;
  recordAll: boolean;
}

function parseProxyArgs(args: string[]): ProxySettings {
  const options = parseOptions(args, optionSpec);
  noArguments(options);
  const port = portOption(options.values.get('--port'));
  const caFile = options.values.get('--cacert');
  let caPem: string | null = null;
  if (caFile !== undefined) {
    try {
      caPem = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new CliUsageError(`--cacert: cannot read ${caFile} (${errorMessage(error)})`);
    }
  }
  return {
    port,
    target: options.values.get('--target') ?? null,
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
    caDir: resolve(options.values.get('--ca-dir') ?? defaultProxyCaDir()),
    insecure: options.flags.has('-k') || options.flags.has('--insecure'),
    caPem,
    recordAll: options.flags.has('--all'),
  };
}

function recordedLine(recorded: RecordedExchange): Record<string, unknown> {
  return {
    kind: 'recorded',
    session: recorded.session,
    method: recorded.method,
    url: recorded.url,
    status: recorded.status,
    events: recorded.events,
    bytes: recorded.bytes,
    // Beyond the fields: `--all` lines (stream false) and how the exchange ended.
    stream: recorded.stream,
    contentType: recorded.contentType,
    outcome: recorded.outcome,
  };
}

/**
 * `proxy [--port N] [--target URL] [--db FILE] [--ca-dir DIR] [-k] [--cacert F] [--all]`: runs the
 * capture proxy until SIGINT/SIGTERM. Exit code 0 after a signal; 2 for bad options, a bad target
 * URL, a port in use or an unusable CA folder (one line on stderr); 1 when the workspace cannot
 * be opened.
 */
export const runProxyCommand = defineCommand({
  name: 'proxy',
  usage: proxyUsage,
  parse: parseProxyArgs,
  run: proxy,
});

async function proxy(settings: ProxySettings, io: CliIo, fail: Fail): Promise<number> {
  const workspace = await openWorkspace(settings.dbPath, fail);
  if (typeof workspace === 'number') return workspace;
  let capture: CaptureProxy;
  try {
    capture = await CaptureProxy.start({
      store: workspace.createRecorder(),
      port: settings.port,
      target: settings.target,
      caDir: settings.caDir,
      tls: { insecure: settings.insecure, caPem: settings.caPem },
      recordAll: settings.recordAll,
    });
  } catch (error) {
    workspace.close();
    if (!(error instanceof ProxyStartError)) throw error;
    return fail(error.aboutTarget ? `--target ${error.message}` : error.message, 2);
  }
  const interrupted = untilInterrupted();
  const out = new NdjsonWriter(io.stdout);
  out.write({
    kind: 'listening',
    url: capture.url,
    mode: capture.mode,
    ...(capture.caPath === null ? {} : { ca: capture.caPath }),
  });
  out.flush();
  capture.onRecorded((recorded) => out.write(recordedLine(recorded)));
  // An upstream failure may quote a URL with a token in it: `fail` redacts secrets.
  capture.onError((error) => fail(errorMessage(error), 1));
  await interrupted;
  await capture.stop();
  workspace.close();
  await out.end();
  return 0;
}
