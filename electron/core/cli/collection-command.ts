import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CollectionFormatError } from '../../../shared/requests/collection.ts';
import { importCollectionFile } from '../../../shared/requests/import-collection.ts';
import { CollectionsService } from '../collections/collections-service.ts';
import { SealingService } from '../secrets/sealing-service.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import { CliUsageError, parseOptions } from './options.ts';

const collectionUsage = `Usage: npm run --silent cli -- collection import FILE [--db F]
       npm run --silent cli -- collection list [--db F]

import   Stores a Postman collection (v2.0/v2.1) or environment, an Insomnia v4 export (requests,
         folders, environments), a HAR's entries or an SSE Inspector collection file, and prints
         one JSON line per imported request: {"id","name","folder","method","url"} (URL with its
         {{variables}} as written).
list     Prints the same lines for every stored request.
  --db FILE        Workspace file (default: the app's workspace)
Secret values (secret variables, Authorization and other secret headers) are kept only sealed by
the OS key store; the command line has none, so it does not write them and says which on stderr.
Exit code: 0 when done, 1 when the workspace cannot be opened, 2 for usage or a file that is none
of the formats (nothing is written then).
`;

type CollectionSettings =
  { action: 'import'; path: string; dbPath: string } | { action: 'list'; dbPath: string };

function parseCollectionArgs(args: string[]): CollectionSettings {
  const options = parseOptions(args, { '--db': 'value' });
  const [action, path, extra] = options.positional;
  const dbPath = options.values.get('--db') ?? defaultWorkspacePath();
  if (action === 'import') {
    if (path === undefined) throw new CliUsageError('collection import needs a FILE');
    if (extra !== undefined) throw new CliUsageError(`unexpected argument "${extra}"`);
    return { action, path, dbPath };
  }
  if (action === 'list') {
    if (path !== undefined) throw new CliUsageError(`unexpected argument "${path}"`);
    return { action, dbPath };
  }
  throw new CliUsageError(
    action === undefined
      ? 'collection wants import or list'
      : `unknown action "${action}" (import or list)`,
  );
}

/** `collection import FILE` and `collection list`: stored requests as NDJSON. */
export const runCollectionCommand = defineCommand({
  name: 'collection',
  usage: collectionUsage,
  parse: parseCollectionArgs,
  run: collection,
});

async function collection(settings: CollectionSettings, io: CliIo, fail: Fail): Promise<number> {
  let imported;
  if (settings.action === 'import') {
    let text: string;
    try {
      text = readFileSync(settings.path, 'utf8');
    } catch (error) {
      return fail(`cannot read ${settings.path} (${(error as Error).message})`, 2);
    }
    try {
      imported = importCollectionFile(text, basename(settings.path).replace(/\.json$/i, ''));
    } catch (error) {
      if (!(error instanceof CollectionFormatError)) throw error;
      return fail(`${settings.path}: ${error.message}`, 2);
    }
  }
  const workspace = await openWorkspace(settings.dbPath, fail);
  if (typeof workspace === 'number') return workspace;
  try {
    // The command line has no OS key store: secrets are not written (and are named below).
    const service = new CollectionsService(workspace, new SealingService(null));
    if (imported === undefined) {
      for (const line of service.requestLines()) io.stdout.write(`${JSON.stringify(line)}\n`);
      return 0;
    }
    const outcome = service.importCollection(imported);
    for (const line of outcome.requests) io.stdout.write(`${JSON.stringify(line)}\n`);
    for (const warning of outcome.warnings) fail(`note: ${warning}`, 0);
    if (outcome.environments.length > 0) {
      fail(`environments stored: ${outcome.environments.join(', ')}`, 0);
    }
    if (outcome.notSaved.length > 0) {
      fail(`secret values not saved (no key store here): ${someOf(outcome.notSaved)}`, 0);
    }
    return 0;
  } finally {
    workspace.close();
  }
}

/** The first names of a long list and how many more: a large file's list is one line, not megabytes. */
function someOf(names: string[], shown = 20): string {
  const more = names.length - shown;
  return more > 0 ? `${names.slice(0, shown).join('; ')}; and ${more} more` : names.join('; ');
}
