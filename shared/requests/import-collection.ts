import { z } from 'zod';
import { CollectionFormatError, type Environment, type ImportedCollection } from './collection.ts';
import { importHarRequests, looksLikeHar } from './har-requests.ts';
import { importInsomniaExport, looksLikeInsomniaExport } from './insomnia.ts';
import { importNativeCollection, looksNative } from './native-collection.ts';
import {
  importPostmanCollection,
  importPostmanEnvironment,
  looksLikePostmanCollection,
  looksLikePostmanEnvironment,
} from './postman.ts';

const formatsSentence =
  'expected a Postman collection (v2.0/v2.1) or environment, an Insomnia v4 export, a HAR or an SSE Inspector collection';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new CollectionFormatError(`not JSON: ${formatsSentence}`);
  }
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
  throw new CollectionFormatError(formatsSentence);
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
