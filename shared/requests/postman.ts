import { z } from 'zod';
import { applyAuth, encodeTemplateComponent, type RequestAuth } from './auth.ts';
import {
  folderPaths,
  importedVariable,
  type Collection,
  type CollectionRequest,
  type Environment,
  type ImportedCollection,
  type Variable,
} from './collection.ts';
import { redactTemplateHeaders, redactTemplateUrl } from './native-collection.ts';

/**
 * Postman Collection v2.1 (and v2.0, which differs only in how auth is written) and Postman
 * environment files: https://schema.postman.com/json/collection/v2.1.0/docs/index.html
 */
export const POSTMAN_SCHEMA_V21 =
  'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

const keyValue = z.object({
  key: z.string().nullish(),
  value: z.unknown().optional(),
  disabled: z.boolean().optional(),
  type: z.string().optional(),
});
type KeyValue = z.infer<typeof keyValue>;

/** v2.1 writes auth attributes as [{key, value}], v2.0 as an object. */
const authAttributes = z.union([z.array(keyValue), z.record(z.string(), z.unknown())]);
const authSchema = z
  .object({
    type: z.string(),
    bearer: authAttributes.optional(),
    basic: authAttributes.optional(),
    apikey: authAttributes.optional(),
  })
  .nullish();

const urlSchema = z.union([
  z.string(),
  z.object({
    raw: z.string().optional(),
    protocol: z.string().optional(),
    host: z.union([z.string(), z.array(z.string())]).optional(),
    port: z.string().optional(),
    path: z.union([z.string(), z.array(z.unknown())]).optional(),
    query: z.array(keyValue).nullish(),
  }),
]);

const requestSchema = z.union([
  z.string(),
  z.object({
    method: z.string().optional(),
    url: urlSchema.optional(),
    header: z.union([z.array(keyValue), z.string()]).nullish(),
    body: z
      .object({
        mode: z.string().optional(),
        raw: z.string().optional(),
        urlencoded: z.array(keyValue).optional(),
        graphql: z
          .object({ query: z.string().optional(), variables: z.string().optional() })
          .optional(),
        disabled: z.boolean().optional(),
      })
      .nullish(),
    auth: authSchema,
  }),
]);

interface ItemNode {
  name?: string | undefined;
  request?: z.infer<typeof requestSchema> | undefined;
  item?: ItemNode[] | undefined;
  auth?: z.infer<typeof authSchema>;
  event?: unknown[] | undefined;
}
const itemSchema: z.ZodType<ItemNode> = z.lazy(() =>
  z.object({
    name: z.string().optional(),
    request: requestSchema.optional(),
    item: z.array(itemSchema).optional(),
    auth: authSchema,
    event: z.array(z.unknown()).optional(),
  }),
);

const collectionSchema = z.object({
  info: z.object({ name: z.string(), schema: z.string() }),
  item: z.array(itemSchema),
  auth: authSchema,
  variable: z.array(keyValue).optional(),
  event: z.array(z.unknown()).optional(),
});

const environmentSchema = z.object({
  name: z.string(),
  values: z.array(
    z.object({
      key: z.string(),
      value: z.unknown().optional(),
      enabled: z.boolean().optional(),
      type: z.string().optional(),
    }),
  ),
});

/** Whether `value` is a Postman collection (v2.0 or v2.1) by its `info.schema`. */
export function looksLikePostmanCollection(value: unknown): boolean {
  const schema = (value as { info?: { schema?: unknown } } | null)?.info?.schema;
  return (
    typeof schema === 'string' &&
    /schema\.(getpostman|postman)\.com\/json\/collection\/v2\./.test(schema)
  );
}

/**
 * Why a Postman collection in a format we do not read is refused (v1, or a schema other than
 * v2.x), or null when `value` is no such file.
 */
export function unsupportedPostmanFormat(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as { info?: { schema?: unknown }; requests?: unknown; order?: unknown };
  const schema = record.info?.schema;
  const version =
    typeof schema === 'string'
      ? /schema\.(?:getpostman|postman)\.com\/json\/collection\/(v[^/]+)\//.exec(schema)?.[1]
      : undefined;
  if (version !== undefined && !version.startsWith('v2.')) {
    return `Postman collection format ${version} is not supported (export it as Collection v2.1)`;
  }
  if (record.info === undefined && Array.isArray(record.requests) && Array.isArray(record.order)) {
    return 'Postman collection format v1 is not supported (export it as Collection v2.1)';
  }
  return null;
}

