import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InspectorCore } from '../inspector-core.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { startWebHost } from '../web-host/web-host.ts';
import { untilInterrupted } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import { noArguments, parseOptions, portOption, CliUsageError } from './options.ts';
import { packageRoot, packageVersion } from './package-root.ts';

const webHelp = `Usage: npm run --silent cli -- web [options]

Serves the inspector UI and its core on 127.0.0.1 and prints the URL to open, with its access
token. Runs until interrupted (Ctrl+C).
  --port N        Port to listen on (default: a free one)
  --db FILE       Workspace file (default: the app's workspace)
  --ca-dir DIR    The capture proxy's CA folder (default: proxy-ca beside the app's workspace)
  --renderer DIR  Built renderer to serve (default: dist/renderer; run "npm run build" first)
`;

/**
 * `web [--port N] [--db FILE] [--ca-dir DIR] [--renderer DIR]`: serves the built renderer and the core on
 * 127.0.0.1 and prints the URL with its access token. Runs until interrupted.
 */
export async function runWebCommand(args: string[], io: CliIo): Promise<number> {
  let port: number;
  let rendererDir = join(packageRoot(), 'dist/renderer');
  let workspacePath = defaultWorkspacePath();
  let proxyCaDir: string | undefined;
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(webHelp);
    return 0;
  }
  try {
    const options = parseOptions(args, {
      '--port': 'value',
      '--renderer': 'value',
      '--db': 'value',
      '--ca-dir': 'value',
    });
    noArguments(options);
    port = portOption(options.values.get('--port'));
    rendererDir = options.values.get('--renderer') ?? rendererDir;
    workspacePath = options.values.get('--db') ?? workspacePath;
    proxyCaDir = options.values.get('--ca-dir');
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`sse-inspector web: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!existsSync(`${rendererDir}/index.html`)) {
    io.stderr.write(
      `sse-inspector web: no built renderer in ${rendererDir}; run "npm run build" first (or use "npm run web").\n`,
    );
    return 2;
  }
  const core = new InspectorCore({
    host: 'web',
    version: packageVersion(),
    workspacePath,
    ...(proxyCaDir === undefined ? {} : { proxyCaDir: resolve(proxyCaDir) }),
  });
  const host = await startWebHost({
    core,
    rendererDir,
    port,
    log: (message) => io.stderr.write(`${message}\n`),
  });
  const interrupted = untilInterrupted();
  io.stdout.write(`SSE Inspector web host: ${host.url}\n`);
  io.stdout.write('Open that URL in a browser. Press Ctrl+C to stop.\n');
  await interrupted;
  await host.close();
  await core.close();
  return 0;
}
