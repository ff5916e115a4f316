import { InspectorError, type InspectorErrorCode } from '../errors.ts';

/** A failed call as it crosses a process boundary: an InspectorError without its class. */
export interface ApiFailure {
  code: InspectorErrorCode;
  message: string;
}

/**
 * How main answers every call, over Electron IPC and the web host's WebSocket alike. An
 * envelope rather than a rejection: Electron's `ipcMain.handle` keeps only a rejection's
 * message (prefixed with its own words), and the renderer needs the `code` too.
 */
export type ApiReply<Value = unknown> =
  { ok: true; value: Value } | { ok: false; error: ApiFailure };

/** The value of a successful reply; a failed one is thrown again as an InspectorError. */
export function unwrapReply<Value>(reply: ApiReply<Value>): Value {
  if (reply.ok) return reply.value;
  throw new InspectorError(reply.error.code, reply.error.message);
}
