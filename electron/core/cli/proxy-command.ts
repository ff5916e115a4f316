import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { errorMessage } from '../../../shared/errors.ts';
import { redactText } from '../../../shared/secrets/index.ts';
import { NdjsonWriter } from '../connections/ndjson-lines.ts';
import { CaptureProxy, ProxyStartError } from '../proxy/capture-proxy.ts';
import type { RecordedExchange } from '../proxy/proxied-exchange.ts';
import { Workspace } from '../workspace/workspace.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import type { CliIo } from './cli-io.ts';
import { CliUsageError, parseOptions, type OptionKind } from './options.ts';

/** The CA's folder beside the default workspace (the app's data folder). */
export function defaultCaDir(): string {
  return join(dirname(defaultWorkspacePath()), 'proxy-ca');
}

const proxyUsage = `Usage: npm run --silent cli -- proxy [options]

Runs the capture proxy on 127.0.0.1: every text/event-stream response it passes on is recorded
into the workspace (origin "proxy") while the client receives the bytes unchanged.
  --target URL      Reverse (base URL) mode: forward every request to this origin / base path.
                    Without it: forward proxy mode (HTTP_PROXY / HTTPS_PROXY), intercepting TLS
                    with a local CA that clients must trust.
  --port N          Port to listen on (default: any free port)
  --ca-dir DIR      Forward mode: the CA folder (default: ${defaultCaDir()})
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
  if (options.positional.length > 0) {
    throw new CliUsageError(`unexpected argument "${options.positional[0]}"`);
  }
  const portText = options.values.get('--port') ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new CliUsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
  }
  const caFile = options.values.get('--cacert');
  let caPem: string | null = null;
  if (caFile !== undefined) {
    try {
      caPem = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new CliUsageError(`--cacert: cannot read ${caFile} (${(error as Error).message})`);
    }
  }
  return {
    port,
    target: options.values.get('--target') ?? null,
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
    caDir: resolve(options.values.get('--ca-dir') ?? defaultCaDir()),
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
export async function runProxyCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(proxyUsage);
    return 0;
  }
  let settings: ProxySettings;
  try {
    settings = parseProxyArgs(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr.write(`sse-inspector proxy: ${error.message}\n`);
    return 2;
  }
  let workspace: Workspace;
  try {
    workspace = Workspace.open(settings.dbPath);
  } catch (error) {
    io.stderr.write(`sse-inspector proxy: ${(error as Error).message}\n`);
    return 1;
  }
  let proxy: CaptureProxy;
  try {
    proxy = await CaptureProxy.start({
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
    io.stderr.write(`sse-inspector proxy: ${error.message}\n`);
    return 2;
  }
  const out = new NdjsonWriter(io.stdout);
  out.write({
    kind: 'listening',
    url: proxy.url,
    mode: proxy.mode,
    ...(proxy.caPath === null ? {} : { ca: proxy.caPath }),
  });
  out.flush();
  proxy.onRecorded((recorded) => out.write(recordedLine(recorded)));
  // An upstream failure may quote a URL with a token in it: stderr never shows a secret.
  proxy.onError((error) =>
    io.stderr.write(`sse-inspector proxy: ${redactText(errorMessage(error))}\n`),
  );
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await proxy.stop();
  workspace.close();
  await out.end();
  return 0;
}
