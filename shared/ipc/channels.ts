/**
 * Every IPC channel, declared once. Kept free of zod so the sandboxed preload bundle stays small.
 * Invoke channels are `domain:verb` request/response calls; push channels carry main → renderer
 * notifications.
 */
export const invokeChannels = {
  getAppInfo: 'app:info',
  rendererReady: 'app:ready',
} as const;

export const pushChannels = {
  notice: 'app:notice',
} as const;

export type InvokeMethod = keyof typeof invokeChannels;
export type PushName = keyof typeof pushChannels;

export const invokeMethods = Object.keys(invokeChannels) as InvokeMethod[];
