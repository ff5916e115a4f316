import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectionFormatError } from './collection.ts';
import { importCollectionFile, parseEnvironmentFile } from './import-collection.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const byName = <T extends { name: string }>(items: T[], name: string): T => {
  const found = items.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
};

describe('importing a Postman v2.1 collection', () => {
  const imported = importCollectionFile(fixture('postman-streaming-apis.postman_collection.json'));
  const requests = imported.collection.requests;

  it('keeps every request in its nested folder, in document order', () => {
    expect(imported.format).toBe('postman');
    expect(imported.collection.name).toBe('Streaming APIs');
    expect(requests.map((r) => [r.folder, r.name])).toEqual([
      [['OpenAI'], 'Chat completion (stream)'],
      [['Internal', 'Feeds'], 'Prices feed'],
      [['Internal'], 'Login (form)'],
      [['Internal'], 'Admin events'],
      [[], 'Health'],
    ]);
    expect(imported.collection.folders).toEqual([['OpenAI'], ['Internal'], ['Internal', 'Feeds']]);
  });

  it('keeps raw bodies and {{variables}} as written and skips disabled headers', () => {
    const chat = byName(requests, 'Chat completion (stream)');
    expect(chat.method).toBe('POST');
    expect(chat.url).toBe('{{openai_base}}/v1/chat/completions');
    expect(chat.body).toContain('"model": "{{model}}"');
    expect(chat.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['Authorization', 'Bearer {{token}}'], // the collection's bearer auth, inherited
    ]);
  });

  it('puts a folder API key given "in: query" into the URL and overrides the collection auth', () => {
    const prices = byName(requests, 'Prices feed');
    expect(prices.url).toBe('{{base_url}}/feeds/prices?symbol=ACME&api_key={{feed_key}}');
    expect(prices.headers).toEqual([['Accept', 'text/event-stream']]);
  });

  it('encodes urlencoded bodies (disabled fields left out) with their content type', () => {
    const login = byName(requests, 'Login (form)');
    expect(login.body).toBe('username={{user}}&remember%20me=yes%20%26%20no');
    expect(login.headers).toEqual([['Content-Type', 'application/x-www-form-urlencoded']]);
  });

  it('turns basic auth into an Authorization header, and noauth into none', () => {
    expect(byName(requests, 'Admin events').headers).toEqual([
      ['Authorization', 'Basic YWRtaW46czNjcmV0'],
    ]);
    expect(byName(requests, 'Login (form)').headers.map(([name]) => name)).not.toContain(
      'Authorization',
    );
  });

  it('reads collection variables (disabled ones left out) and says scripts are not run', () => {
    expect(imported.collection.variables).toEqual([
      { name: 'base_url', value: 'https://api.example.com', secret: false },
      { name: 'openai_base', value: 'https://api.openai.com', secret: false },
      { name: 'model', value: 'gpt-4o-mini', secret: false },
    ]);
    expect(imported.warnings).toEqual(['pre-request and test scripts are not run']);
  });
});

describe('importing a Postman environment', () => {
  it('keeps enabled values and marks secret ones', () => {
    const imported = importCollectionFile(fixture('staging.postman_environment.json'));
    expect(imported.format).toBe('postman-environment');
    expect(imported.collection.requests).toEqual([]);
    expect(imported.environments).toEqual([
      {
        name: 'Staging',
        variables: [
          { name: 'base_url', value: 'https://staging.example.com', secret: false },
          { name: 'token', value: 'stg-token-123', secret: true },
        ],
      },
    ]);
  });

  it('marks a variable secret when its value is a URL with a literal credential in it', () => {
    const values = [
      ['db_url', 'postgres://app:pw-123@db.internal/app'],
      ['feed', 'https://x.example/feed?api_key=k-456'],
      ['templated', 'https://{{user}}:{{pass}}@x.example/'],
      ['plain', 'https://x.example/a?page=2'],
    ].map(([key, value]) => ({ key, value, enabled: true }));
    const imported = importCollectionFile(
      JSON.stringify({ name: 'Env', values, _postman_variable_scope: 'environment' }),
    );
    expect(imported.environments[0]!.variables.map((v) => [v.name, v.secret])).toEqual([
      ['db_url', true],
      ['feed', true],
      ['templated', false],
      ['plain', false],
    ]);
  });
});

