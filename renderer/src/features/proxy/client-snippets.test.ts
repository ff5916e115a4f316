import { describe, expect, it } from 'vitest';
import { forwardEnvironment, forwardSnippets, reverseSnippets } from './client-snippets.ts';

describe('capture proxy instructions', () => {
  it('quotes a CA path with a space for the shell', () => {
    const line = forwardEnvironment(
      'http://127.0.0.1:8899',
      '/home/u/.config/SSE Inspector/proxy-ca/ca.pem',
    );
    expect(line).toBe(
      'HTTPS_PROXY=http://127.0.0.1:8899 HTTP_PROXY=http://127.0.0.1:8899 NODE_USE_ENV_PROXY=1 ' +
        "NODE_EXTRA_CA_CERTS='/home/u/.config/SSE Inspector/proxy-ca/ca.pem' " +
        "SSL_CERT_FILE='/home/u/.config/SSE Inspector/proxy-ca/ca.pem' " +
        "REQUESTS_CA_BUNDLE='/home/u/.config/SSE Inspector/proxy-ca/ca.pem'",
    );
  });

  it('gives curl the proxy and the CA', () => {
    const curl = forwardSnippets('http://127.0.0.1:1', '/ca.pem').find((s) => s.client === 'curl');
    expect(curl?.text).toBe(
      'curl -N -x http://127.0.0.1:1 --cacert /ca.pem https://example.com/stream',
    );
  });

  it('names the SDK setting for a known LLM API in reverse mode', () => {
    const openAi = reverseSnippets('http://127.0.0.1:2', 'https://api.openai.com');
    expect(openAi.map((s) => s.text)).toContain('OPENAI_BASE_URL=http://127.0.0.1:2/v1');
    // A target that already ends in /v1: the SDK must not add it a second time.
    const withV1 = reverseSnippets('http://127.0.0.1:2', 'https://api.openai.com/v1/');
    expect(withV1.map((s) => s.text)).toContain('OPENAI_BASE_URL=http://127.0.0.1:2');
    const other = reverseSnippets('http://127.0.0.1:2', 'https://feeds.example/api');
    expect(other.map((s) => s.client)).toEqual(['Any client', 'curl']);
  });
});