/** Whether `value` is a Postman environment file (`_postman_variable_scope` or name + values). */
export function looksLikePostmanEnvironment(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record._postman_variable_scope === 'environment' ||
    (typeof record.name === 'string' && Array.isArray(record.values) && !('info' in record))
  );
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : String(value);
}

function attribute(attributes: z.infer<typeof authAttributes> | undefined, key: string): string {
  if (attributes === undefined) return '';
  if (Array.isArray(attributes)) return text(attributes.find((a) => a.key === key)?.value);
  return text(attributes[key]);
}

/** Postman's auth; `undefined` when the item inherits its parent's (no auth object). */
function authOf(
  auth: z.infer<typeof authSchema>,
  warn: (message: string) => void,
): RequestAuth | null | undefined {
  if (auth === undefined || auth === null) return undefined;
  switch (auth.type) {
    case 'inherit':
      return undefined;
    case 'noauth':
      return null;
    case 'bearer':
      return { type: 'bearer', token: attribute(auth.bearer, 'token') };
    case 'basic':
      return {
        type: 'basic',
        username: attribute(auth.basic, 'username'),
        password: attribute(auth.basic, 'password'),
      };
    case 'apikey':
      return {
        type: 'apikey',
        key: attribute(auth.apikey, 'key'),
        value: attribute(auth.apikey, 'value'),
        in: attribute(auth.apikey, 'in') === 'query' ? 'query' : 'header',
      };
    default:
      warn(`${auth.type} auth is not supported (no header added)`);
      return null;
  }
}

function urlOf(url: z.infer<typeof urlSchema> | undefined): string {
  if (url === undefined) return '';
  if (typeof url === 'string') return url;
  if (url.raw !== undefined) return url.raw;
  const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
  const path = Array.isArray(url.path) ? url.path.map(text).join('/') : (url.path ?? '');
  const query = (url.query ?? [])
    .filter((pair) => !pair.disabled && pair.key)
    .map((pair) => `${pair.key}=${text(pair.value)}`)
    .join('&');
  return `${url.protocol ? `${url.protocol}://` : ''}${host}${url.port ? `:${url.port}` : ''}${path ? `/${path}` : ''}${query ? `?${query}` : ''}`;
}

function enabledPairs(pairs: KeyValue[] | string | null | undefined): Array<[string, string]> {
  if (!Array.isArray(pairs)) return [];
  return pairs
    .filter((pair) => !pair.disabled && pair.key)
    .map((pair) => [pair.key as string, text(pair.value)]);
}

function mapRequest(
  name: string,
  folder: string[],
  source: z.infer<typeof requestSchema>,
  inherited: RequestAuth | null,
  warn: (message: string) => void,
): CollectionRequest {
  if (typeof source === 'string') {
    return { name, folder, method: 'GET', url: source, headers: [], body: null };
  }
  let headers = enabledPairs(source.header);
  let body: string | null = null;
  const mode = source.body?.disabled ? undefined : source.body?.mode;
  if (mode === 'raw') body = source.body?.raw ?? '';
  else if (mode === 'urlencoded') {
    body = enabledPairs(source.body?.urlencoded)
      .map(([key, value]) => `${encodeTemplateComponent(key)}=${encodeTemplateComponent(value)}`)
      .join('&');
    if (!headers.some(([header]) => header.toLowerCase() === 'content-type')) {
      headers = [...headers, ['Content-Type', 'application/x-www-form-urlencoded']];
    }
  } else if (mode === 'graphql') {
    const graphql = source.body?.graphql;
    let variables: unknown = {};
    try {
      if (graphql?.variables?.trim()) variables = JSON.parse(graphql.variables) as unknown;
    } catch {
      warn(`"${name}": its GraphQL variables are not JSON (sent without them)`);
    }
    body = JSON.stringify({ query: graphql?.query ?? '', variables });
  } else if (mode !== undefined) {
    warn(`"${name}": a ${mode} body is not supported (sent without a body)`);
  }
  const own = authOf(source.auth, (message) => warn(`"${name}": ${message}`));
  const auth = own === undefined ? inherited : own;
  const target = applyAuth({ url: urlOf(source.url), headers }, auth, (message) =>
    warn(`"${name}": ${message}`),
  );
  return {
    name,
    folder,
    method: (source.method ?? 'GET').toUpperCase(),
    url: target.url,
    headers: target.headers,
    body,
  };
}

