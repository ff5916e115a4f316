import type {
  CloseReason,
  EngineWarningCode,
  ErrorCategory,
} from '../../../shared/capture/records.ts';
import { framingForContentType, mimeEssence } from '../../../shared/streams/framing.ts';
import type { Framing } from '../../../shared/streams/types.ts';

export { mimeEssence };

export type ResponseVerdict =
  | { action: 'read'; warnings: Array<{ code: EngineWarningCode; message: string }> }
  | { action: 'fail'; category: ErrorCategory; reason: CloseReason; message: string };

/** The framing a body is read in: the one the user forced, else its content type's, else SSE. */
export function responseFraming(contentType: string | null, forced: Framing | null): Framing {
  return forced ?? framingForContentType(contentType) ?? 'sse';
}

/**
 * Whether to read a (non-redirect) response. For an event stream, WHATWG HTML §9.2.2, the
 * EventSource constructor's processResponse: a status other than 200, or a Content-Type whose
 * essence is not `text/event-stream` (a missing one included), fails the connection — no
 * reconnection. 204 No Content is how a server says "stop reconnecting" (§9.2.5 authoring
 * notes), reported as its own category. `lenient` reads on past a wrong status or content type,
 * with an engine warning each, as the inspector's "read anyway" switch. The other framings'
 * content types (NDJSON, JSON text sequences, JSON) are read as such; a `forced` framing reads
 * any content type, with a warning when it is not that framing's.
 */
export function checkResponse(
  status: number,
  contentType: string | null,
  lenient: boolean,
  forced: Framing | null = null,
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
  const typed = framingForContentType(contentType);
  const shown = contentType === null ? 'no Content-Type' : `Content-Type "${contentType}"`;
  if (forced !== null && typed !== forced) {
    warnings.push({
      code: 'content-type-ignored',
      message: `${shown} read as ${forced} (framing forced)`,
    });
  } else if (typed === null) {
    const message =
      `${shown} (an EventSource needs text/event-stream; ` +
      'NDJSON, JSON text sequences and JSON arrays are read too)';
    if (!lenient) {
      return { action: 'fail', category: 'content-type', reason: 'content-type', message };
    }
    warnings.push({ code: 'content-type-ignored', message: `${message}; reading on (lenient)` });
  }
  return { action: 'read', warnings };
}
