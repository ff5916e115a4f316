import type { CaptureRecord } from '../capture/records.ts';
import type { RequestSpec, RequestSpecInput } from '../capture/request-spec.ts';
import { hasRedactionMarker, redactHeaders, redactText, redactUrl } from './redact-text.ts';

/** A spec without secrets: URL, headers and the proxy URL's user info. The body is kept. */
export function redactSpec(spec: RequestSpec): RequestSpec {
  return {
    ...spec,
    url: redactUrl(spec.url),
    headers: redactHeaders(spec.headers),
    proxy: { ...spec.proxy, url: spec.proxy.url === null ? null : redactUrl(spec.proxy.url) },
  };
}

/** A redirect's Location may carry a token in its query. */
function redactRedirectHeaders(headers: ReadonlyArray<[string, string]>): Array<[string, string]> {
  return redactHeaders(headers).map(([name, value]) => [
    name,
    name.toLowerCase() === 'location' ? redactUrl(value) : value,
  ]);
}

/**
 * A record as it may be stored or shown: request and response headers, every URL (redirect hops,
 * the final URL) and URLs or credentials inside error and warning messages. Event data, comments
 * and chunk bytes are the capture itself and are returned as they are (the same object).
 */
export function redactRecord<R extends CaptureRecord>(record: R): R;
export function redactRecord(record: CaptureRecord): CaptureRecord {
  switch (record.kind) {
    case 'attempt':
      return {
        ...record,
        request: {
          ...record.request,
          url: redactUrl(record.request.url),
          headers: redactHeaders(record.request.headers),
        },
      };
    case 'redirect':
      return {
        ...record,
        from: redactUrl(record.from),
        to: redactUrl(record.to),
        headers: redactRedirectHeaders(record.headers),
      };
    case 'response':
      return { ...record, url: redactUrl(record.url), headers: redactHeaders(record.headers) };
    case 'error':
    case 'warning': {
      const message = redactText(record.message);
      return message === record.message ? record : { ...record, message };
    }
    // The capture itself, or nothing a header, URL or message could hide a secret in. A new
    // kind must be placed here or above: the compiler refuses the switch until it is.
    case 'chunk':
    case 'event':
    case 'retry':
    case 'comment':
    case 'closed':
    case 'reconnect':
      return record;
    case 'control': {
      const detail = redactText(record.detail);
      return detail === record.detail ? record : { ...record, detail };
    }
    default:
      return record satisfies never;
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Names of the URL's parts that hold a marker: "user info" and parameter names. */
function markedUrlParts(url: string, userInfoLabel: string): string[] {
  const names: string[] = [];
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\\]*)/i.exec(url)?.[1] ?? '';
  const at = authority.lastIndexOf('@');
  if (at !== -1 && hasRedactionMarker(authority.slice(0, at))) names.push(userInfoLabel);
  const afterPath = url.slice(url.search(/[?#]/) === -1 ? url.length : url.search(/[?#]/));
  for (const pair of afterPath.split(/[?#&]/)) {
    const eq = pair.indexOf('=');
    if (eq > 0 && hasRedactionMarker(pair.slice(eq + 1))) names.push(decoded(pair.slice(0, eq)));
  }
  return names;
}

/**
 * What a recorded or saved spec is missing because its secrets were not kept: header names,
 * URL parameter names, "URL user info" and "proxy user info", each once, in order. Empty when the
 * spec can be sent as it is.
 */
export function secretsNeedingValue(spec: RequestSpecInput): string[] {
  const names = [
    ...(spec.headers ?? []).filter(([, value]) => hasRedactionMarker(value)).map(([name]) => name),
    ...markedUrlParts(spec.url, 'URL user info'),
    ...(spec.proxy?.url ? markedUrlParts(spec.proxy.url, 'proxy user info') : []),
  ];
  return [...new Set(names)];
}