function variablesOf(pairs: KeyValue[] | undefined): Variable[] {
  return (pairs ?? []).flatMap((pair) => {
    if (pair.disabled || !pair.key) return [];
    const variable = importedVariable(pair.key, pair.value, pair.type === 'secret');
    return variable === null ? [] : [variable];
  });
}

/** Maps a Postman collection: folders nested, auth inherited from folders and the collection. */
export function importPostmanCollection(value: unknown): ImportedCollection {
  const source = collectionSchema.parse(value);
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const requests: CollectionRequest[] = [];
  const folders: string[][] = [];
  let scripts = source.event !== undefined && source.event.length > 0;
  const walk = (items: ItemNode[], folder: string[], auth: RequestAuth | null): void => {
    for (const item of items) {
      const name = item.name?.trim() || 'Untitled';
      if (item.event !== undefined && item.event.length > 0) scripts = true;
      if (item.item !== undefined) {
        const path = [...folder, name];
        folders.push(path);
        const own = authOf(item.auth, (message) => warn(`folder "${name}": ${message}`));
        walk(item.item, path, own === undefined ? auth : own);
      } else if (item.request !== undefined) {
        requests.push(mapRequest(name, folder, item.request, auth, warn));
      }
    }
  };
  walk(source.item, [], authOf(source.auth, warn) ?? null);
  if (scripts) warnings.push('pre-request and test scripts are not run');
  const collection: Collection = {
    name: source.info.name.trim() || 'Postman collection',
    variables: variablesOf(source.variable),
    folders: folderPaths(requests, folders),
    requests,
  };
  return { format: 'postman', collection, environments: [], warnings };
}

/** A Postman environment file (`type: "secret"` values are secrets). */
export function importPostmanEnvironment(value: unknown): Environment {
  const source = environmentSchema.parse(value);
  const variables = source.values.flatMap((entry) => {
    if (entry.enabled === false) return [];
    const variable = importedVariable(entry.key, entry.value, entry.type === 'secret');
    return variable === null ? [] : [variable];
  });
  return { name: source.name.trim() || 'Postman environment', variables };
}

interface PostmanItemOut {
  name: string;
  item?: PostmanItemOut[];
  request?: {
    method: string;
    header: Array<{ key: string; value: string }>;
    url: { raw: string };
    body?: { mode: 'raw'; raw: string };
  };
}

/**
 * A Postman v2.1 collection for `collection`: folders as nested items, headers and bodies as
 * they are (auth travels as the headers it became). Secrets stay home as in our own format.
 */
export function exportPostmanCollection(collection: Collection): Record<string, unknown> {
  const root: PostmanItemOut[] = [];
  const folderItems = new Map<string, PostmanItemOut[]>([['[]', root]]);
  const itemsOf = (path: string[]): PostmanItemOut[] => {
    const key = JSON.stringify(path);
    const existing = folderItems.get(key);
    if (existing !== undefined) return existing;
    const items: PostmanItemOut[] = [];
    itemsOf(path.slice(0, -1)).push({ name: path[path.length - 1]!, item: items });
    folderItems.set(key, items);
    return items;
  };
  for (const request of collection.requests) {
    itemsOf(request.folder).push({
      name: request.name,
      request: {
        method: request.method,
        header: redactTemplateHeaders(request.headers).map(([key, value]) => ({ key, value })),
        url: { raw: redactTemplateUrl(request.url) },
        ...(request.body === null ? {} : { body: { mode: 'raw', raw: request.body } }),
      },
    });
  }
  for (const folder of collection.folders) itemsOf(folder);
  return {
    info: { name: collection.name, schema: POSTMAN_SCHEMA_V21 },
    item: root,
    variable: collection.variables.map((variable) => ({
      key: variable.name,
      value: variable.secret ? '' : variable.value,
      ...(variable.secret ? { type: 'secret' } : {}),
    })),
  };
}
