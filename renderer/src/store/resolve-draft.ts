import type { EnvironmentItem } from '../../../shared/ipc/collections-api.ts';
import {
  createResolver,
  layeredLookup,
  type VariableLookup,
} from '../../../shared/requests/variables.ts';
import { parseHeaderLines, type RequestDraft } from './request-draft.ts';
import type { LoadedRequest } from './variables-slice.ts';

/**
 * The request bar's variables: the active environment over the loaded request's collection
 * variables. A secret variable this machine has no value for is left undefined, so it shows as
 * unresolved instead of being sent empty.
 */
export function draftLookup(
  environments: EnvironmentItem[],
  loaded: LoadedRequest | null,
): VariableLookup {
  const active = environments.find((environment) => environment.active);
  const layer = (variables: EnvironmentItem['variables'], missing: string[] = []) =>
    new Map(variables.filter((v) => !missing.includes(v.name)).map((v) => [v.name, v.value]));
  return layeredLookup(
    layer(active?.variables ?? [], active?.missingSecrets),
    layer(loaded?.collectionVariables ?? []),
  );
}

/** The draft with its `{{…}}` resolved in URL, headers and body, and the names left unresolved. */
export function resolveDraft(
  draft: RequestDraft,
  lookup: VariableLookup,
): { draft: RequestDraft; missing: string[] } {
  const resolver = createResolver(lookup);
  const resolved = {
    ...draft,
    url: resolver.resolve(draft.url),
    headersText: resolver.resolve(draft.headersText),
    body: resolver.resolve(draft.body),
  };
  return { draft: resolved, missing: resolver.missing() };
}

/** The draft as a collection request template (`{{…}}` kept), or null when its headers are malformed. */
export function draftToTemplate(draft: RequestDraft): {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
} | null {
  const headers = parseHeaderLines(draft.headersText);
  if (!headers.ok || draft.url.trim() === '') return null;
  return {
    method: draft.method,
    url: draft.url.trim(),
    headers: headers.headers,
    body: draft.body === '' ? null : draft.body,
  };
}
