import { invokeChannels, type InvokeMethod } from '../../../shared/ipc/channels.ts';
import { invokeArgs } from '../../../shared/ipc/schemas.ts';
import type { InspectorCore } from '../inspector-core.ts';
import type { ClientSession } from './client-session.ts';

export type ApiErrorCode = 'unknown-method' | 'invalid-arguments' | 'failed';

/** An API call that main refused or that failed; `message` is meant for the user. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

function isInvokeMethod(method: string): method is InvokeMethod {
  return Object.hasOwn(invokeChannels, method);
}

/**
 * Validates a call from a renderer (method name and every argument) and runs it on the core.
 * Both the Electron IPC registration and the web host go through here, so they behave alike.
 */
export async function dispatchApiCall(
  core: InspectorCore,
  client: ClientSession,
  method: string,
  args: unknown,
): Promise<unknown> {
  if (!isInvokeMethod(method)) {
    throw new ApiCallError('unknown-method', `Unknown API method "${method}".`);
  }
  const parsed = invokeArgs[method].safeParse(args);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
      .join('; ');
    throw new ApiCallError('invalid-arguments', `Invalid arguments for ${method}: ${detail}`);
  }
  switch (method) {
    case 'getAppInfo':
      return core.getAppInfo();
    case 'rendererReady':
      client.markReady();
      return undefined;
  }
}
