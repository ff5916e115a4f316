import { randomBytes } from 'node:crypto';
import { InspectorError } from '../../../shared/errors.ts';
import type { ApiFailure } from '../../../shared/ipc/reply.ts';

/**
 * What the renderer is told about a failed call. An InspectorError is the user's concern: its
 * code and message go as they are. Anything else is a bug: its stack goes to the log under a
 * short id, and the user gets only that id, so the message shows no internals yet leads to them.
 */
export function toApiFailure(
  error: unknown,
  context: string,
  log: (text: string) => void,
): ApiFailure {
  if (error instanceof InspectorError) return { code: error.code, message: error.message };
  const id = randomBytes(3).toString('hex');
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`Internal error ${id} in ${context}: ${detail}`);
  return { code: 'internal', message: `Internal error (id ${id}); see the log.` };
}
