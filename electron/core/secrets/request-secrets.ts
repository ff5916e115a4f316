import type { RequestSpec } from '../../../shared/capture/request-spec.ts';
import { redactSpec, secretsNeedingValue } from '../../../shared/secrets/index.ts';
import { SealedValueError, type SealingService } from './sealing-service.ts';

/** What a saved request stores: the spec with markers, and its secrets sealed (or nothing). */
export interface StoredRequestSecrets {
  /** The spec with every secret replaced by a marker (always safe to write). */
  spec: RequestSpec;
  /** The real URL, headers and proxy URL, sealed; null when there was nothing to seal or no store. */
  sealed: Uint8Array | null;
  /** Secrets that were dropped because there is no key store (empty when sealed or none). */
  notSaved: string[];
}

/** Why a stored request lacks secret values. */
export type MissingSecretsReason =
  /** Saved where no key store was available: the values were never written. */
  | 'not-saved'
  /** Sealed, but this host cannot open them (another machine, a reset key store, no store). */
  | 'unreadable';

export interface OpenedRequestSecrets {
  spec: RequestSpec;
  /** Headers / parameters that still hold a marker and need a value from the user. */
  missing: string[];
  reason: MissingSecretsReason | null;
}

interface SealedParts {
  url: string;
  headers: Array<[string, string]>;
  proxyUrl: string | null;
}

/** Splits a spec into what may be written as is and its sealed secrets. */
export function sealRequestSecrets(
  spec: RequestSpec,
  sealing: SealingService,
): StoredRequestSecrets {
  const stored = redactSpec(spec);
  const names = secretsNeedingValue(stored);
  if (names.length === 0) return { spec: stored, sealed: null, notSaved: [] };
  const parts: SealedParts = { url: spec.url, headers: spec.headers, proxyUrl: spec.proxy.url };
  const sealed = sealing.seal(JSON.stringify(parts));
  return { spec: stored, sealed, notSaved: sealed === null ? names : [] };
}

function parseParts(text: string): SealedParts {
  const value = JSON.parse(text) as Partial<SealedParts>;
  const headersOk =
    Array.isArray(value.headers) &&
    value.headers.every(
      (pair) =>
        Array.isArray(pair) && pair.length === 2 && pair.every((v) => typeof v === 'string'),
    );
  if (typeof value.url !== 'string' || !headersOk) {
    throw new SealedValueError('A sealed secret has an unexpected shape.');
  }
  return {
    url: value.url,
    headers: value.headers as Array<[string, string]>,
    proxyUrl: typeof value.proxyUrl === 'string' ? value.proxyUrl : null,
  };
}

/**
 * The stored spec with its sealed secrets put back. Without sealed secrets (or when they cannot
 * be opened here) the markers stay, and `missing` names what the user must enter again.
 */
export function openRequestSecrets(
  stored: RequestSpec,
  sealed: Uint8Array | null,
  sealing: SealingService,
): OpenedRequestSecrets {
  const missing = secretsNeedingValue(stored);
  if (missing.length === 0) return { spec: stored, missing, reason: null };
  if (sealed === null) return { spec: stored, missing, reason: 'not-saved' };
  try {
    const parts = parseParts(sealing.open(sealed));
    const spec: RequestSpec = {
      ...stored,
      url: parts.url,
      headers: parts.headers,
      proxy: { ...stored.proxy, url: parts.proxyUrl },
    };
    return { spec, missing: [], reason: null };
  } catch (error) {
    if (!(error instanceof SealedValueError) && !(error instanceof SyntaxError)) throw error;
    return { spec: stored, missing, reason: 'unreadable' };
  }
}
