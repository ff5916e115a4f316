import { z } from 'zod';
import { applyAuth, appendQueryParam, encodeTemplateComponent, type RequestAuth } from './auth.ts';
import {
  CollectionFormatError,
  folderPaths,
  importedVariable,
  MAX_FOLDER_DEPTH,
  type CollectionRequest,
  type Environment,
  type ImportedCollection,
  type Variable,
} from './collection.ts';

/**
 * Insomnia's v4 export (`_type: "export"`, `__export_format: 4`): a flat list of resources tied
 * together by `parentId`: the workspace, folders (`request_group`), requests and environments
 * (the base one under the workspace, the others under the base one).
 */

const pair = z.object({
  name: z.string().optional(),
  value: z.unknown().optional(),
  disabled: z.boolean().optional(),
});

const resourceSchema = z.object({
  _id: z.string(),
  _type: z.string(),
  parentId: z.string().nullish(),
  name: z.string().optional(),
  url: z.string().optional(),
  method: z.string().optional(),
  headers: z.array(pair).optional(),
  parameters: z.array(pair).optional(),
  body: z
    .object({
      mimeType: z.string().nullish(),
      text: z.string().optional(),
      params: z.array(pair).optional(),
    })
    .partial()
    .nullish(),
  authentication: z
    .object({
      type: z.string().optional(),
      disabled: z.boolean().optional(),
      token: z.string().optional(),
      prefix: z.string().optional(),
      username: z.string().optional(),
      password: z.string().optional(),
      key: z.string().optional(),
      value: z.string().optional(),
      addTo: z.string().optional(),
    })
    .nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
  metaSortKey: z.number().optional(),
});
type Resource = z.infer<typeof resourceSchema>;

const exportSchema = z.object({
  _type: z.literal('export'),
  __export_format: z.literal(4),
  resources: z.array(z.unknown()),
});

export function looksLikeInsomniaExport(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record._type === 'export' && '__export_format' in record;
}

