/**
 * Compile-time proof that the pieces of the IPC declaration agree: `tsc -b` fails when they
 * do not. Nothing imports this file; its types are exported only so that none is unused.
 */
import type { z } from 'zod';
import type { ConnectionStatus } from '../capture/connection-status.ts';
import type { RequestSpecInput } from '../capture/request-spec.ts';
import type { ApiResult, InspectorApi, InspectorBridge, Unsubscribe } from './api.ts';
import type {
  InvokeMethod,
  invokeChannels,
  PushMethod,
  PushName,
  PushPayloads,
} from './channels.ts';
import type { ApiReply } from './reply.ts';
import type { apiMethods } from './schemas.ts';

/** True only when A and B are the same type (not merely assignable either way). */
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** True when the check holds for every key of a table of checks. */
type AllTrue<Checks extends Record<PropertyKey, boolean>> = Equals<Checks[keyof Checks], true>;

type Declared = typeof apiMethods;

/** The zod-free channel table (used by the preload) and the schema table name the same methods. */
export type SameMethodNames = Assert<Equals<keyof typeof invokeChannels, keyof Declared>>;

/** Every method takes what its argument schema accepts (the renderer passes input types). */
export type ArgumentsAreTheSchemaInput = Assert<
  AllTrue<{
    [M in InvokeMethod]: Equals<Parameters<InspectorApi[M]>, z.input<Declared[M]['args']>>;
  }>
>;

/** Every method resolves to its declared result; over the preload's bridge, inside a reply. */
export type ResultsAreDeclared = Assert<
  AllTrue<{
    [M in InvokeMethod]: Equals<ReturnType<InspectorApi[M]>, Promise<ApiResult<M>>>;
  }>
>;
export type BridgeRepliesCarryTheResult = Assert<
  AllTrue<{
    [M in InvokeMethod]: Equals<ReturnType<InspectorBridge[M]>, Promise<ApiReply<ApiResult<M>>>>;
  }>
>;

/** Every push has exactly one `on…` subscription, whose listener gets the declared payload. */
export type PushesAreDeclared = Assert<
  AllTrue<{
    [P in PushName]: Equals<
      Parameters<Parameters<InspectorApi[PushMethod<P>]>[0]>[0],
      PushPayloads[P]
    >;
  }>
>;
// (Equals is stricter than needed on the whole signature here: the intersection in InspectorApi
// stays unsimplified inside a mapped type, so the rest is checked by assignability both ways.)
export type SubscriptionsReturnUnsubscribe = Assert<
  AllTrue<{
    [P in PushName]: MutuallyAssignable<
      InspectorApi[PushMethod<P>],
      (listener: (payload: PushPayloads[P]) => void) => Unsubscribe
    >;
  }>
>;
export type NothingElseIsExposed = Assert<
  Equals<keyof InspectorApi, InvokeMethod | PushMethod<PushName>>
>;

/** Spot checks against hand-written types, so a derivation that went wrong shows here. */
export type SpotChecks = Assert<
  AllTrue<{
    connect: Equals<Parameters<InspectorApi['connect']>, [RequestSpecInput]>;
    connectResult: Equals<ApiResult<'connect'>, ConnectionStatus>;
    setAutoReconnect: Equals<Parameters<InspectorApi['setAutoReconnect']>, [number, boolean]>;
    readTimeline: Equals<Parameters<InspectorApi['readTimeline']>, [number, number | null, number]>;
    rendererReady: Equals<ApiResult<'rendererReady'>, void>;
  }>
>;

/** The check is not vacuous: a tuple missing an argument fails it. */
type MissingArgument = Equals<Parameters<InspectorApi['setAutoReconnect']>, [number]>;
// @ts-expect-error a mismatch is a compile error
export type MismatchIsCaught = Assert<MissingArgument>;
