import type {
  CloseReason,
  EngineWarningCode,
  ErrorCategory,
} from '../../../shared/capture/records.ts';

export type ResponseVerdict =
  | { action: 'read'; warnings: Array<{ code: EngineWarningCode; message: string }> }
  | { action: 'fail'; category: ErrorCategory; reason: CloseReason; message: string };

/** The MIME type's essence (`type/subtype`, lower-cased), or null when absent or malformed. */
export function mimeEssence(contentType: string | null): string | null {
  if (contentType === null) return null;
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return /^[^\s/]+\/[^\s/]+$/.test(essence) ? essence : null;
}

/**
 * Whether to read a (non-redirect) response as an event stream. WHATWG HTML §9.2.2, the
 * EventSource constructor's processResponse: a status other than 200, or a Content-Type whose
 * essence is not `text/event-stream` (a missing one included), fails the connection — no
 * reconnection. 204 No Content is how a server says "stop reconnecting" (§9.2.5 authoring
 * notes), reported as its own category. `lenient` reads on past a wrong status or content type,
 * with an engine warning each, as the inspector's "read anyway" switch.
 */
export function checkResponse(
  status: number,
  contentType: string | null,
  lenient: boolean,
): ResponseVerdict {
  if (status === 204) {
    return {
      action: 'fail',
      category: 'no-content',
      reason: 'no-content',
      message: '204 No Content: the server asked the client not to reconnect',
    };
  }
  const warnings: Array<{ code: EngineWarningCode; message: string }> = [];
  if (status !== 200) {
    const message = `HTTP status ${status} (an EventSource needs 200)`;
    if (!lenient)
      return { action: 'fail', category: 'http-status', reason: 'http-status', message };
    warnings.push({ code: 'status-ignored', message: `${message}; reading on (lenient)` });
  }
  if (mimeEssence(contentType) !== 'text/event-stream') {
    const shown = contentType === null ? 'no Content-Type' : `Content-Type "${contentType}"`;
    const message = `${shown} (an EventSource needs text/event-stream)`;
    if (!lenient) {
      return { action: 'fail', category: 'content-type', reason: 'content-type', message };
    }
    warnings.push({ code: 'content-type-ignored', message: `${message}; reading on (lenient)` });
  }
  return { action: 'read', warnings };
}