describe('importing an Insomnia v4 export', () => {
  const imported = importCollectionFile(fixture('insomnia-export.json'));

  it('maps folders (request groups), requests and {{ _.name }} variables', () => {
    expect(imported.format).toBe('insomnia');
    expect(imported.collection.name).toBe('Streams');
    expect(imported.collection.folders).toEqual([
      ['LLM providers'],
      ['LLM providers', 'Anthropic'],
    ]);
    // Insomnia's order: each parent's children by metaSortKey, the folder first here.
    const [messages, events] = imported.collection.requests;
    expect(events).toEqual({
      name: 'Event stream',
      folder: [],
      method: 'GET',
      url: '{{base_url}}/events?channel={{channel}}',
      headers: [
        ['Accept', 'text/event-stream'],
        ['Authorization', 'Bearer {{token}}'],
      ],
      body: null,
    });
    expect(messages!.folder).toEqual(['LLM providers', 'Anthropic']);
    expect(messages!.body).toContain('"model": "{{model}}"');
    expect(messages!.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['anthropic-version', '2023-06-01'],
      ['x-api-key', '{{anthropic_key}}'],
    ]);
  });

  it('makes the base environment the collection variables and sub-environments environments', () => {
    expect(imported.collection.variables.map((v) => v.name)).toEqual([
      'base_url',
      'model',
      'channel',
    ]);
    expect(imported.environments).toEqual([
      {
        name: 'Production',
        variables: [
          { name: 'base_url', value: 'https://api.example.com', secret: false },
          { name: 'token', value: 'prod-token-abc', secret: true },
          { name: 'anthropic.region', value: 'us', secret: false },
        ],
      },
    ]);
  });

  it('serves as an --env-file: the sub-environment over the base one', () => {
    const environment = parseEnvironmentFile(fixture('insomnia-export.json'));
    expect(environment.name).toBe('Production');
    expect(Object.fromEntries(environment.variables.map((v) => [v.name, v.value]))).toEqual({
      model: 'claude-3-5-sonnet-latest',
      channel: 'general',
      base_url: 'https://api.example.com',
      token: 'prod-token-abc',
      'anthropic.region': 'us',
    });
  });
});

describe('importing HAR entries as requests', () => {
  it('keeps method, URL, headers and body, leaving out headers the client computes', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            request: {
              method: 'POST',
              url: 'https://api.example.com/v1/stream?x=1',
              httpVersion: 'http/2.0',
              headers: [
                { name: ':authority', value: 'api.example.com' },
                { name: 'accept', value: 'text/event-stream' },
                { name: 'content-length', value: '2' },
              ],
              postData: { mimeType: 'application/json', text: '{}' },
            },
          },
        ],
      },
    };
    const imported = importCollectionFile(JSON.stringify(har), 'capture.har');
    expect(imported.format).toBe('har');
    expect(imported.collection.name).toBe('capture.har');
    expect(imported.collection.requests).toEqual([
      {
        name: 'POST api.example.com/v1/stream',
        folder: [],
        method: 'POST',
        url: 'https://api.example.com/v1/stream?x=1',
        headers: [['accept', 'text/event-stream']],
        body: '{}',
      },
    ]);
  });
});

describe('what cannot be mapped is said, not dropped silently', () => {
  it('lists form-data bodies, bad GraphQL variables, unknown auth and Insomnia template tags', () => {
    const postman = importCollectionFile(
      JSON.stringify({
        info: {
          name: 'x',
          schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
        },
        item: [
          {
            name: 'upload',
            request: {
              method: 'POST',
              url: 'https://h/u',
              body: { mode: 'formdata', formdata: [] },
            },
          },
          {
            name: 'gql',
            request: {
              method: 'POST',
              url: 'https://h/g',
              body: { mode: 'graphql', graphql: { query: '{a}', variables: '{' } },
            },
          },
          {
            name: 'signed',
            request: { method: 'GET', url: 'https://h/s', auth: { type: 'awsv4', awsv4: [] } },
          },
        ],
      }),
    );
    expect(postman.warnings).toEqual([
      '"upload": a formdata body is not supported (sent without a body)',
      '"gql": its GraphQL variables are not JSON (sent without them)',
      '"signed": awsv4 auth is not supported (no header added)',
    ]);
    expect(postman.collection.requests[1]!.body).toBe('{"query":"{a}","variables":{}}');
    const insomnia = importCollectionFile(
      JSON.stringify({
        _type: 'export',
        __export_format: 4,
        resources: [
          {
            _id: 'req_1',
            _type: 'request',
            parentId: null,
            name: 'chained',
            method: 'GET',
            url: 'https://h/{% response "body", "req_0", "$.id" %}',
          },
        ],
      }),
    );
    expect(insomnia.warnings).toEqual([
      '"chained": Insomnia template tags ({% … %}) are not evaluated',
    ]);
  });
});

