import { splitHeaderLine } from '../../../shared/capture/request-rules.ts';
import { parsePastedRequest, type PastedRequest } from '../../../shared/requests/pasted-request.ts';
import { resolveVariables } from '../../../shared/requests/variables.ts';
import type { RequestBase } from './capture-command.ts';
import { CliUsageError, type ParsedOptions } from './options.ts';

// `capture --curl FILE|-`: the pasted request a capture starts from.

/**
 * The request of a --curl file, its `{{NAME}}`s (the command's `$NAME`) taken from the
 * environment as the shell would have; one that is not set stops here, before anything is sent.
 */
export function curlRequest(text: string): PastedRequest {
  const result = parsePastedRequest(text);
  if (!result.ok) throw new CliUsageError(`--curl: ${result.message}`);
  const missing = new Set<string>();
  const resolve = (value: string): string => {
    const resolved = resolveVariables(value, (name) => process.env[name]);
    for (const name of resolved.missing) missing.add(name);
    return resolved.text;
  };
  const request = result.request;
  const resolved: PastedRequest = {
    ...request,
    url: resolve(request.url),
    headers: request.headers.map(([name, value]) => [name, resolve(value)]),
    body: request.body === null ? null : resolve(request.body),
  };
  if (missing.size > 0) {
    const names = [...missing].map((name) => `$${name}`).join(', ');
    throw new CliUsageError(`--curl: ${names} not set in the environment (nothing was sent)`);
  }
  return resolved;
}

/** A --curl request as the base the options apply to; a -H replaces its headers of that name. */
export function curlBase(request: PastedRequest, options: ParsedOptions): RequestBase {
  const given = [
    ...(options.repeated.get('-H') ?? []),
    ...(options.repeated.get('--header') ?? []),
  ];
  const names = new Set(given.map((line) => splitHeaderLine(line)?.[0].toLowerCase()));
  return {
    method: request.method,
    headers: request.headers.filter(([name]) => !names.has(name.toLowerCase())),
    body: request.body,
    insecure: request.insecure,
    proxy: request.proxy,
  };
}
