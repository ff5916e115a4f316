import type { CloseReason, ErrorCategory } from '../../../shared/capture/records.ts';
import type { Framing } from '../../../shared/streams/types.ts';
import type { AttemptEnd } from './http-attempt.ts';
import type { ResponseVerdict } from './response-check.ts';

export interface AttemptOutcome {
  reason: CloseReason;
  error: { category: ErrorCategory; message: string } | null;
  /**
   * What the connection does next: `reconnect` (§9.2.3 reestablish the connection, subject to
   * the inspector's pause and limit), `fail` or `complete` (for good), `stop` (the user closed).
   */
  next: 'reconnect' | 'reconnect-now' | 'fail' | 'complete' | 'stop';
}

const idleTimeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Why an attempt ended and what follows, from how the HTTP exchange ended, the verdict on its
 * response (if it was refused), what the user asked for when cancelling it and the body's
 * framing: reconnecting after the server closed is an event stream's rule (§9.2.3); an NDJSON,
 * JSON-seq or JSON-array body that the server ended is complete (an Ollama or Gemini reply:
 * asking again would start a new one).
 */
export function classifyAttemptEnd(
  end: AttemptEnd,
  verdict: ResponseVerdict | null,
  stopIntent: 'close' | 'reconnect' | null,
  framing: Framing = 'sse',
): AttemptOutcome {
  switch (end.kind) {
    case 'ended':
      return {
        reason: 'server-closed',
        error: null,
        next: framing === 'sse' ? 'reconnect' : 'complete',
      };
    case 'cancelled':
      return {
        reason: 'user-closed',
        error: null,
        next: stopIntent === 'reconnect' ? 'reconnect-now' : 'stop',
      };
    case 'dropped':
      // "Drop connection" tests the server's resume logic: behave as after a network drop.
      return { reason: 'user-dropped', error: null, next: 'reconnect' };
    case 'stopped':
      if (verdict?.action !== 'fail')
        return { reason: 'network-error', error: null, next: 'reconnect' };
      return {
        reason: verdict.reason,
        error: { category: verdict.category, message: verdict.message },
        next: verdict.category === 'no-content' ? 'complete' : 'fail',
      };
    case 'error':
      return {
        reason:
          end.code !== null && idleTimeoutCodes.has(end.code) ? 'idle-timeout' : 'network-error',
        error: { category: end.category, message: end.message },
        // E.g. a redirect loop would fail again on every attempt: the spec lets the UA fail the
        // connection when reestablishing it is known to be futile (§9.2.2, processResponse).
        next: end.futile === true ? 'fail' : 'reconnect',
      };
  }
}
