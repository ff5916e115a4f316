import type { ClientMessage } from '../../../shared/ipc/web-messages.ts';

export type { ClientMessage, ServerMessage } from '../../../shared/ipc/web-messages.ts';

/** Reads one WebSocket text frame from the browser; null when it is not a well-formed call. */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { type, id, method, args } = value as Record<string, unknown>;
  if (type !== 'call' || !Number.isSafeInteger(id) || typeof method !== 'string') return null;
  if (!Array.isArray(args)) return null;
  return { type, id: id as number, method, args };
}
