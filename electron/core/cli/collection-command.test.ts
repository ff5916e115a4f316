import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headerValue } from '../../../tests/fixtures/sse-fixture-server.ts';
import { CollectionsService } from '../collections/collections-service.ts';
import { SealingService } from '../secrets/sealing-service.ts';
import { Workspace } from '../workspace/workspace.ts';
import { cliTestPlace, jsonLines, runWithIo } from './cli-test-kit.ts';
import { runCollectionCommand } from './collection-command.ts';
import { runRunCommand } from './run-command.ts';

const fixtures = fileURLToPath(new URL('../../../shared/requests/fixtures/', import.meta.url));
const place = cliTestPlace('sse-collection-');
let count = 0;

const freshDb = () => join(place.dir, `w${count++}.db`);
const write = (name: string, value: unknown) => {
  const path = join(place.dir, `${count++}-${name}`);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

interface RequestLine {
  id: number;
  name: string;
  folder: string | null;
  method: string;
  url: string;
}

describe('cli collection import / list', () => {
  it('names at most 20 secrets not saved, then how many more', async () => {
    const item = Array.from({ length: 25 }, (_, i) => ({
      name: `r${i}`,
      request: { method: 'GET', url: 'https://x/', header: [{ key: 'X-Api-Key', value: `k${i}` }] },
    }));
    const file = write('many.postman_collection.json', {
      info: {
        name: 'Many',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      item,
    });
    const imported = await runWithIo(runCollectionCommand, ['import', file, '--db', freshDb()]);
    expect(imported.code).toBe(0);
    const line = imported.stderr.split('\n').find((l) => l.includes('not saved'))!;
    expect(line).toContain('X-Api-Key of "r19"; and 5 more');
    expect(line).not.toContain('"r20"');
  });

  it('prints one line per imported request, and the same lines from list', async () => {
    const db = freshDb();
    const imported = await runWithIo(runCollectionCommand, [
      'import',
      join(fixtures, 'postman-streaming-apis.postman_collection.json'),
      '--db',
      db,
    ]);
    expect(imported.code).toBe(0);
    const lines = jsonLines<RequestLine>(imported.stdout);
    expect(lines[0]).toEqual({
      id: lines[0]!.id,
      name: 'Chat completion (stream)',
      folder: 'OpenAI',
      method: 'POST',
      url: '{{openai_base}}/v1/chat/completions',
    });
    expect(lines.map((l) => l.folder)).toEqual([
      'OpenAI',
      'Internal/Feeds',
      'Internal',
      'Internal',
      null,
    ]);
    // The command line has no key store: the literal basic credentials are not written, and said.
    expect(imported.stderr).toContain(
      'secret values not saved (no key store here): Authorization of "Admin events"',
    );
    expect(imported.stderr).toContain('note: pre-request and test scripts are not run');
    expect(readFileSync(db).toString('latin1')).not.toContain('YWRtaW46czNjcmV0');
    const listed = await runWithIo(runCollectionCommand, ['list', '--db', db]);
    expect(listed.code).toBe(0);
    expect(jsonLines<RequestLine>(listed.stdout)).toEqual(lines);
  });

  it('imports an Insomnia export with its environments', async () => {
    const db = freshDb();
    const result = await runWithIo(runCollectionCommand, [
      'import',
      join(fixtures, 'insomnia-export.json'),
      '--db',
      db,
    ]);
    expect(result.code).toBe(0);
    expect(jsonLines<RequestLine>(result.stdout).map((l) => l.url)).toEqual([
      '{{base_url}}/v1/messages',
      '{{base_url}}/events?channel={{channel}}',
    ]);
    expect(result.stderr).toContain('environments stored: Production');
  });

  it('refuses a file that is none of the formats: exit 2, one line, nothing written', async () => {
    const db = freshDb();
    const path = write('openapi.json', { openapi: '3.0.0', paths: {} });
    const result = await runWithIo(runCollectionCommand, ['import', path, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^sse-inspector collection: .*expected a Postman collection/);
    const listed = await runWithIo(runCollectionCommand, ['list', '--db', db]);
    expect(listed.stdout).toBe('');
  });
});

type Line = Record<string, unknown> & { kind: string };

describe('cli run', () => {
  async function withCollection(): Promise<string> {
    const db = freshDb();
    const path = write('streams.postman_collection.json', {
      info: {
        name: 'Local',
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] },
      variable: [{ key: 'count', value: '2' }],
      item: [
        {
          name: 'Drip',
          request: {
            method: 'GET',
            header: [{ key: 'X-Channel', value: '{{channel}}' }],
            url: { raw: '{{base}}/drip?count={{count}}&interval=0' },
          },
        },
      ],
    });
    expect((await runWithIo(runCollectionCommand, ['import', path, '--db', db])).code).toBe(0);
    return db;
  }

  it('resolves variables (--var over --env-file over the collection) and prints capture NDJSON', async () => {
    const db = await withCollection();
    const envFile = write('local.postman_environment.json', {
      name: 'Local',
      values: [
        { key: 'base', value: place.server.url, enabled: true },
        { key: 'channel', value: 'from-file', enabled: true },
        { key: 'token', value: 'tok-1', type: 'secret', enabled: true },
      ],
      _postman_variable_scope: 'environment',
    });
    place.server.clearRequests();
    const result = await runWithIo(runRunCommand, [
      'Drip',
      '--env-file',
      envFile,
      '--var',
      'channel=from-var',
      '--max-attempts',
      '1',
      '--db',
      db,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = jsonLines<Line>(result.stdout);
    expect(lines.filter((l) => l.kind === 'event')).toHaveLength(2);
    const end = lines.at(-1)!;
    expect(end).toMatchObject({ kind: 'end', outcome: 'closed' });
    const [sent] = place.server.requests();
    expect(sent!.url).toBe('/drip?count=2&interval=0');
    expect(headerValue(sent!, 'x-channel')).toBe('from-var');
    expect(headerValue(sent!, 'authorization')).toBe('Bearer tok-1');
    // The run is remembered: the request's last session is the one just recorded.
    const workspace = Workspace.open(db);
    try {
      const service = new CollectionsService(workspace, new SealingService(null));
      expect(service.findRequest('Drip').lastSessionId).toBe(end.session);
    } finally {
      workspace.close();
    }
  });

  it('also reads a plain {"name": "value"} --env-file, as cli check does', async () => {
    const db = await withCollection();
    const envFile = write('plain.json', { base: place.server.url, channel: 'plain', token: 't' });
    place.server.clearRequests();
    const result = await runWithIo(runRunCommand, [
      'Drip',
      '--env-file',
      envFile,
      '--max-events',
      '1',
      '--db',
      db,
    ]);
    expect(result.code).toBe(0);
    expect(headerValue(place.server.requests()[0]!, 'x-channel')).toBe('plain');
    const bad = write('bad.json', { base: { nested: true } });
    const refused = await runWithIo(runRunCommand, ['Drip', '--env-file', bad, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"base" is not text, a number or a boolean');
  });

  it('uses a stored environment by name', async () => {
    const db = await withCollection();
    const workspace = Workspace.open(db);
    new CollectionsService(workspace, new SealingService(null)).saveEnvironment(null, {
      name: 'Fixture',
      variables: [
        { name: 'base', value: place.server.url, secret: false },
        { name: 'channel', value: 'stored', secret: false },
        { name: 'token', value: 'tok-2', secret: false },
      ],
    });
    workspace.close();
    place.server.clearRequests();
    const result = await runWithIo(runRunCommand, [
      'Drip',
      '--env',
      'fixture',
      '--max-events',
      '1',
      '--db',
      db,
    ]);
    expect(result.code).toBe(0);
    expect(headerValue(place.server.requests()[0]!, 'x-channel')).toBe('stored');
  });

  it('sends nothing while a variable is unresolved: exit 2 naming it', async () => {
    const db = await withCollection();
    place.server.clearRequests();
    const result = await runWithIo(runRunCommand, [
      'Drip',
      '--var',
      `base=${place.server.url}`,
      '--db',
      db,
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'sse-inspector run: nothing was sent: unresolved variables channel, token\n',
    );
    expect(place.server.requests()).toEqual([]);
  });

  it('says which request or environment it cannot find', async () => {
    const db = await withCollection();
    expect((await runWithIo(runRunCommand, ['Nope', '--db', db])).stderr).toContain(
      'no stored request is called "Nope"',
    );
    expect(
      (await runWithIo(runRunCommand, ['Drip', '--env', 'Prod', '--db', db])).stderr,
    ).toContain('no environment is called "Prod"');
    expect((await runWithIo(runRunCommand, ['Drip', '--var', '1x=2', '--db', db])).code).toBe(2);
  });
});
