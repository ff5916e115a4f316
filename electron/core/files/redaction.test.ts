import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture/records.ts';
import { parseRequestSpec } from '../../../shared/capture/request-spec.ts';
import { REDACTED } from '../../../shared/session-format.ts';
import { everyKindOfRecord } from '../workspace/test-fixtures.ts';
import { exportToText, storeSession, tempWorkspace, type TempWorkspace } from './files-test-kit.ts';
import { importSessionFile } from './import-session.ts';
import { isSecretHeader, isSecretQueryParam, redactUrl } from './redaction.ts';

describe('what counts as a secret', () => {
  it.each([
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'Set-Cookie',
    'X-API-Key',
    'api-key',
    'x-goog-api-key',
    'X-Auth-Token',
    'X-Upstream-AuthToken',
    'X-Client-Secret',
    'x-amz-security-token',
    'X-Hub-Signature-256',
    'Mcp-Session-Id',
    'x-csrftoken',
  ])('redacts the header %s', (name) => expect(isSecretHeader(name)).toBe(true));

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
  ])('keeps the header %s', (name) => expect(isSecretHeader(name)).toBe(false));

  it.each(['api_key', 'key', 'token', 'access_token', 'sig', 'X-Amz-Signature', 'code', 'apiKey'])(
    'redacts the query parameter %s',
    (name) => expect(isSecretQueryParam(name)).toBe(true),
  );

  it.each(['channel', 'limit', 'keyword', 'monkey', 'since', 'page'])(
    'keeps the query parameter %s',
    (name) => expect(isSecretQueryParam(name)).toBe(false),
  );

  it('redacts URLs as text, keeping everything else byte for byte', () => {
    expect(redactUrl('https://u:p4ss@h.example/s?a=1&api_key=abc&b=%20#frag')).toBe(
      `https://u:${REDACTED}@h.example/s?a=1&api_key=${REDACTED}&b=%20#frag`,
    );
    expect(redactUrl('https://h.example/s?token&x=1')).toBe('https://h.example/s?token&x=1');
    expect(redactUrl('/v2/stream?access_token=xyz')).toBe(`/v2/stream?access_token=${REDACTED}`);
    expect(redactUrl('https://user@h.example/')).toBe('https://user@h.example/');
  });
});

describe('exports redact secrets unless asked to keep them', () => {
  let temp: TempWorkspace;
  let id: number;
  const secret = 'sk-secret-123';
  beforeEach(() => {
    temp = tempWorkspace();
    const url = `https://api.example.com/stream?key=${secret}&channel=ops`;
    const records: CaptureRecord[] = everyKindOfRecord().map((record) => {
      if (record.kind === 'attempt') {
        return {
          ...record,
          request: {
            ...record.request,
            url,
            headers: [
              ['Authorization', `Bearer ${secret}`],
              ['Accept-Encoding', 'identity'],
            ],
          },
        };
      }
      if (record.kind === 'response') {
        return { ...record, url, headers: [...record.headers, ['Set-Cookie', `sid=${secret}`]] };
      }
      if (record.kind === 'redirect') {
        return { ...record, from: url, headers: [['Location', `/v2?token=${secret}`]] };
      }
      return record;
    });
    id = storeSession(
      temp.workspace,
      {
        spec: parseRequestSpec({
          url,
          headers: [
            ['Authorization', `Bearer ${secret}`],
            ['X-API-Key', secret],
            ['Accept', 'text/event-stream'],
          ],
          proxy: { mode: 'url', url: `http://me:${secret}@proxy.example:8080` },
          body: '{"prompt":"hi"}',
        }),
        startedAt: 1_700_000_000_000,
        origin: 'live',
      },
      records,
    );
  });
  afterEach(() => temp.cleanup());

  it.each(['json', 'har', 'ndjson', 'raw'] as const)('%s: no secret by default', async (format) => {
    const text = await exportToText(temp.workspace, id, { format });
    expect(text).not.toContain(secret);
    if (format === 'json' || format === 'har') {
      expect(text).toContain(REDACTED);
      expect(text).toContain('identity'); // Accept-Encoding is not a secret
      expect(text).toContain('channel=ops');
      expect(text).toContain('{\\"prompt\\":\\"hi\\"}'); // bodies are kept
    }
  });

  it.each(['json', 'har'] as const)('%s: --keep-secrets keeps them', async (format) => {
    const text = await exportToText(temp.workspace, id, { format, keepSecrets: true });
    expect(text).toContain(`Bearer ${secret}`);
    expect(text).toContain(`key=${secret}`);
    expect(text).not.toContain(REDACTED);
  });

  it('marks the native file as redacted', async () => {
    const redacted = JSON.parse(await exportToText(temp.workspace, id, { format: 'json' }));
    expect(redacted.redacted).toBe(true);
    expect(redacted.session.spec.headers).toEqual([
      ['Authorization', REDACTED],
      ['X-API-Key', REDACTED],
      ['Accept', 'text/event-stream'],
    ]);
    expect(redacted.session.spec.proxy.url).toBe(`http://me:${REDACTED}@proxy.example:8080`);
    const kept = JSON.parse(
      await exportToText(temp.workspace, id, { format: 'json', keepSecrets: true }),
    );
    expect(kept.redacted).toBe(false);
  });

  it('imports a redacted file (redacted URLs are still valid URLs)', async () => {
    const path = join(temp.dir, 'redacted.ssesession.json');
    writeFileSync(path, await exportToText(temp.workspace, id, { format: 'json' }));
    const result = await importSessionFile(temp.workspace, path);
    const session = temp.workspace.getSession(result.sessions[0]!.sessionId)!;
    expect(session.url).toBe(`https://api.example.com/stream?key=${REDACTED}&channel=ops`);
    expect(session.attemptDetails[0]!.request!.headers[0]).toEqual(['Authorization', REDACTED]);
  });
});
