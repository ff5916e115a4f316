import { requestSpecSchema, type RequestSpec } from '../../../shared/capture/request-spec.ts';

/** A stored spec, with defaults filled in when an older version wrote it. */
export function specFromJson(text: string): RequestSpec {
  const raw: unknown = JSON.parse(text);
  const parsed = requestSpecSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as RequestSpec);
}
