import type { Variable } from '../../../shared/requests/collection.ts';
import {
  redactTemplateHeaders,
  redactTemplateUrl,
} from '../../../shared/requests/native-collection.ts';
import type { RequestTemplate } from '../../../shared/requests/variables.ts';
import { secretsNeedingValue } from '../../../shared/secrets/index.ts';
import type { MissingSecretsReason } from './request-secrets.ts';
import { SealedValueError, type SealingService } from './sealing-service.ts';

/**
 * Collection requests and variables keep their secrets the way saved requests do: what is
 * written has markers (or empty values), the real values go through the sealing service into a
 * column of their own, or nowhere when there is no key store. A `{{reference}}` where a secret
 * goes is not a secret and is written as it is.
 */

export interface TemplateParts {
  url: string;
  headers: Array<[string, string]>;
}

export interface SealedTemplate<T extends TemplateParts> {
  template: T;
  sealed: Uint8Array | null;
  /** What was dropped because there is no key store (header and parameter names). */
  notSaved: string[];
}

export function sealTemplateSecrets<T extends TemplateParts>(
  template: T,
  sealing: SealingService,
): SealedTemplate<T> {
  const stored = {
    ...template,
    url: redactTemplateUrl(template.url),
    headers: redactTemplateHeaders(template.headers),
  };
  const names = secretsNeedingValue({ url: stored.url, headers: stored.headers });
  if (names.length === 0) return { template: stored, sealed: null, notSaved: [] };
  const sealed = sealing.seal(JSON.stringify({ url: template.url, headers: template.headers }));
  return { template: stored, sealed, notSaved: sealed === null ? names : [] };
}

export interface OpenedTemplate<T extends RequestTemplate> {
  template: T;
  /** Headers and parameters still holding a marker: they need a value before sending. */
  missing: string[];
  reason: MissingSecretsReason | null;
}

function openJson(sealed: Uint8Array, sealing: SealingService): unknown {
  try {
    return JSON.parse(sealing.open(sealed)) as unknown;
  } catch (error) {
    if (error instanceof SealedValueError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

const isPairs = (value: unknown): value is Array<[string, string]> =>
  Array.isArray(value) &&
  value.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'string'));

export function openTemplateSecrets<T extends RequestTemplate & TemplateParts>(
  stored: T,
  sealed: Uint8Array | null,
  sealing: SealingService,
): OpenedTemplate<T> {
  const missing = secretsNeedingValue({ url: stored.url, headers: stored.headers });
  if (missing.length === 0) return { template: stored, missing, reason: null };
  if (sealed === null) return { template: stored, missing, reason: 'not-saved' };
  const parts = openJson(sealed, sealing) as Partial<TemplateParts> | undefined;
  if (typeof parts?.url !== 'string' || !isPairs(parts.headers)) {
    return { template: stored, missing, reason: 'unreadable' };
  }
  return {
    template: { ...stored, url: parts.url, headers: parts.headers },
    missing: [],
    reason: null,
  };
}

export interface SealedVariables {
  /** Secret ones with an empty value: safe to write. */
  variables: Variable[];
  sealed: Uint8Array | null;
  notSaved: string[];
}

export function sealVariables(variables: Variable[], sealing: SealingService): SealedVariables {
  const secrets = variables.filter((v) => v.secret && v.value !== '');
  const stored = variables.map((v) => (v.secret ? { ...v, value: '' } : v));
  if (secrets.length === 0) return { variables: stored, sealed: null, notSaved: [] };
  const values = Object.fromEntries(secrets.map((v) => [v.name, v.value]));
  const sealed = sealing.seal(JSON.stringify(values));
  return {
    variables: stored,
    sealed,
    notSaved: sealed === null ? secrets.map((v) => v.name) : [],
  };
}

export interface OpenedVariables {
  variables: Variable[];
  /** Secret variables without a value here (never saved, or sealed where this host cannot open). */
  missing: string[];
  reason: MissingSecretsReason | null;
}

export function openVariables(
  stored: Variable[],
  sealed: Uint8Array | null,
  sealing: SealingService,
): OpenedVariables {
  const empty = stored.filter((v) => v.secret && v.value === '').map((v) => v.name);
  if (sealed === null) {
    return { variables: stored, missing: empty, reason: empty.length > 0 ? 'not-saved' : null };
  }
  const values = openJson(sealed, sealing);
  if (typeof values !== 'object' || values === null) {
    return { variables: stored, missing: empty, reason: 'unreadable' };
  }
  const record = values as Record<string, unknown>;
  const variables = stored.map((v) =>
    v.secret && typeof record[v.name] === 'string' ? { ...v, value: record[v.name] as string } : v,
  );
  const missing = variables.filter((v) => v.secret && v.value === '').map((v) => v.name);
  return { variables, missing, reason: missing.length > 0 ? 'not-saved' : null };
}
