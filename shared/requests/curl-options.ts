/**
 * The curl options a pasted command may hold, by what we do with them. Long names are canonical;
 * short ones map to them. An option we do not know is assumed to take no value (curl's unknown
 * options are rare in pasted commands; the ones that take a value are listed below so their
 * value is not mistaken for the URL).
 */

/** Options that shape the request and take a value: each is read by curl-parse.ts. */
const requestValueOptions = [
  '--request',
  '--header',
  '--data',
  '--data-ascii',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--json',
  '--user',
  '--cookie',
  '--user-agent',
  '--referer',
  '--proxy',
  '--url',
  '--oauth2-bearer',
] as const;
/** Options that shape the request: those above and three flags. */
export type RequestOption =
  (typeof requestValueOptions)[number] | '--get' | '--insecure' | '--head';

/** Options about curl's output or behaviour that the inspector already does its own way. */
export const harmlessOptions = new Set([
  '--compressed', // responses are decoded whatever their Content-Encoding
  '--no-buffer', // events are shown as they arrive
  '--silent',
  '--show-error',
  '--include', // response headers are always recorded
  '--location', // redirects are followed hop by hop
  '--verbose',
  '--globoff', // we never expand URL globs
  '--basic', // -u is sent as Basic already
  '--no-progress-meter',
  '--progress-bar',
]);

export const shortOptions: Record<string, string> = {
  X: '--request',
  H: '--header',
  d: '--data',
  G: '--get',
  u: '--user',
  b: '--cookie',
  A: '--user-agent',
  e: '--referer',
  k: '--insecure',
  x: '--proxy',
  I: '--head',
  N: '--no-buffer',
  s: '--silent',
  S: '--show-error',
  i: '--include',
  L: '--location',
  v: '--verbose',
  g: '--globoff',
  '#': '--progress-bar',
  // Unsupported ones that take a value.
  o: '--output',
  O: '--remote-name',
  F: '--form',
  T: '--upload-file',
  m: '--max-time',
  w: '--write-out',
  c: '--cookie-jar',
  D: '--dump-header',
  E: '--cert',
  K: '--config',
  U: '--proxy-user',
  r: '--range',
  C: '--continue-at',
  y: '--speed-time',
  Y: '--speed-limit',
  z: '--time-cond',
  Q: '--quote',
  t: '--telnet-option',
  P: '--ftp-port',
};

/** Options that take a value (ours and the unsupported ones). */
export const valueOptions = new Set<string>([
  ...requestValueOptions,
  '--output',
  '--form',
  '--form-string',
  '--upload-file',
  '--max-time',
  '--connect-timeout',
  '--write-out',
  '--cookie-jar',
  '--dump-header',
  '--cert',
  '--cert-type',
  '--key',
  '--key-type',
  '--pass',
  '--cacert',
  '--capath',
  '--config',
  '--proxy-user',
  '--proxy-header',
  '--proxy-cacert',
  '--preproxy',
  '--noproxy',
  '--range',
  '--continue-at',
  '--speed-time',
  '--speed-limit',
  '--time-cond',
  '--quote',
  '--telnet-option',
  '--ftp-port',
  '--resolve',
  '--connect-to',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
  '--limit-rate',
  '--max-redirs',
  '--interface',
  '--local-port',
  '--url-query',
  '--aws-sigv4',
  '--variable',
  '--trace',
  '--trace-ascii',
  '--stderr',
  '--unix-socket',
  '--abstract-unix-socket',
  '--ciphers',
  '--tls-max',
  '--request-target',
  '--socks4',
  '--socks4a',
  '--socks5',
  '--socks5-hostname',
  '--dns-servers',
  '--expect100-timeout',
  '--keepalive-time',
  '--output-dir',
  '--netrc-file',
  '--pinnedpubkey',
]);

/** What the commonest options we do not do are for, said next to them in the notice. */
export const unsupportedReasons: Record<string, string> = {
  '--form': 'multipart form data',
  '--form-string': 'multipart form data',
  '--upload-file': 'uploading a file',
  '--output': 'saving to a file',
  '--remote-name': 'saving to a file',
  '--max-time': 'a limit on the whole transfer; there is an idle timeout under Options',
  '--connect-timeout': 'set the connect timeout under Options',
  '--cacert': 'a CA file; paste its PEM under Options',
  '--cert': 'client certificates',
  '--key': 'client certificates',
  '--cookie-jar': 'saving cookies',
  '--noproxy': 'choose "No proxy" under Options',
  '--retry': 'reconnects follow the reconnect policy',
  '--http1.1': 'choosing the HTTP version',
  '--http2': 'choosing the HTTP version',
  '--http3': 'choosing the HTTP version',
  '--digest': 'Digest authentication',
  '--ntlm': 'NTLM authentication',
  '--negotiate': 'Negotiate authentication',
  '--fail': 'curl exit codes',
  '--write-out': 'curl output formatting',
};
