/** How one kind of client is pointed at the capture proxy. */
export interface ClientSnippet {
  client: string;
  /** A command line (or a setting) to copy. */
  text: string;
  /** What else the user must know for this client; null when the line says it all. */
  note: string | null;
}

/** Quotes a path for a POSIX shell when it needs it (the CA folder often has a space). */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The one line for a shell: proxy and CA for the common HTTP stacks at once. */
export function forwardEnvironment(proxyUrl: string, caPath: string): string {
  const ca = shellWord(caPath);
  return [
    `HTTPS_PROXY=${proxyUrl}`,
    `HTTP_PROXY=${proxyUrl}`,
    'NODE_USE_ENV_PROXY=1',
    `NODE_EXTRA_CA_CERTS=${ca}`,
    `SSL_CERT_FILE=${ca}`,
    `REQUESTS_CA_BUNDLE=${ca}`,
  ].join(' ');
}

/** Per-client instructions for forward mode (an HTTP proxy intercepting TLS with our CA). */
export function forwardSnippets(proxyUrl: string, caPath: string): ClientSnippet[] {
  const ca = shellWord(caPath);
  return [
    {
      client: 'Node.js (fetch, undici, the OpenAI and Anthropic SDKs)',
      text: `NODE_USE_ENV_PROXY=1 HTTPS_PROXY=${proxyUrl} NODE_EXTRA_CA_CERTS=${ca} node app.js`,
      note:
        'NODE_USE_ENV_PROXY makes Node 24 and later honour HTTPS_PROXY; older versions need ' +
        "undici's EnvHttpProxyAgent or the SDK's own proxy option.",
    },
    {
      client: 'Python (requests, httpx)',
      text: `HTTPS_PROXY=${proxyUrl} REQUESTS_CA_BUNDLE=${ca} SSL_CERT_FILE=${ca} python app.py`,
      note: 'requests reads REQUESTS_CA_BUNDLE, httpx SSL_CERT_FILE.',
    },
    {
      client: 'curl',
      text: `curl -N -x ${proxyUrl} --cacert ${ca} https://example.com/stream`,
      note: null,
    },
    {
      client: 'A browser (a separate Chromium profile)',
      text: `chromium --user-data-dir=/tmp/sse-inspector-profile --proxy-server=${proxyUrl}`,
      note:
        'Then import the CA file in that profile only: Settings ▸ Privacy and security ▸ Security ▸ ' +
        'Manage certificates ▸ Authorities ▸ Import, trusted for websites. Firefox: Settings ▸ ' +
        'Network Settings (manual proxy), and Certificates ▸ View Certificates ▸ Authorities ▸ Import.',
    },
  ];
}

/** Reverse mode: the client's base URL becomes the proxy's; the path after it is kept. */
export function reverseSnippets(proxyUrl: string, target: string): ClientSnippet[] {
  const base = new URL(target);
  const openAi = base.hostname === 'api.openai.com';
  const anthropic = base.hostname === 'api.anthropic.com';
  const snippets: ClientSnippet[] = [
    {
      client: 'Any client',
      text: proxyUrl,
      note: `Use this wherever your client takes ${target}: the path after it is kept.`,
    },
    { client: 'curl', text: `curl -N ${proxyUrl}/your/stream/path`, note: null },
  ];
  // The SDKs' own base URL is https://api.openai.com/v1; the proxy puts the target's path in
  // front of each request's, so the SDK keeps whatever part of /v1 the target does not hold.
  const basePath = base.pathname.replace(/\/+$/, '');
  if (openAi && (basePath === '' || basePath === '/v1')) {
    snippets.push({
      client: 'OpenAI SDKs',
      text: `OPENAI_BASE_URL=${proxyUrl}${basePath === '' ? '/v1' : ''}`,
      note: 'Or pass baseURL (Node) / base_url (Python) to the client.',
    });
  }
  if (anthropic && basePath === '') {
    snippets.push({
      client: 'Anthropic SDKs',
      text: `ANTHROPIC_BASE_URL=${proxyUrl}`,
      note: 'Or pass baseURL (Node) / base_url (Python) to the client.',
    });
  }
  return snippets;
}
