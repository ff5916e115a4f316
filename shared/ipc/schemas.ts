import { z } from 'zod';
import type { InvokeMethod } from './channels.ts';

/**
 * Argument schemas for every invoke method. Main validates each call against these before it
 * reaches the core, whether it came over Electron IPC or the web host's WebSocket.
 */
export const invokeArgs = {
  getAppInfo: z.tuple([]),
  rendererReady: z.tuple([]),
} satisfies Record<InvokeMethod, z.ZodTuple>;
