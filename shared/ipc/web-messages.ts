import type { PushName } from './channels.ts';
import type { ApiReply } from './reply.ts';

/** Browser → web host: one API call. */
export interface ClientMessage {
  type: 'call';
  id: number;
  method: string;
  args: unknown[];
}

/** Web host → browser: a call's reply, or a push. */
export type ServerMessage =
  ({ type: 'result'; id: number } & ApiReply) | { type: 'push'; name: PushName; payload: unknown };
