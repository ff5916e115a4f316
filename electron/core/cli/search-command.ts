import { NdjsonWriter } from '../connections/ndjson-lines.ts';
import { SearchQueryError } from '../workspace/workspace-error.ts';
import type { SearchHit } from '../workspace/types.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { MAX_PAGE } from '../workspace/timeline-queries.ts';
import { defaultWorkspacePath } from '../workspace-path.ts';
import { defineCommand, openWorkspace, type Fail } from './cli-command.ts';
import type { CliIo } from './cli-io.ts';
import {
  CliUsageError,
  parseOptions,
  singleArgument,
  wholeNumberOption,
  type OptionKind,
} from './options.ts';

const searchUsage = `Usage: npm run --silent cli -- search QUERY [options]

Full-text search over the data of recorded events; prints one JSON object per hit:
{"session","seq","index","attempt","t","type","id","data","snippet"}. Newest session first;
within one session (--session), in timeline order. In "snippet", matches are marked «like this».
  --db FILE       Workspace file (default: the app's workspace)
  --session ID    Search one session only
  --limit N       Most hits printed (default 50)
  --fts           QUERY is FTS5 syntax (AND, OR, NOT, "phrase", prefix*, NEAR()) instead of
                  plain words (the default matches every word literally)
Exit code: 0 (also when nothing matches), 1 when the workspace cannot be read, 2 for usage,
a query the index cannot parse, or a missing workspace file.
`;

const optionSpec: Record<string, OptionKind> = {
  '-h': 'flag',
  '--help': 'flag',
  '--db': 'value',
  '--session': 'value',
  '--limit': 'value',
  '--fts': 'flag',
};

/** Marks around matched words in snippets: readable in a terminal, rare in event data. */
const HIGHLIGHT = { open: '«', close: '»' };
const DEFAULT_LIMIT = 50;

interface SearchSettings {
  query: string;
  dbPath: string;
  sessionId: number | null;
  limit: number;
  fts: boolean;
}

function parseSearchArgs(args: string[]): SearchSettings {
  const options = parseOptions(args, optionSpec);
  const query = singleArgument(
    options,
    'a QUERY is required (quote it when it has several words)',
    ' (quote a query of several words)',
  );
  if (query.trim() === '') throw new CliUsageError('the QUERY is empty');
  return {
    query,
    dbPath: options.values.get('--db') ?? defaultWorkspacePath(),
    sessionId: wholeNumberOption(options.values.get('--session'), '--session', 1),
    limit: wholeNumberOption(options.values.get('--limit'), '--limit', 1) ?? DEFAULT_LIMIT,
    fts: options.flags.has('--fts'),
  };
}

/** One hit as printed: where it is, the full event (not just the snippet), and the snippet. */
function hitLine(workspace: Workspace, hit: SearchHit): Record<string, unknown> {
  // The hit's seq addresses the event row directly (getEvent would first map index → seq).
  const entry = workspace.readEntry(hit.sessionId, hit.seq);
  const data = entry?.record.kind === 'event' ? entry.record.data : null;
  return {
    session: hit.sessionId,
    seq: hit.seq,
    index: hit.index,
    attempt: hit.attempt,
    t: Math.round(hit.t * 1000) / 1000,
    type: hit.type,
    id: hit.lastEventId,
    data,
    snippet: hit.snippet,
  };
}

/**
 * `search QUERY [--db F] [--session ID] [--limit N] [--fts]`: full-text search over event data
 * through the workspace's FTS5 index, printed as NDJSON. Never creates a workspace: a missing
 * file is a usage error (exit 2), as is a query FTS5 cannot parse (one line on stderr).
 */
export const runSearchCommand = defineCommand({
  name: 'search',
  usage: searchUsage,
  parse: parseSearchArgs,
  run: search,
});

async function search(settings: SearchSettings, io: CliIo, fail: Fail): Promise<number> {
  const missing = `no workspace at ${settings.dbPath} (record one with "capture" first)`;
  const workspace = await openWorkspace(settings.dbPath, fail, missing);
  if (typeof workspace === 'number') return workspace;
  const out = new NdjsonWriter(io.stdout);
  try {
    if (settings.sessionId !== null && workspace.getSession(settings.sessionId) === null) {
      return fail(`no session ${settings.sessionId} in ${settings.dbPath}`, 2);
    }
    // Pages of at most MAX_PAGE hits; a page shorter than asked is the last one.
    for (let printed = 0; printed < settings.limit && !out.broken;) {
      const limit = Math.min(MAX_PAGE, settings.limit - printed);
      const hits = workspace.searchEvents(settings.query, {
        limit,
        offset: printed,
        plainText: !settings.fts,
        highlight: HIGHLIGHT,
        ...(settings.sessionId === null ? {} : { sessionId: settings.sessionId }),
      });
      for (const hit of hits) out.write(hitLine(workspace, hit));
      printed += hits.length;
      if (hits.length < limit) break;
    }
  } catch (error) {
    if (error instanceof SearchQueryError) return fail(error.message, 2);
    throw error;
  } finally {
    workspace.close();
  }
  await out.end();
  return 0;
}
