import { z } from 'zod';
import {
  CollectionFormatError,
  MAX_FOLDER_DEPTH,
  type Environment,
  type ImportedCollection,
} from './collection.ts';
import { importHarRequests, looksLikeHar } from './har-requests.ts';
import { importInsomniaExport, looksLikeInsomniaExport } from './insomnia.ts';
import { importNativeCollection, looksNative } from './native-collection.ts';
import {
  importPostmanCollection,
  importPostmanEnvironment,
  looksLikePostmanCollection,
  looksLikePostmanEnvironment,
  unsupportedPostmanFormat,
} from './postman.ts';

const formatsSentence =
  'expected a Postman collection (v2.0/v2.1) or environment, an Insomnia v4 export, a HAR or an SSE Inspector collection';

/** JSON nesting past which a file is refused before any reader recurses into it. */
const MAX_JSON_DEPTH = 2 * MAX_FOLDER_DEPTH + 56;

function parseJson(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new CollectionFormatError('the file is empty');
  // UTF-16 read as UTF-8: its BOM becomes two U+FFFD, its ASCII characters have NULs between.
  if (/^\uFFFD\uFFFD/.test(body) || body.slice(0, 64).includes('\u0000')) {
    throw new CollectionFormatError('the file is not UTF-8 (UTF-16?): save it as UTF-8 JSON');
  }
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch (error) {
    throw new CollectionFormatError(
      `not valid JSON (${(error as Error).message}): ${formatsSentence}`,
    );
  }
  if (deeperThan(value, MAX_JSON_DEPTH)) {
    throw new CollectionFormatError(
      `nested more than ${MAX_JSON_DEPTH} levels deep (folders within folders?): not a collection we can read`,
    );
  }
  return value;
}

/** Whether JSON nests deeper than `limit` arrays and objects (without recursing itself). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A shape error in a recognised format, as one line naming the field. */
function shapeError(format: string, error: unknown): CollectionFormatError {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return new CollectionFormatError(`malformed ${format}${where}: ${issue.message}`);
  }
  if (error instanceof SyntaxError)
    return new CollectionFormatError(`malformed ${format}: ${error.message}`);
  return error as CollectionFormatError;
}

/** Whether a parsed JSON document claims to be one of the formats `importCollectionFile` reads. */
export function isCollectionDocument(value: unknown): boolean {
  return (
    looksNative(value) ||
    looksLikePostmanCollection(value) ||
    looksLikeInsomniaExport(value) ||
    looksLikePostmanEnvironment(value) ||
    looksLikeHar(value)
  );
}

/**
 * Reads a collection file in any format we know, recognised by its content. Throws
 * CollectionFormatError (one line) for anything else; nothing about the file is kept then.
 * `fallbackName` names collections whose format carries no name (HAR, a lone environment).
 */
export function importCollectionFile(text: string, fallbackName = 'Imported'): ImportedCollection {
  const value = parseJson(text);
  const attempt = (format: string, read: () => ImportedCollection): ImportedCollection => {
    try {
      return read();
    } catch (error) {
      throw shapeError(format, error);
    }
  };
  if (looksNative(value))
    return attempt('SSE Inspector collection', () => importNativeCollection(value));
  if (looksLikePostmanCollection(value))
    return attempt('Postman collection', () => importPostmanCollection(value));
  if (looksLikeInsomniaExport(value)) {
    const format = (value as { __export_format?: unknown }).__export_format;
    if (format !== 4)
      throw new CollectionFormatError(
        `Insomnia export format ${String(format)} is not supported (export as v4)`,
      );
    return attempt('Insomnia export', () => importInsomniaExport(value));
  }
  if (looksLikePostmanEnvironment(value)) {
    return attempt('Postman environment', () => {
      const environment = importPostmanEnvironment(value);
      return {
        format: 'postman-environment',
        collection: { name: fallbackName, variables: [], folders: [], requests: [] },
        environments: [environment],
        warnings: [],
      };
    });
  }
  if (looksLikeHar(value)) return attempt('HAR', () => importHarRequests(value, fallbackName));
  throw new CollectionFormatError(unsupportedPostmanFormat(value) ?? formatsSentence);
}

/**
 * An environment file given to `--env-file`: a Postman environment, or an Insomnia export (its
 * base environment merged under its first sub-environment, as Insomnia resolves them), or our
 * collection file's first environment.
 */
export function parseEnvironmentFile(text: string): Environment {
  const imported = importCollectionFile(text, 'Environment file');
  if (imported.format === 'postman-environment') return imported.environments[0]!;
  if (imported.format === 'insomnia' || imported.format === 'sse-inspector') {
    const [first] = imported.environments;
    const base = imported.collection.variables;
    if (first === undefined && base.length === 0) {
      throw new CollectionFormatError('the file holds no environment');
    }
    const names = new Set(first?.variables.map((v) => v.name));
    return {
      name: first?.name ?? imported.collection.name,
      variables: [...base.filter((v) => !names.has(v.name)), ...(first?.variables ?? [])],
    };
  }
  throw new CollectionFormatError(
    'expected a Postman environment or an Insomnia v4 export with an environment',
  );
}
