import { z } from 'zod';
import { reconnectPolicyPatchSchema, requestSpecSchema } from '../capture/request-spec.ts';
import { checkCorsOrigin } from '../cors-origin.ts';
import type { InvokeMethod } from './channels.ts';

const connectionId = z.number().int().nonnegative();
const byteOffset = z.number().int().nonnegative();
const pageLimit = z.number().int().min(1).max(10_000);
const corsOrigin = z
  .string()
  .max(500)
  .nullable()
  .superRefine((value, context) => {
    const check = value === null ? null : checkCorsOrigin(value);
    if (check?.ok === false) context.addIssue({ code: 'custom', message: check.message });
  });

/**
 * Argument schemas for every invoke method. Main validates each call against these before it
 * reaches the core, whether it came over Electron IPC or the web host's WebSocket.
 */
export const invokeArgs = {
  getAppInfo: z.tuple([]),
  rendererReady: z.tuple([]),
  connect: z.tuple([requestSpecSchema]),
  disconnect: z.tuple([connectionId]),
  reconnectNow: z.tuple([connectionId]),
  setAutoReconnect: z.tuple([connectionId, z.boolean()]),
  setReconnectPolicy: z.tuple([connectionId, reconnectPolicyPatchSchema]),
  setNextLastEventId: z.tuple([
    connectionId,
    z
      .string()
      .refine((v) => !/[\r\n\0]/.test(v), 'A Last-Event-ID may not contain CR, LF or NUL.')
      .nullable(),
  ]),
  dropConnection: z.tuple([connectionId]),
  removeConnection: z.tuple([connectionId]),
  listConnections: z.tuple([]),
  readTimeline: z.tuple([connectionId, z.number().int().min(0).nullable(), pageLimit]),
  readChunkList: z.tuple([connectionId, z.number().int().min(0).nullable(), pageLimit]),
  getEvent: z.tuple([connectionId, z.number().int().nonnegative()]),
  readChunks: z.tuple([connectionId, z.number().int().min(1), byteOffset, byteOffset]),
  listSessions: z.tuple([z.string().max(1000), pageLimit]),
  openSession: z.tuple([connectionId]),
  getSessionRequest: z.tuple([connectionId]),
  renameSession: z.tuple([connectionId, z.string().trim().min(1).max(200)]),
  deleteSession: z.tuple([connectionId]),
  searchEvents: z.tuple([z.string().min(1).max(1000), connectionId.nullable(), pageLimit]),
  exportSession: z.tuple([connectionId, z.enum(['json', 'har', 'ndjson', 'raw'])]),
  importSession: z.tuple([
    z.string().min(1).max(500),
    z
      .string()
      .max(96 * 1024 * 1024, 'The file is too large to import here; use `npm run cli -- import`.'),
  ]),
  startReplay: z.tuple([connectionId, z.number().min(0).max(1000), z.boolean(), corsOrigin]),
  stopReplay: z.tuple([connectionId]),
  listSavedRequests: z.tuple([]),
  saveRequest: z.tuple([z.string().trim().min(1).max(200), requestSpecSchema]),
  deleteSavedRequest: z.tuple([connectionId]),
} satisfies Record<InvokeMethod, z.ZodTuple>;
