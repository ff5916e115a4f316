import { z } from 'zod';

/**
 * HAR 1.2 as specified (http://www.softwareishard.com/blog/har-12-spec/), in zod: `harSchema`
 * checks every required field and type (our exports are tested against it); custom fields
 * (starting with `_`) pass through. `harImportSchema` is the lenient subset the importer needs,
 * because browsers' HARs bend the spec (Chrome omits `comment`s, Firefox writes `-1` where a
 * size is unknown, some tools drop `cookies`).
 */

// ISO 8601 with a time, as in the spec's example "2009-07-24T19:20:30.45+01:00".
const isoDateTime = z
  .string()
  .regex(
    /^\d{4}-?\d\d-?\d\dT\d\d:?\d\d:?\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/,
    'must be an ISO 8601 date and time',
  );
const comment = z.string().optional();
const nameValue = z.looseObject({ name: z.string(), value: z.string(), comment });
const cookie = z.looseObject({
  name: z.string(),
  value: z.string(),
  path: z.string().optional(),
  domain: z.string().optional(),
  expires: z.string().nullable().optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  comment,
});
/** A time in ms: non-negative, or -1 where the spec allows "does not apply". */
const optionalTiming = z
  .number()
  .refine((v) => v >= 0 || v === -1, 'must be ≥ 0 or -1')
  .optional();
const requiredTiming = z.number().min(0);

export const harEntrySchema = z.looseObject({
  pageref: z.string().optional(),
  startedDateTime: isoDateTime,
  time: z.number().min(0),
  request: z.looseObject({
    method: z.string(),
    url: z.string(),
    httpVersion: z.string(),
    cookies: z.array(cookie),
    headers: z.array(nameValue),
    queryString: z.array(nameValue),
    postData: z
      .looseObject({
        mimeType: z.string(),
        params: z
          .array(
            z.looseObject({
              name: z.string(),
              value: z.string().optional(),
              fileName: z.string().optional(),
              contentType: z.string().optional(),
              comment,
            }),
          )
          .optional(),
        text: z.string().optional(),
        comment,
      })
      .optional(),
    headersSize: z.number().int(),
    bodySize: z.number().int(),
    comment,
  }),
  response: z.looseObject({
    status: z.number().int(),
    statusText: z.string(),
    httpVersion: z.string(),
    cookies: z.array(cookie),
    headers: z.array(nameValue),
    content: z.looseObject({
      size: z.number().int(),
      compression: z.number().int().optional(),
      mimeType: z.string(),
      text: z.string().optional(),
      encoding: z.string().optional(),
      comment,
    }),
    redirectURL: z.string(),
    headersSize: z.number().int(),
    bodySize: z.number().int(),
    comment,
  }),
  cache: z.looseObject({
    beforeRequest: z.unknown().optional(),
    afterRequest: z.unknown().optional(),
    comment,
  }),
  timings: z.looseObject({
    blocked: optionalTiming,
    dns: optionalTiming,
    connect: optionalTiming,
    send: requiredTiming,
    wait: requiredTiming,
    receive: requiredTiming,
    ssl: optionalTiming,
    comment,
  }),
  serverIPAddress: z.string().optional(),
  connection: z.string().optional(),
  comment,
});

const creator = z.looseObject({ name: z.string(), version: z.string(), comment });

export const harSchema = z.looseObject({
  log: z.looseObject({
    version: z.string(),
    creator,
    browser: creator.optional(),
    pages: z
      .array(
        z.looseObject({
          startedDateTime: isoDateTime,
          id: z.string(),
          title: z.string(),
          pageTimings: z.looseObject({
            onContentLoad: z.number().optional(),
            onLoad: z.number().optional(),
            comment,
          }),
          comment,
        }),
      )
      .optional(),
    entries: z.array(harEntrySchema),
    comment,
  }),
});
export type Har = z.infer<typeof harSchema>;

/** Chrome DevTools' record of one EventSource message (beside `_webSocketMessages`). */
export const eventSourceMessageSchema = z.looseObject({
  /** Seconds since the epoch, fractional. */
  time: z.number(),
  eventName: z.string().nullish(),
  eventId: z.string().nullish(),
  data: z.string(),
});

const lenientHeaders = z
  .array(z.looseObject({ name: z.string(), value: z.coerce.string() }))
  .nullish()
  .transform((headers) => headers ?? []);

/** What the importer reads from a HAR entry (everything else is ignored). */
export const harImportEntrySchema = z.looseObject({
  startedDateTime: z.string(),
  time: z.number().nullish(),
  request: z.looseObject({
    method: z.string(),
    url: z.string(),
    headers: lenientHeaders,
    postData: z
      .looseObject({ mimeType: z.string().nullish(), text: z.string().nullish() })
      .nullish(),
    bodySize: z.number().nullish(),
  }),
  response: z
    .looseObject({
      status: z.number().nullish(),
      statusText: z.string().nullish(),
      /** Chrome: why the request failed or was cut ("net::ERR_…"). */
      _error: z.string().nullish(),
      httpVersion: z.string().nullish(),
      headers: lenientHeaders,
      content: z
        .looseObject({
          mimeType: z.string().nullish(),
          text: z.string().nullish(),
          encoding: z.string().nullish(),
        })
        .nullish(),
    })
    .nullish(),
  timings: z.record(z.string(), z.unknown()).nullish(),
  _resourceType: z.string().nullish(),
  _error: z.string().nullish(),
  _eventSourceMessages: z.array(eventSourceMessageSchema).nullish(),
  _sseInspector: z
    .looseObject({
      closeReason: z.string().nullish(),
      framing: z.string().nullish(),
      errorCategory: z.string().nullish(),
      errorMessage: z.string().nullish(),
    })
    .nullish(),
});
export type HarImportEntry = z.infer<typeof harImportEntrySchema>;

export const harImportSchema = z.looseObject({
  log: z.looseObject({ entries: z.array(harImportEntrySchema).nullish() }),
});