/** Insomnia writes `{{ _.name }}` (and `{{ _['name'] }}`); ours is `{{name}}`. */
export function insomniaTemplate(text: string): string {
  return text
    .replace(/\{\{\s*_\.([A-Za-z_$][\w.$-]*)\s*\}\}/g, '{{$1}}')
    .replace(/\{\{\s*_\[\s*['"]([A-Za-z_$][\w.$-]*)['"]\s*\]\s*\}\}/g, '{{$1}}');
}

function str(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : String(value);
}

/** Insomnia environments nest objects; `{{ _.admin.token }}` reads as the name `admin.token`. */
function flatten(data: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(data).flatMap(([key, value]): Array<[string, unknown]> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? flatten(value as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, Array.isArray(value) ? JSON.stringify(value) : value]],
  );
}

function variablesOf(data: Record<string, unknown> | null | undefined): Variable[] {
  return flatten(data ?? {}).flatMap(([name, value]) => {
    const variable = importedVariable(
      name,
      typeof value === 'string' ? insomniaTemplate(value) : value,
      false,
    );
    return variable === null ? [] : [variable];
  });
}

function authOf(resource: Resource, warn: (message: string) => void): RequestAuth | null {
  const auth = resource.authentication;
  if (!auth?.type || auth.disabled || auth.type === 'none') return null;
  const t = (value: string | undefined) => insomniaTemplate(value ?? '');
  switch (auth.type) {
    case 'bearer':
      return { type: 'bearer', token: t(auth.token), prefix: auth.prefix?.trim() || 'Bearer' };
    case 'basic':
      return { type: 'basic', username: t(auth.username), password: t(auth.password) };
    case 'apikey':
      return {
        type: 'apikey',
        key: t(auth.key),
        value: t(auth.value),
        in: auth.addTo === 'queryParams' ? 'query' : 'header',
      };
    default:
      warn(`"${resource.name ?? ''}": ${auth.type} auth is not supported (no header added)`);
      return null;
  }
}

function enabled(pairs: Array<z.infer<typeof pair>> | undefined): Array<[string, string]> {
  return (pairs ?? [])
    .filter((p) => !p.disabled && p.name)
    .map((p) => [insomniaTemplate(p.name!), insomniaTemplate(str(p.value))]);
}

function mapRequest(
  resource: Resource,
  folder: string[],
  warn: (m: string) => void,
): CollectionRequest {
  const name = resource.name?.trim() || 'Untitled';
  let headers = enabled(resource.headers);
  let body: string | null = null;
  const mime = resource.body?.mimeType ?? '';
  if (resource.body?.text !== undefined) body = insomniaTemplate(resource.body.text);
  else if (mime === 'application/x-www-form-urlencoded') {
    body = enabled(resource.body?.params)
      .map(([key, value]) => `${encodeTemplateComponent(key)}=${encodeTemplateComponent(value)}`)
      .join('&');
  } else if (resource.body?.params !== undefined) {
    warn(`"${name}": a ${mime || 'form'} body is not supported (sent without a body)`);
  }
  if (body !== null && mime && !headers.some(([h]) => h.toLowerCase() === 'content-type')) {
    headers = [...headers, ['Content-Type', mime]];
  }
  let url = insomniaTemplate(resource.url ?? '').trim();
  for (const [key, value] of enabled(resource.parameters)) url = appendQueryParam(url, key, value);
  // Template tags (`{% response … %}`, `{% now %}`) run code in Insomnia; here they stay as text.
  if ([url, body ?? '', ...headers.map(([, value]) => value)].some((t) => t.includes('{%'))) {
    warn(`"${name}": Insomnia template tags ({% … %}) are not evaluated`);
  }
  const target = applyAuth({ url, headers }, authOf(resource, warn), (m) =>
    warn(`"${name}": ${m}`),
  );
  return {
    name,
    folder,
    method: (resource.method ?? 'GET').toUpperCase(),
    url: target.url,
    headers: target.headers,
    body,
  };
}

/**
 * Maps an Insomnia v4 export: requests in their folders (in Insomnia's order), the base
 * environment as the collection's variables, the other environments as environments.
 */
export function importInsomniaExport(value: unknown): ImportedCollection {
  const file = exportSchema.parse(value);
  const resources: Resource[] = file.resources.flatMap((item) => {
    const parsed = resourceSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  const byId = new Map(resources.map((resource) => [resource._id, resource]));
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  // Depth first, each parent's children in Insomnia's order (metaSortKey), as its sidebar shows.
  const children = new Map<string, Resource[]>();
  for (const resource of resources) {
    const parent = resource.parentId ?? '';
    const siblings = children.get(parent);
    if (siblings === undefined) children.set(parent, [resource]);
    else siblings.push(resource);
  }
  const requests: CollectionRequest[] = [];
  const groups: string[][] = [];
  const visited = new Set<string>();
  const walk = (parentId: string, folder: string[]): void => {
    const sorted = [...(children.get(parentId) ?? [])].sort(
      (a, b) => (a.metaSortKey ?? 0) - (b.metaSortKey ?? 0),
    );
    for (const resource of sorted) {
      if (visited.has(resource._id)) continue;
      visited.add(resource._id);
      if (resource._type === 'request') requests.push(mapRequest(resource, folder, warn));
      if (resource._type === 'request_group') {
        if (folder.length >= MAX_FOLDER_DEPTH) {
          throw new CollectionFormatError(`folders nested more than ${MAX_FOLDER_DEPTH} deep`);
        }
        const path = [...folder, resource.name?.trim() || 'Untitled'];
        groups.push(path);
        walk(resource._id, path);
      }
      if (resource._type === 'workspace') walk(resource._id, folder);
    }
  };
  walk('', []);
  // Requests whose parent is missing from the file still come in, at the top.
  for (const resource of resources) {
    if (resource._type === 'request' && !visited.has(resource._id)) {
      requests.push(mapRequest(resource, [], warn));
    }
  }
  const skipped = new Set(
    resources.filter((r) => /request$/.test(r._type) && r._type !== 'request').map((r) => r._type),
  );
  for (const type of skipped) warnings.push(`${type} resources are not imported`);
  const workspace = resources.find((r) => r._type === 'workspace');
  const environments = resources.filter((r) => r._type === 'environment');
  const base = environments.find(
    (env) => !env.parentId || byId.get(env.parentId)?._type !== 'environment',
  );
  return {
    format: 'insomnia',
    collection: {
      name: workspace?.name?.trim() || 'Insomnia collection',
      variables: base ? variablesOf(base.data) : [],
      folders: folderPaths(requests, groups),
      requests,
    },
    environments: environments
      .filter((env) => env !== base)
      .map((env): Environment => ({
        name: env.name?.trim() || 'Environment',
        variables: variablesOf(env.data),
      })),
    warnings,
  };
}
