import type { HttpMethod } from '../../../../shared/capture/request-spec.ts';
import type { CheckSpec } from '../../../../shared/checks/index.ts';

export interface CommandSource {
  url: string;
  method: HttpMethod;
}

/**
 * A shell snippet for CI: the spec written to a file (with the connection's URL and method when
 * the spec names no request), then `cli check` with a JUnit report. The URL comes from the
 * connection's status, whose secrets are already markers: nothing secret is copied.
 */
export function checkCommandText(spec: CheckSpec, source: CommandSource): string {
  const request = spec.request ?? {
    url: source.url,
    ...(source.method === 'GET' ? {} : { method: source.method }),
  };
  const file = JSON.stringify({ ...spec, request }, null, 2);
  return [
    "cat > sse-check.json <<'JSON'",
    file,
    'JSON',
    'npm run --silent cli -- check --spec sse-check.json --junit sse-check.xml',
    '',
  ].join('\n');
}
