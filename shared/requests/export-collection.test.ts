import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Collection } from './collection.ts';
import { importCollectionFile } from './import-collection.ts';
import { exportNativeCollection } from './native-collection.ts';
import { exportPostmanCollection } from './postman.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const collection: Collection = {
  name: 'Streams',
  variables: [
    { name: 'base', value: 'http://127.0.0.1:8080', secret: false },
    { name: 'token', value: 'sk-live-123', secret: true },
  ],
  folders: [['A'], ['A', 'B'], ['Empty']],
  requests: [
    { name: 'top', folder: [], method: 'GET', url: '{{base}}/events', headers: [], body: null },
    {
      name: 'nested',
      folder: ['A', 'B'],
      method: 'POST',
      url: '{{base}}/chat?key={{token}}',
      headers: [
        ['Authorization', 'Bearer {{token}}'],
        ['Content-Type', 'application/json'],
      ],
      body: '{"stream":true}',
    },
    { name: 'in A', folder: ['A'], method: 'GET', url: '{{base}}/a', headers: [], body: '' },
  ],
};
const withoutSecretValues: Collection = {
  ...collection,
  variables: collection.variables.map((v) => (v.secret ? { ...v, value: '' } : v)),
};

describe('exporting a collection', () => {
  it('round-trips through our own format (secret values left out)', () => {
    const file = exportNativeCollection(collection, [
      { name: 'Prod', variables: [{ name: 'token', value: 'x', secret: true }] },
    ]);
    expect(file).toMatchObject({ format: 'sse-inspector/collection', version: 1 });
    const again = importCollectionFile(JSON.stringify(file));
    expect(again.format).toBe('sse-inspector');
    expect(again.collection).toEqual(withoutSecretValues);
    expect(again.environments).toEqual([
      { name: 'Prod', variables: [{ name: 'token', value: '', secret: true }] },
    ]);
  });

  it('round-trips through Postman v2.1', () => {
    const file = exportPostmanCollection(collection);
    const again = importCollectionFile(JSON.stringify(file));
    expect(again.format).toBe('postman');
    expect(again.collection).toEqual(withoutSecretValues);
  });

  it('round-trips an imported Postman collection', () => {
    const first = importCollectionFile(fixture('postman-streaming-apis.postman_collection.json'));
    const again = importCollectionFile(JSON.stringify(exportPostmanCollection(first.collection)));
    expect(again.collection.requests).toEqual(
      first.collection.requests.map((r) =>
        // the literal basic credentials stay home
        r.name === 'Admin events' ? { ...r, headers: [['Authorization', 'Basic [REDACTED]']] } : r,
      ),
    );
  });

  it('writes literal secrets as markers but keeps {{references}} in their place', () => {
    const literal: Collection = {
      ...collection,
      requests: [
        {
          name: 'literal',
          folder: [],
          method: 'GET',
          url: 'https://h/x?api_key=abc&page={{page}}',
          headers: [
            ['X-Api-Key', 'abc'],
            ['Cookie', 'sid={{sid}}'],
          ],
          body: null,
        },
      ],
    };
    const [request] = exportNativeCollection(literal).collection.requests;
    expect(request!.url).toBe('https://h/x?api_key=[REDACTED]&page={{page}}');
    expect(request!.headers).toEqual([
      ['X-Api-Key', '[REDACTED]'],
      ['Cookie', 'sid={{sid}}'],
    ]);
  });
});
