/**
 * Dotted field paths into parsed JSON, e.g. `choices.0.text` or `token.text`. A numeric segment
 * indexes an array (on an object it is an ordinary key, so `{"0": …}` works too); `a[0].b` is
 * accepted as a spelling of `a.0.b` because that is how people copy paths from JS.
 */

export type FieldPath = readonly string[];

/** A path the user typed that cannot be used; the message is meant for the UI or the CLI. */
export class FieldPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldPathError';
  }
}

export function parseFieldPath(text: string): FieldPath {
  const normalized = text.trim().replace(/\[(\d+)\]/g, '.$1');
  if (normalized === '') throw new FieldPathError('The field path is empty.');
  const segments = normalized.split('.');
  if (segments.some((segment) => segment === '')) {
    throw new FieldPathError(`The field path "${text}" has an empty segment.`);
  }
  return segments;
}

export function readFieldPath(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (typeof current === 'object' && current !== null) {
      // Own keys only: a path like `constructor` must not reach into the prototype.
      if (!Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

export function formatFieldPath(path: FieldPath): string {
  return path.join('.');
}
