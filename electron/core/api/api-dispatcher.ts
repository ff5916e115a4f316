import { InspectorError } from '../../../shared/errors.ts';
import type { ApiResult, ParsedApiArgs } from '../../../shared/ipc/api.ts';
import { invokeChannels, invokeMethods, type InvokeMethod } from '../../../shared/ipc/channels.ts';
import type { ApiReply } from '../../../shared/ipc/reply.ts';
import { apiMethods } from '../../../shared/ipc/schemas.ts';
import { toApiFailure } from './error-reply.ts';

/** The API as main implements it: arguments arrive validated, with defaults filled in. */
export type CoreApi = {
  [M in InvokeMethod]: (...args: ParsedApiArgs<M>) => ApiResult<M> | Promise<ApiResult<M>>;
};

type Intersection<P extends readonly unknown[]> = P extends readonly [infer First, ...infer Rest]
  ? First & Intersection<Rest>
  : unknown;

/** The API methods that objects of type T lack, or have with a signature that does not fit. */
type Unimplemented<T> = {
  [M in InvokeMethod]: M extends keyof T ? (T[M] extends CoreApi[M] ? never : M) : M;
}[InvokeMethod];

/**
 * The CoreApi from the objects that implement its methods, each under the method's own name
 * (the core, its services, the client session). When some method is not implemented with its
 * declared signature, the call does not compile ("Expected 2 arguments"): the type of the
 * missing `unimplemented` argument names the methods. A method implemented twice throws here.
 */
export function composeApi<const P extends readonly object[]>(
  providers: readonly [...P],
  ..._unimplemented: [Unimplemented<Intersection<P>>] extends [never]
    ? []
    : [unimplemented: Unimplemented<Intersection<P>>]
): CoreApi {
  const api: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of invokeMethods) {
    const owners = providers.filter(
      (provider) => typeof (provider as Record<string, unknown>)[method] === 'function',
    ) as Array<Record<string, (...args: unknown[]) => unknown>>;
    if (owners.length !== 1) {
      throw new Error(`API method ${method} has ${owners.length} implementations, not one.`);
    }
    const owner = owners[0]!;
    api[method] = (...args) => owner[method]!(...args);
  }
  return api as CoreApi;
}

function isInvokeMethod(method: string): method is InvokeMethod {
  return Object.hasOwn(invokeChannels, method);
}

/** A call main refused before running it (logged by the host as a refusal, not as a bug). */
export function isRefusal(reply: ApiReply): reply is Extract<ApiReply, { ok: false }> {
  return !reply.ok && ['unknown-method', 'invalid-arguments'].includes(reply.error.code);
}

/**
 * Validates a call from a renderer (method name and every argument), runs it and answers with
 * a reply envelope; it never rejects. Both the Electron IPC gate and the web host go through
 * here, so they behave alike. A bug (anything but an InspectorError) is logged with its stack.
 */
export async function dispatchApiCall(
  api: CoreApi,
  method: string,
  args: unknown,
  log: (text: string) => void = (text) => console.error(text),
): Promise<ApiReply> {
  try {
    if (!isInvokeMethod(method)) {
      throw new InspectorError('unknown-method', `Unknown API method "${method}".`);
    }
    const parsed = apiMethods[method].args.safeParse(args);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
        .join('; ');
      throw new InspectorError('invalid-arguments', `Invalid arguments for ${method}: ${detail}`);
    }
    const implementation = api[method] as (...args: unknown[]) => unknown;
    return { ok: true, value: await implementation(...(parsed.data as unknown[])) };
  } catch (error) {
    return { ok: false, error: toApiFailure(error, method, log) };
  }
}
