import { describe, expect, it } from 'vitest';
import { toCurlCommand } from '../../../shared/capture/curl-command.ts';
import {
  draftSecretsNeedingValue,
  draftToSpec,
  emptyDraft,
  parseHeaderLines,
  specToDraft,
} from './request-draft.ts';

describe('request draft', () => {
  it('parses header lines in order, skipping blanks and # comments', () => {
    expect(parseHeaderLines('Authorization: Bearer x\n\n# note\nX-A:  1 ')).toEqual({
      ok: true,
      headers: [
        ['Authorization', 'Bearer x'],
        ['X-A', '1'],
      ],
    });
  });

  it('names the header line that is malformed', () => {
    expect(parseHeaderLines('Good: 1\nno colon here')).toEqual({
      ok: false,
      message: 'Header line 2 should look like "Name: value".',
    });
  });

  it('checks header names and values with the shared rules', () => {
    expect(parseHeaderLines('Good: 1\nBad Name: 2')).toEqual({
      ok: false,
      message: 'Header line 2: Header names may only use token characters.',
    });
    expect(parseHeaderLines(': no name')).toEqual({
      ok: false,
      message: 'Header line 1: A header needs a name.',
    });
    expect(parseHeaderLines('X-A: a\rb')).toEqual({
      ok: false,
      message: 'Header line 1: Header values may not contain CR, LF or NUL.',
    });
  });

  it('refuses a Last-Event-ID that would break the header line, against its field', () => {
    expect(draftToSpec({ ...emptyDraft, url: 'http://a/', lastEventId: '1\r2' })).toEqual({
      ok: false,
      field: 'lastEventId',
      message: 'A Last-Event-ID may not contain CR, LF or NUL.',
    });
  });

  it('reports a bad URL against the url field', () => {
    const result = draftToSpec({ ...emptyDraft, url: 'ftp://x' });
    expect(result).toMatchObject({ ok: false, field: 'url' });
  });

  it('builds a POST spec with body, headers, Last-Event-ID and timeouts', () => {
    const result = draftToSpec({
      ...emptyDraft,
      method: 'POST',
      url: 'http://127.0.0.1:9/v1/chat',
      headersText: 'Content-Type: application/json',
      body: '{"stream":true}',
      lastEventId: '42',
      idleTimeoutSeconds: '2.5',
      lenient: true,
    });
    expect(result).toEqual({
      ok: true,
      spec: {
        url: 'http://127.0.0.1:9/v1/chat',
        method: 'POST',
        headers: [['Content-Type', 'application/json']],
        body: '{"stream":true}',
        lastEventId: '42',
        tls: { insecure: false, caPem: null },
        proxy: { mode: 'env', url: null },
        connectTimeoutMs: 10_000,
        idleTimeoutMs: 2500,
        lenient: true,
      },
    });
  });

  it('asks for template placeholders to be filled in', () => {
    const result = draftToSpec({
      ...emptyDraft,
      url: 'https://api.example.com/v1/chat',
      headersText: 'Authorization: Bearer {{OPENAI_API_KEY}}',
    });
    expect(result).toEqual({
      ok: false,
      field: 'headers',
      message: 'Replace {{OPENAI_API_KEY}} with your OPENAI_API_KEY before connecting.',
    });
  });

  it('rejects a non-positive timeout', () => {
    expect(draftToSpec({ ...emptyDraft, url: 'http://a/', idleTimeoutSeconds: '0' })).toMatchObject(
      {
        ok: false,
        field: 'timeouts',
      },
    );
  });

  it('copies as a curl command that streams and quotes safely', () => {
    const command = toCurlCommand({
      url: 'http://127.0.0.1:9/x?a=1&b=2',
      method: 'POST',
      headers: [['X-Note', "it's"]],
      body: '{"q":1}',
    });
    expect(command).toBe(
      "curl -N -X POST -H 'Accept: text/event-stream' -H 'Cache-Control: no-cache' " +
        "-H 'X-Note: it'\\''s' --data-raw '{\"q\":1}' --compressed 'http://127.0.0.1:9/x?a=1&b=2'",
    );
  });

  it('turns a spec back into the same draft', () => {
    const draft = {
      ...emptyDraft,
      method: 'POST' as const,
      url: 'http://127.0.0.1:9/x',
      headersText: 'A: 1\nB: 2',
      body: '{}',
      lastEventId: '7',
      idleTimeoutSeconds: '2.5',
      lenient: true,
    };
    const result = draftToSpec(draft);
    expect(result.ok && specToDraft(result.spec)).toEqual(draft);
  });

  it('asks for the secrets a recorded or unsealed request lacks, where they go', () => {
    const recorded = specToDraft({
      url: 'https://[REDACTED]@api.example/v1?api_key=[REDACTED]&channel=ops',
      headers: [
        ['Authorization', 'Bearer [REDACTED]'],
        ['Accept-Language', 'en'],
      ],
    });
    expect(draftSecretsNeedingValue(recorded)).toEqual([
      'Authorization',
      'URL user info',
      'api_key',
    ]);
    expect(draftToSpec(recorded)).toEqual({
      ok: false,
      field: 'headers',
      message:
        'Enter Authorization, URL user info, api_key where it says [REDACTED]: secrets are not kept.',
    });
    const filled = {
      ...recorded,
      url: 'https://api.example/v1?api_key=k1&channel=ops',
      headersText: 'Authorization: Bearer sk-1\nAccept-Language: en',
    };
    expect(draftSecretsNeedingValue(filled)).toEqual([]);
    expect(draftToSpec(filled).ok).toBe(true);
  });
});
