import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importCollectionFile } from '../../../shared/requests/import-collection.ts';
import { SealingService } from '../secrets/sealing-service.ts';
import { testKeyStore } from '../secrets/sealing-test-kit.ts';
import * as store from '../workspace/collections-store.ts';
import { sessionStart, tempDir } from '../workspace/test-fixtures.ts';
import { Workspace } from '../workspace/workspace.ts';
import { CollectionsService } from './collections-service.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../shared/requests/fixtures/${name}`, import.meta.url), 'utf8');
const postman = () =>
  importCollectionFile(fixture('postman-streaming-apis.postman_collection.json'));
const postmanSchema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const environmentFile = () => importCollectionFile(fixture('staging.postman_environment.json'));

let temp: ReturnType<typeof tempDir>;
let workspace: Workspace;
const dbPath = () => join(temp.dir, 'w.db');
const fileText = () => {
  workspace.close();
  const bytes = readFileSync(dbPath()).toString('latin1');
  workspace = Workspace.open(dbPath());
  return bytes;
};

beforeEach(() => {
  temp = tempDir();
  workspace = Workspace.open(dbPath());
});
afterEach(() => {
  workspace.close();
  temp.remove();
});

describe('importing into the workspace', () => {
  it('stores requests in their folders and lists them as the CLI prints them', () => {
    const service = new CollectionsService(workspace, new SealingService(testKeyStore()));
    const outcome = service.importCollection(postman());
    expect(outcome.requests.map((line) => [line.folder, line.name, line.method])).toEqual([
      ['OpenAI', 'Chat completion (stream)', 'POST'],
      ['Internal/Feeds', 'Prices feed', 'GET'],
      ['Internal', 'Login (form)', 'POST'],
      ['Internal', 'Admin events', 'GET'],
      [null, 'Health', 'GET'],
    ]);
    expect(service.requestLines()).toEqual(outcome.requests);
    expect(outcome.requests[1]!.url).toBe(
      '{{base_url}}/feeds/prices?symbol=ACME&api_key={{feed_key}}',
    );
    expect(outcome.notSaved).toEqual([]);
    expect(service.collection(outcome.collectionId!).folders).toEqual([
      ['OpenAI'],
      ['Internal'],
      ['Internal', 'Feeds'],
    ]);
  });

  it('seals literal secrets: the file holds markers, the request opens with the value', () => {
    const service = new CollectionsService(workspace, new SealingService(testKeyStore()));
    service.importCollection(postman());
    service.importCollection(environmentFile());
    const admin = service.findRequest('Admin events');
    expect(admin.headers).toEqual([['Authorization', 'Basic [REDACTED]']]);
    expect(service.openRequest(admin).template.headers).toEqual([
      ['Authorization', 'Basic YWRtaW46czNjcmV0'],
    ]);
    expect(service.findEnvironment('staging')!.variables).toContainEqual({
      name: 'token',
      value: 'stg-token-123',
      secret: true,
    });
    const bytes = fileText();
    expect(bytes).not.toContain('YWRtaW46czNjcmV0');
    expect(bytes).not.toContain('stg-token-123');
  });

  it('without a key store writes no secret and names what was not saved', () => {
    const service = new CollectionsService(workspace, new SealingService(null));
    const outcome = service.importCollection(postman());
    const env = service.importCollection(environmentFile());
    expect(outcome.notSaved).toEqual(['Authorization of "Admin events"']);
    expect(env.notSaved).toEqual(['token in environment "Staging"']);
    expect(env.environments).toEqual(['Staging']);
    const opened = service.openRequest(service.findRequest('Admin events'));
    expect(opened).toMatchObject({ missing: ['Authorization'], reason: 'not-saved' });
    expect(service.findEnvironment('Staging')).toMatchObject({
      missing: ['token'],
      reason: 'not-saved',
    });
    const bytes = fileText();
    expect(bytes).not.toContain('YWRtaW46czNjcmV0');
    expect(bytes).not.toContain('stg-token-123');
  });

  it('reports each request as stored: a secret in its URL never reaches the printed lines', () => {
    const file = importCollectionFile(
      JSON.stringify({
        info: { name: 'Leaky', schema: postmanSchema },
        item: [
          {
            name: 'Keyed',
            request: { method: 'GET', url: 'https://ada:pw-1@x.example/s?api_key=key-2#token=t-3' },
          },
        ],
      }),
    );
    for (const sealing of [new SealingService(null), new SealingService(testKeyStore())]) {
      const service = new CollectionsService(workspace, sealing);
      const outcome = service.importCollection(file);
      const printed = JSON.stringify(outcome.requests);
      for (const secret of ['pw-1', 'key-2', 't-3']) expect(printed).not.toContain(secret);
      expect(outcome.requests[0]!.url).toBe(
        'https://[REDACTED]@x.example/s?api_key=[REDACTED]#token=[REDACTED]',
      );
      expect(service.requestLines().at(-1)).toEqual(outcome.requests[0]);
    }
  });

  it('keeps user info made of {{references}} as written: there is no secret to seal', () => {
    const file = importCollectionFile(
      JSON.stringify({
        info: { name: 'Refs', schema: postmanSchema },
        item: [
          { name: 'R', request: { method: 'GET', url: 'https://{{user}}:{{pass}}@x.example/s' } },
        ],
      }),
    );
    const outcome = new CollectionsService(workspace, new SealingService(null)).importCollection(
      file,
    );
    expect(outcome.requests[0]!.url).toBe('https://{{user}}:{{pass}}@x.example/s');
    expect(outcome.notSaved).toEqual([]);
  });

  it('numbers a new collection itself, never reading the positions of what it just stored', () => {
    const statements = vi.spyOn(workspace, 'statement');
    const service = new CollectionsService(workspace, new SealingService(null));
    service.importCollection(postman());
    const sql = statements.mock.calls.map(([text]) => text);
    // One such read per request made a 200,000-request import take hours (each reads them all).
    expect(sql.filter((text) => text.includes('max(position)'))).toEqual([]);
    expect(service.requestLines().map((line) => line.name)).toEqual([
      'Chat completion (stream)',
      'Prices feed',
      'Login (form)',
      'Admin events',
      'Health',
    ]);
  });

  it('keeps {{references}} where secrets go as written (they are not secrets)', () => {
    const service = new CollectionsService(workspace, new SealingService(null));
    service.importCollection(postman());
    expect(service.findRequest('Health').headers).toEqual([['Authorization', 'Bearer {{token}}']]);
  });

  it('never overwrites an environment of the same name', () => {
    const service = new CollectionsService(workspace, new SealingService(null));
    service.importCollection(environmentFile());
    expect(service.importCollection(environmentFile()).environments).toEqual(['Staging (2)']);
  });
});

