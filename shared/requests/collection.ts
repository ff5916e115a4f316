import { z } from 'zod';
import { isSecretHeader, isSecretQueryParam, redactUrl } from '../secrets/index.ts';
import { secretsAreReferences, variableNameSchema } from './variables.ts';

/**
 * The one in-memory shape of a collection, whatever it was imported from (Postman, Insomnia, a
 * HAR, our own file) and whatever it is exported to. Requests are templates: URL, headers and
 * body keep their `{{…}}` as written and are resolved only when a request is sent.
 */

/**
 * Folders nested deeper than this are refused: no real export comes near it, and a hostile file
 * nested thousands deep would otherwise overflow the stack of the readers, which recurse.
 */
export const MAX_FOLDER_DEPTH = 100;

/** A named value for `{{name}}`; a secret one is sealed when stored and left out of exports. */
export interface Variable {
  name: string;
  value: string;
  secret: boolean;
}

/** A named set of variables (Postman and Insomnia environments). */
export interface Environment {
  name: string;
  variables: Variable[];
}

/** A stored request: a template (may hold `{{…}}`) in a folder (its path, [] at the top). */
export interface CollectionRequest {
  name: string;
  folder: string[];
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
}

export interface Collection {
  name: string;
  /** Collection variables: the lowest layer, below the environment and `--var`. */
  variables: Variable[];
  /** Every folder path, parents before children (folders without requests included). */
  folders: string[][];
  requests: CollectionRequest[];
}

/** The formats `importCollectionFile` recognises. */
export type CollectionFormat =
  'sse-inspector' | 'postman' | 'postman-environment' | 'insomnia' | 'har';

/** What one file brought in: a collection (maybe empty), environments, and what was not mapped. */
export interface ImportedCollection {
  format: CollectionFormat;
  collection: Collection;
  environments: Environment[];
  /** One line each for what the file held that we cannot represent (form-data bodies, scripts…). */
  warnings: string[];
}

/** A file that is none of the formats, or one of them with a wrong shape. */
export class CollectionFormatError extends Error {
  override readonly name = 'CollectionFormatError';
}

/**
 * Whether a variable should be treated as a secret: the source said so, its name is one the
 * secret classifier knows (`token`, `api_key`, `password`…), so a key typed into an imported
 * environment is sealed like a header would be, or its value is a URL holding a literal secret
 * (`https://user:pw@host`, `…?api_key=…`), which a request's URL would not be stored with.
 */
export function variableIsSecret(name: string, markedSecret: boolean, value = ''): boolean {
  return markedSecret || isSecretQueryParam(name) || isSecretHeader(name) || holdsSecretUrl(value);
}

function holdsSecretUrl(value: string): boolean {
  const text = value.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !secretsAreReferences(text, redactUrl);
}

/** A variable as read from a file: the name checked against our syntax, the secret flag decided. */
export function importedVariable(
  name: string,
  value: unknown,
  markedSecret: boolean,
): Variable | null {
  if (!variableNameSchema.safeParse(name).success) return null;
  const text =
    typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return { name, value: text, secret: variableIsSecret(name, markedSecret, text) };
}

/** The folder paths requests live in, parents first, plus `extra` (e.g. empty folders). */
export function folderPaths(requests: CollectionRequest[], extra: string[][] = []): string[][] {
  const seen = new Map<string, string[]>();
  for (const path of [...extra, ...requests.map((request) => request.folder)]) {
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth);
      seen.set(JSON.stringify(prefix), prefix);
    }
  }
  return [...seen.values()];
}

export const variableSchema = z.object({
  name: variableNameSchema,
  value: z.string(),
  secret: z.boolean(),
});

export const environmentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  variables: z.array(variableSchema),
});

/** A request template as the API and our file accept it (method upper-cased). */
export const requestTemplateSchema = z.object({
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, 'A method is letters only')
    .transform((method) => method.toUpperCase()),
  url: z
    .string()
    .min(1)
    .max(64 * 1024),
  headers: z.array(z.tuple([z.string().min(1), z.string()])),
  body: z.string().nullable(),
});

export const collectionRequestSchema = requestTemplateSchema.extend({
  name: z.string().trim().min(1).max(500),
  folder: z.array(z.string().trim().min(1).max(200)),
});
