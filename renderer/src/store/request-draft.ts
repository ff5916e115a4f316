import {
  checkHeaderName,
  checkHeaderValue,
  checkLastEventId,
  splitHeaderLine,
} from '../../../shared/capture/request-rules.ts';
import type { RequestSpecInput } from '../../../shared/capture/request-spec.ts';
import { checkRequestUrl } from '../../../shared/request-url.ts';
import {
  REDACTED,
  redactHeaders,
  redactUrl,
  secretsNeedingValue,
} from '../../../shared/secrets/index.ts';

/** The request bar's editable fields, as the user typed them. */
export interface RequestDraft {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** One `Name: value` per line. */
  headersText: string;
  body: string;
  lastEventId: string;
  insecure: boolean;
  caPem: string;
  proxyMode: 'env' | 'none' | 'url';
  proxyUrl: string;
  connectTimeoutSeconds: string;
  idleTimeoutSeconds: string;
  lenient: boolean;
}

export const emptyDraft: RequestDraft = {
  method: 'GET',
  url: '',
  headersText: '',
  body: '',
  lastEventId: '',
  insecure: false,
  caPem: '',
  proxyMode: 'env',
  proxyUrl: '',
  connectTimeoutSeconds: '10',
  idleTimeoutSeconds: '',
  lenient: false,
};

export type DraftField = 'url' | 'headers' | 'proxy' | 'timeouts' | 'lastEventId';
export type DraftResult =
  { ok: true; spec: RequestSpecInput } | { ok: false; field: DraftField; message: string };

/** Parses `Name: value` lines; blank lines and lines starting with # are skipped. */
export function parseHeaderLines(
  text: string,
): { ok: true; headers: Array<[string, string]> } | { ok: false; message: string } {
  const headers: Array<[string, string]> = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const header = splitHeaderLine(line);
    if (!header) {
      return { ok: false, message: `Header line ${index + 1} should look like "Name: value".` };
    }
    const problem = checkHeaderName(header[0]) ?? checkHeaderValue(header[1]);
    if (problem) return { ok: false, message: `Header line ${index + 1}: ${problem}` };
    headers.push(header);
  }
  return { ok: true, headers };
}

function seconds(text: string, label: string): number | null | string {
  if (text.trim() === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    return `${label} must be a positive number of seconds.`;
  return Math.round(value * 1000);
}

/** Turns the draft into a request spec, or names the field that needs fixing and why. */
export function draftToSpec(draft: RequestDraft): DraftResult {
  const url = checkRequestUrl(draft.url);
  if (!url.ok) return { ok: false, field: 'url', message: url.message };
  const headers = parseHeaderLines(draft.headersText);
  if (!headers.ok) return { ok: false, field: 'headers', message: headers.message };
  // Templates mark what the user must supply as {{NAME}}; sending it literally is never meant.
  const placeholder = /\{\{([A-Za-z0-9_]+)\}\}/.exec(
    `${draft.url}\n${draft.headersText}\n${draft.body}`,
  );
  if (placeholder) {
    return {
      ok: false,
      field: draft.headersText.includes(placeholder[0]) ? 'headers' : 'url',
      message: `Replace ${placeholder[0]} with your ${placeholder[1]} before connecting.`,
    };
  }
  const lastEventIdProblem = checkLastEventId(draft.lastEventId);
  if (lastEventIdProblem) return { ok: false, field: 'lastEventId', message: lastEventIdProblem };
  let proxyUrl: string | null = null;
  if (draft.proxyMode === 'url') {
    const proxy = checkRequestUrl(draft.proxyUrl);
    if (!proxy.ok) return { ok: false, field: 'proxy', message: `Proxy: ${proxy.message}` };
    proxyUrl = proxy.url;
  }
  const connect = seconds(draft.connectTimeoutSeconds, 'Connect timeout');
  if (typeof connect === 'string') return { ok: false, field: 'timeouts', message: connect };
  const idle = seconds(draft.idleTimeoutSeconds, 'Idle timeout');
  if (typeof idle === 'string') return { ok: false, field: 'timeouts', message: idle };
  const missing = draftSecretsNeedingValue(draft);
  if (missing.length > 0) {
    const inHeaders = headers.headers.some(([name]) => missing.includes(name));
    return {
      ok: false,
      field: inHeaders ? 'headers' : missing[0] === 'proxy user info' ? 'proxy' : 'url',
      message: `Enter ${missing.join(', ')} where it says ${REDACTED}: secrets are not kept.`,
    };
  }
  return {
    ok: true,
    spec: {
      url: url.url,
      method: draft.method,
      headers: headers.headers,
      body: draft.body === '' || draft.method === 'GET' ? null : draft.body,
      lastEventId: draft.lastEventId === '' ? null : draft.lastEventId,
      tls: { insecure: draft.insecure, caPem: draft.caPem.trim() === '' ? null : draft.caPem },
      proxy: { mode: draft.proxyMode, url: proxyUrl },
      connectTimeoutMs: connect ?? 10_000,
      idleTimeoutMs: idle,
      lenient: draft.lenient,
    },
  };
}

/**
 * Secrets the draft still lacks: a request run again from History, or a saved one whose secrets
 * could not be kept, holds "[REDACTED]" where each was (see shared/secrets).
 */
export function draftSecretsNeedingValue(draft: RequestDraft): string[] {
  return secretsNeedingValue(secretBearingParts(draft));
}

/** Names of the secrets the draft holds (headers, URL parameters, user info), as typed. */
export function draftSecretNames(draft: RequestDraft): string[] {
  const parts = secretBearingParts(draft);
  return secretsNeedingValue({
    url: redactUrl(parts.url),
    headers: redactHeaders(parts.headers),
    proxy: { ...parts.proxy, url: parts.proxy.url === null ? null : redactUrl(parts.proxy.url) },
  });
}

function secretBearingParts(draft: RequestDraft) {
  const headers = parseHeaderLines(draft.headersText);
  return {
    url: draft.url,
    headers: headers.ok ? headers.headers : [],
    proxy: { mode: draft.proxyMode, url: draft.proxyMode === 'url' ? draft.proxyUrl : null },
  };
}

/** A saved or loaded spec back in the request bar's fields. */
export function specToDraft(spec: RequestSpecInput): RequestDraft {
  return {
    method: spec.method ?? 'GET',
    url: spec.url,
    headersText: (spec.headers ?? []).map(([name, value]) => `${name}: ${value}`).join('\n'),
    body: spec.body ?? '',
    lastEventId: spec.lastEventId ?? '',
    insecure: spec.tls?.insecure ?? false,
    caPem: spec.tls?.caPem ?? '',
    proxyMode: spec.proxy?.mode ?? 'env',
    proxyUrl: spec.proxy?.url ?? '',
    connectTimeoutSeconds: String((spec.connectTimeoutMs ?? 10_000) / 1000),
    idleTimeoutSeconds: spec.idleTimeoutMs ? String(spec.idleTimeoutMs / 1000) : '',
    lenient: spec.lenient ?? false,
  };
}
