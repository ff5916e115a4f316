import { z } from 'zod';
import { redactHeaders, redactUrl } from '../secrets/index.ts';
import {
  collectionRequestSchema,
  environmentSchema,
  folderPaths,
  variableSchema,
  type Collection,
  type Environment,
  type ImportedCollection,
  type Variable,
} from './collection.ts';
import { secretsAreReferences } from './variables.ts';

/** Our own collection file (docs/collection-format.md). The version changes with any breaking change. */
export const COLLECTION_FORMAT = 'sse-inspector/collection';
export const COLLECTION_FORMAT_VERSION = 1;

const nativeFileSchema = z.object({
  format: z.literal(COLLECTION_FORMAT),
  version: z.literal(COLLECTION_FORMAT_VERSION),
  collection: z.object({
    name: z.string().trim().min(1).max(200),
    variables: z.array(variableSchema),
    folders: z.array(z.array(z.string().trim().min(1).max(200)).min(1)),
    requests: z.array(collectionRequestSchema),
  }),
  environments: z.array(environmentSchema),
});

export type NativeCollectionFile = z.infer<typeof nativeFileSchema>;

/** Whether `value` claims to be our format (then it must parse, whatever its version). */
export function looksNative(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === COLLECTION_FORMAT
  );
}

/** Reads our file; the zod message names the first wrong field. */
export function importNativeCollection(value: unknown): ImportedCollection {
  const file = nativeFileSchema.parse(value);
  const collection: Collection = {
    ...file.collection,
    folders: folderPaths(file.collection.requests, file.collection.folders),
  };
  return { format: 'sse-inspector', collection, environments: file.environments, warnings: [] };
}

/** A secret variable leaves with its name and flag, never its value. */
function exportedVariables(variables: Variable[]): Variable[] {
  return variables.map((variable) =>
    variable.secret ? { ...variable, value: '' } : { ...variable },
  );
}

/**
 * Our file for a collection (and, optionally, environments). Secrets stay home: secret variables
 * are written empty, secret header values and URL parameters as `[REDACTED]` (a `{{variable}}`
 * in their place is kept, it is not a secret itself).
 */
export function exportNativeCollection(
  collection: Collection,
  environments: Environment[] = [],
): NativeCollectionFile {
  return {
    format: COLLECTION_FORMAT,
    version: COLLECTION_FORMAT_VERSION,
    collection: {
      name: collection.name,
      variables: exportedVariables(collection.variables),
      folders: folderPaths(collection.requests, collection.folders),
      requests: collection.requests.map((request) => ({
        ...request,
        url: redactTemplateUrl(request.url),
        headers: redactTemplateHeaders(request.headers),
      })),
    },
    environments: environments.map((environment) => ({
      name: environment.name,
      variables: exportedVariables(environment.variables),
    })),
  };
}

/** A template URL with literal secrets replaced by markers (references kept). */
export function redactTemplateUrl(url: string): string {
  return secretsAreReferences(url, redactUrl) ? url : redactUrl(url);
}

/** Template headers with literal secret values replaced by markers (references kept). */
export function redactTemplateHeaders(
  headers: ReadonlyArray<[string, string]>,
): Array<[string, string]> {
  return headers.map(([name, value]) => {
    const one = (text: string) => redactHeaders([[name, text]])[0]![1];
    return [name, secretsAreReferences(value, one) ? value : one(value)];
  });
}
