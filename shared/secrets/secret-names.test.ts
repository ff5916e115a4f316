import { describe, expect, it } from 'vitest';
import { isSecretHeader, isSecretQueryParam } from './secret-names.ts';

describe('what counts as a secret header', () => {
  it.each([
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'Set-Cookie',
    'X-API-Key',
    'api-key',
    'x-goog-api-key',
    'anthropic-api-key',
    'X-Upstream-Token',
    'X-Auth-Token',
    'X-Upstream-AuthToken',
    'X-Client-Secret',
    'X-Db-Password',
    'Ocp-Apim-Subscription-Key',
    'x-functions-key',
    'x-amz-security-token',
    'X-Hub-Signature-256',
    'Mcp-Session-Id',
    'x-csrftoken',
  ])('%s is a secret', (name) => expect(isSecretHeader(name)).toBe(true));

  it.each([
    'Accept',
    'Accept-Encoding',
    'Keep-Alive',
    'Content-Type',
    'Cache-Control',
    'Last-Event-ID',
    'User-Agent',
    'X-Error-Code',
    'WWW-Authenticate',
    'Content-Security-Policy',
    'Transfer-Encoding',
    'Access-Control-Allow-Credentials',
    'Access-Control-Allow-Headers',
  ])('%s is not', (name) => expect(isSecretHeader(name)).toBe(false));
});

describe('what counts as a secret URL parameter', () => {
  it.each([
    'api_key',
    'API_KEY',
    'key',
    'Key',
    'token',
    'access_token',
    'refresh_token',
    'sig',
    'signature',
    'password',
    'X-Amz-Signature',
    'code',
    'apiKey',
    'client_secret',
  ])('%s is a secret', (name) => expect(isSecretQueryParam(name)).toBe(true));

  it.each(['channel', 'limit', 'keyword', 'monkey', 'since', 'page'])('%s is not', (name) =>
    expect(isSecretQueryParam(name)).toBe(false),
  );
});