describe('files that are none of the formats', () => {
  it.each([
    ['not JSON', 'curl https://x'],
    ['another JSON document', '{"openapi":"3.0.0"}'],
    ['an Insomnia v3 export', '{"_type":"export","__export_format":3,"resources":[]}'],
    [
      'a Postman collection without items',
      '{"info":{"name":"x","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}',
    ],
  ])('rejects %s with one line', (_what, text) => {
    expect(() => importCollectionFile(text)).toThrow(CollectionFormatError);
    try {
      importCollectionFile(text);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('names the field a recognised format gets wrong', () => {
    expect(() =>
      importCollectionFile(
        '{"info":{"name":"x","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[{"name":"a","request":{"method":1}}]}',
      ),
    ).toThrow(/malformed Postman collection at item\.0\.request/);
  });
});

describe('hostile and damaged files get an error that says what is wrong', () => {
  const postmanSchema = (version: string) =>
    `https://schema.getpostman.com/json/collection/${version}/collection.json`;
  const leaf = '{"name":"leaf","request":{"method":"GET","url":"http://x/"}}';
  const nested = (depth: number) =>
    `{"info":{"name":"deep","schema":"${postmanSchema('v2.1.0')}"},"item":[` +
    '{"name":"f","item":['.repeat(depth) +
    leaf +
    ']}'.repeat(depth) +
    ']}';

  it.each([
    ['an empty file', ' \n', 'the file is empty'],
    ['a cut-off file', '{"info":{"name":"x"', /^not valid JSON \(.+\): expected a Postman/],
    ['a UTF-16 file read as UTF-8', '\uFFFD\uFFFD{\u0000"\u0000', /not UTF-8 \(UTF-16\?\)/],
    [
      'a Postman v1 collection',
      '{"id":"c","name":"old","order":["r"],"requests":[{"id":"r","url":"http://x/"}]}',
      'Postman collection format v1 is not supported (export it as Collection v2.1)',
    ],
    [
      'a Postman collection of a future version',
      `{"info":{"name":"x","schema":"${postmanSchema('v3.0.0')}"},"item":[]}`,
      'Postman collection format v3.0.0 is not supported (export it as Collection v2.1)',
    ],
  ])('%s', (_what, text, message) => {
    expect(() => importCollectionFile(text)).toThrow(CollectionFormatError);
    expect(() => importCollectionFile(text)).toThrow(message);
  });

  it('refuses folders nested thousands deep instead of overflowing the stack', () => {
    expect(importCollectionFile(nested(60)).collection.requests[0]!.folder).toHaveLength(60);
    expect(() => importCollectionFile(nested(5000))).toThrow(CollectionFormatError);
    expect(() => importCollectionFile(nested(5000))).toThrow(/nested more than \d+ levels deep/);
  });

  it('refuses an Insomnia folder chain thousands deep', () => {
    const chain = (depth: number) => [
      ...Array.from({ length: depth }, (_, i) => ({
        _type: 'request_group',
        _id: `fld_${i}`,
        parentId: i === 0 ? null : `fld_${i - 1}`,
        name: `f${i}`,
      })),
      { _type: 'request', _id: 'req_1', parentId: `fld_${depth - 1}`, url: 'http://x/', name: 'r' },
    ];
    const file = (resources: unknown[]) =>
      JSON.stringify({ _type: 'export', __export_format: 4, resources });
    expect(() => importCollectionFile(file(chain(5000)))).toThrow(
      'folders nested more than 100 deep',
    );
  });
});
