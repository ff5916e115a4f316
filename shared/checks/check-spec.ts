import { z } from 'zod';
import { httpMethods } from '../capture/request-spec.ts';
import { llmFormats } from '../lenses/llm/types.ts';
import { parseSequencePattern } from './sequence-matcher.ts';

/**
 * A stream contract (issue 18): what to connect to, when to stop, and what the stream must do.
 * Every key is optional; an unknown key anywhere is a spec error (a typo must not silently
 * switch a check off).
 */

const positiveMs = z.number().positive();

const requestSchema = z.strictObject({
  url: z.string().min(1),
  method: z.enum(httpMethods).optional(),
  /** In order; values may hold `{{variables}}` (e.g. `Bearer {{apiKey}}`). */
  headers: z.array(z.tuple([z.string(), z.string()])).optional(),
  body: z.string().nullable().optional(),
  lastEventId: z.string().nullable().optional(),
});

const stopSchema = z.strictObject({
  events: z.number().int().min(1).optional(),
  seconds: z.number().positive().optional(),
});

const sequenceSchema = z
  .array(z.string())
  .min(1)
  .superRefine((steps, context) => {
    for (const [i, step] of steps.entries()) {
      try {
        parseSequencePattern([step]);
      } catch (error) {
        context.addIssue({ code: 'custom', path: [i], message: (error as Error).message });
      }
    }
  });

/** A JSON Schema: a file path (relative to the spec file) or the schema itself. */
const schemaSource = z.union([z.string().min(1), z.record(z.string(), z.unknown()), z.boolean()]);

export const expectSchema = z.strictObject({
  status: z.number().int().min(100).max(599).optional(),
  contentType: z.string().min(1).optional(),
  events: z
    .strictObject({
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
    })
    .refine(
      (value) => value.min === undefined || value.max === undefined || value.min <= value.max,
      {
        message: 'min is above max: no stream can pass',
      },
    )
    .optional(),
  /** The allowed event types. */
  types: z.array(z.string()).min(1).optional(),
  /** Event types as a pattern (`x`, `x?`, `x*`, `x+`) matched against the whole stream. */
  sequence: sequenceSchema.optional(),
  ids: z.enum(['unique', 'increasing']).optional(),
  maxGapMs: positiveMs.optional(),
  firstEventWithinMs: positiveMs.optional(),
  noWarnings: z.boolean().optional(),
  endsWith: z
    .strictObject({ type: z.string().optional(), data: z.string().optional() })
    .refine((value) => value.type !== undefined || value.data !== undefined, {
      message: 'endsWith needs "type" and/or "data"',
    })
    .optional(),
  schemas: z.record(z.string(), schemaSource).optional(),
  resume: z.strictObject({ dropAfter: z.number().int().min(1) }).optional(),
  llm: z
    .strictObject({
      format: z.enum(llmFormats as [string, ...string[]]).optional(),
      finishReason: z.string().optional(),
      maxTtftMs: positiveMs.optional(),
    })
    .optional(),
});

export const checkSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  request: requestSchema.optional(),
  stop: stopSchema.optional(),
  expect: expectSchema.optional(),
});

export type CheckSpec = z.infer<typeof checkSpecSchema>;
export type CheckExpectations = z.infer<typeof expectSchema>;
export type CheckRequest = z.infer<typeof requestSchema>;
/** The spec keys that become checks, in the order results are listed. */
export type CheckName = keyof CheckExpectations;

export const checkNames: readonly CheckName[] = [
  'status',
  'contentType',
  'events',
  'types',
  'sequence',
  'ids',
  'maxGapMs',
  'firstEventWithinMs',
  'noWarnings',
  'endsWith',
  'schemas',
  'resume',
  'llm',
];

/** A spec that cannot be used; the message is one line naming the problem. */
export class CheckSpecError extends Error {
  override readonly name = 'CheckSpecError';
}

/** Validates a parsed JSON spec; throws CheckSpecError with the first problem and where it is. */
export function parseCheckSpec(input: unknown): CheckSpec {
  const parsed = checkSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.map(String).join('.');
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${where === '' ? '' : ` in ${where}`}`
      : `${where === '' ? '' : `${where}: `}${issue.message}`;
  throw new CheckSpecError(message);
}

/** Parses spec text (JSON; a BOM, as Windows editors save, is skipped); a syntax error is a CheckSpecError too. */
export function parseCheckSpecText(text: string): CheckSpec {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CheckSpecError(`not valid JSON (${(error as Error).message})`);
  }
  return parseCheckSpec(json);
}
