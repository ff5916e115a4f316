import { z } from 'zod';
import { checkRequestUrl } from '../request-url.ts';
import { framings } from '../streams/types.ts';
import {
  checkHeaderName,
  checkHeaderValue,
  checkLastEventId,
  type Check,
} from './request-rules.ts';

/**
 * What the user asks to connect to. Validated with zod wherever it enters main (IPC, web host,
 * CLI, saved requests), with defaults filled in, so the engine always sees a complete spec.
 */
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** A string that must pass one of the shared request rules; a failure carries the rule's message. */
function checkedString(check: Check<string>) {
  return z.string().superRefine((value, context) => {
    const message = check(value);
    if (message !== null) context.addIssue({ code: 'custom', message });
  });
}

const headerName = checkedString(checkHeaderName);
const headerValue = checkedString(checkHeaderValue);

/** A Last-Event-ID to send (the request's first one, or the next attempt's); null for none. */
export const lastEventIdSchema = checkedString(checkLastEventId).nullable();

/**
 * The request bar's URL rule and message; zod's URL format then normalises the value as before.
 * (The pipe stops at the first failure, so the user sees one message.)
 */
const requestUrl = checkedString((text) => {
  const check = checkRequestUrl(text);
  return check.ok ? null : check.message;
}).pipe(z.url({ protocol: /^https?$/ }));

const delayMs = z.number().int().min(0).max(86_400_000);

const reconnectPolicyFields = {
  /** Reconnect automatically after a drop (the spec's behaviour); false = paused. */
  auto: z.boolean(),
  /**
   * `spec`: the server's `retry` (3000 ms until one arrives). `fixed`: always `fixedDelayMs`.
   * `backoff`: initialDelayMs × multiplier^(n-1), capped at maxDelayMs, ± jitter.
   */
  delayMode: z.enum(['spec', 'fixed', 'backoff']),
  fixedDelayMs: delayMs,
  initialDelayMs: delayMs,
  maxDelayMs: delayMs,
  multiplier: z.number().min(1).max(10),
  /** Fraction of the delay added or removed at random (0–1). */
  jitter: z.number().min(0).max(1),
  /** Stop after this many attempts in all (null: no limit). */
  maxAttempts: z.number().int().min(1).nullable(),
};

export const defaultReconnectPolicy = {
  auto: true,
  delayMode: 'spec',
  fixedDelayMs: 3000,
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0,
  maxAttempts: null,
} as const satisfies z.infer<z.ZodObject<typeof reconnectPolicyFields>>;

/** A change to some fields of a policy (the reconnect controls); no defaults filled in. */
export const reconnectPolicyPatchSchema = z.object(reconnectPolicyFields).partial();

export const reconnectPolicySchema = z.object({
  auto: reconnectPolicyFields.auto.default(defaultReconnectPolicy.auto),
  delayMode: reconnectPolicyFields.delayMode.default(defaultReconnectPolicy.delayMode),
  fixedDelayMs: reconnectPolicyFields.fixedDelayMs.default(defaultReconnectPolicy.fixedDelayMs),
  initialDelayMs: reconnectPolicyFields.initialDelayMs.default(
    defaultReconnectPolicy.initialDelayMs,
  ),
  maxDelayMs: reconnectPolicyFields.maxDelayMs.default(defaultReconnectPolicy.maxDelayMs),
  multiplier: reconnectPolicyFields.multiplier.default(defaultReconnectPolicy.multiplier),
  jitter: reconnectPolicyFields.jitter.default(defaultReconnectPolicy.jitter),
  maxAttempts: reconnectPolicyFields.maxAttempts.default(defaultReconnectPolicy.maxAttempts),
});
export type ReconnectPolicy = z.infer<typeof reconnectPolicySchema>;

export const requestSpecSchema = z.object({
  url: requestUrl,
  method: z.enum(httpMethods).default('GET'),
  /** In the order and case the user wrote them; duplicates allowed. */
  headers: z
    .array(z.tuple([headerName, headerValue]))
    .max(500)
    .default([]),
  /** Request body text (for POST/PUT/PATCH, as LLM APIs use); null for none. */
  body: z
    .string()
    .max(64 * 1024 * 1024)
    .nullable()
    .default(null),
  /** Last-Event-ID to send on the first attempt (null: none). */
  lastEventId: lastEventIdSchema.default(null),
  tls: z
    .object({
      /** Accept an invalid or self-signed certificate for this request only. */
      insecure: z.boolean().default(false),
      /** Extra certificate authority (PEM) trusted for this request. */
      caPem: z.string().nullable().default(null),
    })
    .default({ insecure: false, caPem: null }),
  proxy: z
    .object({
      /** `env`: HTTP(S)_PROXY / NO_PROXY from the environment; `none`; `url`: the given proxy. */
      mode: z.enum(['env', 'none', 'url']).default('env'),
      url: z
        .url({ protocol: /^https?$/ })
        .nullable()
        .default(null),
    })
    .default({ mode: 'env', url: null }),
  /** Time allowed to establish the connection (TCP + TLS). */
  connectTimeoutMs: z.number().int().min(1).max(600_000).default(10_000),
  /** Time without receiving any byte after which the attempt is failed (null: wait forever). */
  idleTimeoutMs: z.number().int().min(1).max(86_400_000).nullable().default(null),
  /** Keep reading a response a browser would refuse (wrong status or content type). */
  lenient: z.boolean().default(false),
  /** Parse the body in this framing (shared/streams) whatever its content type; null: by type. */
  framing: z.enum(framings).nullable().default(null),
  reconnect: reconnectPolicySchema.default({ ...defaultReconnectPolicy }),
});

/** A complete request spec (defaults filled in). */
export type RequestSpec = z.infer<typeof requestSpecSchema>;
/** What a caller may pass: only `url` is required. */
export type RequestSpecInput = z.input<typeof requestSpecSchema>;

export function parseRequestSpec(input: unknown): RequestSpec {
  return requestSpecSchema.parse(input);
}
