import type { ServerMessage } from '../../../shared/ipc/web-messages.ts';

/** Window → socket worker. */
export type ToSocketWorker = { type: 'connect'; url: string } | { type: 'send'; text: string };

/** Socket worker → window: the web host's messages, parsed. */
export type FromSocketWorker = { type: 'message'; message: ServerMessage } | { type: 'close' };
