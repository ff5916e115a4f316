import { maxHeaderSize } from 'node:http';
import type { ErrorCategory } from '../../../shared/capture/records.ts';

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const refusedCodes = new Set(['ECONNREFUSED']);
const resetCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_STREAM_CANCEL',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const timeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
]);
const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'HOSTNAME_MISMATCH',
]);
const abortedCodes = new Set(['UND_ERR_ABORTED', 'ABORT_ERR']);
/** The response broke the HTTP client's own limits: nothing on our side to retry differently. */
const protocolCodes = new Set(['UND_ERR_HEADERS_OVERFLOW']);

/** Messages that say what happened where the client's own ("Headers Overflow Error") do not. */
const headersTooLarge =
  `response headers too large (over the HTTP client's ${maxHeaderSize}-byte limit ` +
  'for the status line and headers)';
const clearerMessages = new Map<string, string>([
  ['UND_ERR_HEADERS_OVERFLOW', headersTooLarge],
  ['HPE_HEADER_OVERFLOW', headersTooLarge],
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function categoryOfCode(code: string): ErrorCategory | null {
  if (dnsCodes.has(code)) return 'dns';
  if (refusedCodes.has(code)) return 'refused';
  if (timeoutCodes.has(code)) return 'timeout';
  if (tlsCodes.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_')) return 'tls';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_')) return 'tls';
  if (resetCodes.has(code)) return 'reset';
  if (abortedCodes.has(code)) return 'aborted';
  if (protocolCodes.has(code)) return 'protocol';
  if (code.startsWith('HPE_') || code.startsWith('ERR_HTTP2_')) return 'protocol';
  return null;
}

/**
 * The user-facing category of a connection error from Node or undici. Looks through `cause`
 * chains and AggregateErrors (happy-eyeballs connects report one error per address): the most
 * specific code found wins, and an undici wrapper such as "other side closed" (UND_ERR_SOCKET)
 * defers to the system error it wraps.
 */
export function categorizeError(error: unknown): ErrorCategory {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let fallback: ErrorCategory | null = null;
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || current === undefined || seen.has(current)) continue;
    seen.add(current);
    const code = codeOf(current);
    const category = code === undefined ? null : categoryOfCode(code);
    // Wrappers (undici socket errors, aborts) are only a fallback for what they wrap.
    if (category !== null && code !== 'UND_ERR_SOCKET' && category !== 'aborted') return category;
    fallback ??= category;
    if (current instanceof AggregateError) queue.push(...current.errors);
    if (current instanceof Error) {
      if (current.name === 'AbortError') fallback ??= 'aborted';
      queue.push(current.cause);
    }
  }
  return fallback ?? 'other';
}

/** One line for the timeline: the message, with the code when the message does not show it. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : null;
  const code = codeOf(error) ?? codeOf(error.cause) ?? codeOf(inner);
  const clearer = code === undefined ? undefined : clearerMessages.get(code);
  const base =
    clearer ?? (error.message || (inner instanceof Error ? inner.message : '') || error.name);
  return code !== undefined && !base.includes(code) ? `${base} (${code})` : base;
}
