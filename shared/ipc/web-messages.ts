import type { PushName } from './channels.ts';

/** Browser → web host: one API call. */
export interface ClientMessage {
  type: 'call';
  id: number;
  method: string;
  args: unknown[];
}

/** Web host → browser: a call's result, or a push. */
export type ServerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string } }
  | { type: 'push'; name: PushName; payload: unknown };