describe('organising collections', () => {
  let service: CollectionsService;
  beforeEach(() => {
    service = new CollectionsService(workspace, new SealingService(null));
    service.importCollection(postman());
  });
  const folderId = (name: string) => store.listFolders(workspace).find((f) => f.name === name)!.id;
  const lines = () => service.requestLines().map((line) => `${line.folder ?? ''}:${line.name}`);

  it('renames, moves and duplicates requests and folders', () => {
    const health = service.findRequest('Health').id;
    store.renameItem(workspace, 'request', health, 'Liveness');
    store.moveRequest(workspace, health, folderId('Feeds'));
    store.moveFolder(workspace, folderId('Feeds'), null);
    store.renameItem(workspace, 'folder', folderId('OpenAI'), 'LLM');
    store.duplicateRequest(workspace, service.findRequest('Login (form)').id);
    expect(lines()).toEqual([
      'LLM:Chat completion (stream)',
      'Internal:Login (form)',
      'Internal:Admin events',
      'Internal:Login (form) copy',
      'Feeds:Prices feed', // moved to the top level, after the other folders
      'Feeds:Liveness',
    ]);
    store.duplicateFolder(workspace, folderId('Feeds'));
    expect(lines().filter((line) => line.startsWith('Feeds copy:'))).toEqual([
      'Feeds copy:Prices feed',
      'Feeds copy:Liveness',
    ]);
  });

  it('duplicates a folder tree in order, numbering the copies itself', () => {
    // Internal holds Login (form), Admin events and the subfolder Feeds (Prices feed).
    const statements = vi.spyOn(workspace, 'statement');
    store.duplicateFolder(workspace, folderId('Internal'));
    const sql = statements.mock.calls.map(([text]) => text);
    // One such read per copied row made copying a folder of many thousands quadratic.
    expect(sql.filter((text) => text.includes('max(position)'))).toHaveLength(1);
    const copied = lines().filter((line) => line.startsWith('Internal copy'));
    const original = lines().filter(
      (line) => line.startsWith('Internal/') || line.startsWith('Internal:'),
    );
    expect(copied).toEqual(original.map((line) => line.replace('Internal', 'Internal copy')));
    expect(copied).toHaveLength(3);
    expect(service.collection(store.listCollections(workspace)[0]!.id).folders).toEqual([
      ['OpenAI'],
      ['Internal'],
      ['Internal copy'],
      ['Internal', 'Feeds'],
      ['Internal copy', 'Feeds'],
    ]);
  });

  it('refuses to move a folder into itself or its own subfolder', () => {
    expect(() => store.moveFolder(workspace, folderId('Internal'), folderId('Feeds'))).toThrow(
      /into itself/,
    );
  });

  it('deletes a folder with everything in it', () => {
    store.deleteItem(workspace, 'folder', folderId('Internal'));
    expect(lines()).toEqual(['OpenAI:Chat completion (stream)', ':Health']);
  });

  it('remembers the last session of a run until that session is deleted', () => {
    const request = service.findRequest('Health').id;
    const session = workspace.createRecorder().createSession(sessionStart());
    service.recordRun(request, session);
    expect(service.findRequest('Health').lastSessionId).toBe(session);
    workspace.deleteSession(session);
    expect(service.findRequest('Health').lastSessionId).toBeNull();
  });

  it('finds a request by id or name and refuses an ambiguous name', () => {
    const id = service.findRequest('Health').id;
    expect(service.findRequest(String(id)).name).toBe('Health');
    store.duplicateRequest(workspace, id);
    store.renameItem(workspace, 'request', service.findRequest('Health copy').id, 'health');
    expect(() => service.findRequest('Health')).toThrow(/2 requests are called "Health"/);
    expect(() => service.findRequest('nope')).toThrow(/no stored request is called "nope"/);
  });
});

describe('environments', () => {
  it('keeps one active at most', () => {
    const service = new CollectionsService(workspace, new SealingService(testKeyStore()));
    const a = service.saveEnvironment(null, { name: 'A', variables: [] }).id;
    const b = service.saveEnvironment(null, { name: 'B', variables: [] }).id;
    service.setActiveEnvironment(a);
    service.setActiveEnvironment(b);
    expect(service.environments().map((e) => [e.name, e.active])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    service.setActiveEnvironment(null);
    expect(service.activeEnvironment()).toBeNull();
  });
});
