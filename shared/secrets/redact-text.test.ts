import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  hasRedactionMarker,
  redactHeaderValue,
  redactText,
  redactUrl,
} from './redact-text.ts';

describe('redactUrl', () => {
  it('replaces secret query values, keeping everything else byte for byte', () => {
    expect(redactUrl('https://h.example/s?a=1&api_key=abc&b=%20&KEY=k#frag')).toBe(
      `https://h.example/s?a=1&api_key=${REDACTED}&b=%20&KEY=${REDACTED}#frag`,
    );
    expect(redactUrl('https://h.example/s?token&x=1&sig=')).toBe(
      'https://h.example/s?token&x=1&sig=',
    );
    expect(redactUrl('/v2/stream?access_token=xyz')).toBe(`/v2/stream?access_token=${REDACTED}`);
  });

  it('replaces the whole user info, with or without a password', () => {
    expect(redactUrl('https://u:p4ss@h.example/s')).toBe(`https://${REDACTED}@h.example/s`);
    expect(redactUrl('https://ghp_x1y2@github.example/r')).toBe(
      `https://${REDACTED}@github.example/r`,
    );
    expect(redactUrl('http://a@b@h.example:8080')).toBe(`http://${REDACTED}@h.example:8080`);
    // An @ after the authority is path, not user info.
    expect(redactUrl('https://h.example/users/@me')).toBe('https://h.example/users/@me');
  });

  it('replaces tokens in the fragment', () => {
    expect(redactUrl('https://h.example/cb#access_token=t0k&token_type=bearer&state=s')).toBe(
      `https://h.example/cb#access_token=${REDACTED}&token_type=${REDACTED}&state=s`,
    );
    expect(redactUrl('https://h.example/#/route?token=abc&tab=2')).toBe(
      `https://h.example/#/route?token=${REDACTED}&tab=2`,
    );
    expect(redactUrl('https://h.example/page#section-2')).toBe('https://h.example/page#section-2');
  });

  it('redacts a URL given as a parameter value', () => {
    const target = encodeURIComponent('ftp://u:pw@files.example/?token=t1&x=1');
    const redacted = redactUrl(`https://h.example/go?to=${target}&page=2`);
    expect(decodeURIComponent(redacted)).toBe(
      `https://h.example/go?to=ftp://${REDACTED}@files.example/?token=${REDACTED}&x=1&page=2`,
    );
    expect(redacted).not.toMatch(/pw|t1/);
    expect(redactUrl('https://h.example/cb?next=https%3A%2F%2Fapp.example%2F')).toBe(
      'https://h.example/cb?next=https%3A%2F%2Fapp.example%2F',
    );
  });

  it('is idempotent', () => {
    const once = redactUrl('https://u:p@h.example/?key=1#access_token=2');
    expect(redactUrl(once)).toBe(once);
  });
});

describe('redactHeaderValue', () => {
  it('keeps the authorization scheme, not the credential', () => {
    expect(redactHeaderValue('Authorization', 'Bearer sk-123')).toBe(`Bearer ${REDACTED}`);
    expect(redactHeaderValue('proxy-authorization', 'Basic dTpw')).toBe(`Basic ${REDACTED}`);
    expect(redactHeaderValue('Authorization', 'sk-123')).toBe(REDACTED);
    expect(redactHeaderValue('Authorization', 'sk-123 and-more')).toBe(REDACTED);
  });

  it('keeps cookie names and Set-Cookie attributes', () => {
    expect(redactHeaderValue('Cookie', 'sid=abc; theme=dark')).toBe(
      `sid=${REDACTED}; theme=${REDACTED}`,
    );
    expect(redactHeaderValue('Set-Cookie', 'sid=abc; Path=/; HttpOnly')).toBe(
      `sid=${REDACTED}; Path=/; HttpOnly`,
    );
  });

  it('replaces other secret headers whole and leaves the rest alone', () => {
    expect(redactHeaderValue('X-Upstream-Token', 'u-1')).toBe(REDACTED);
    expect(redactHeaderValue('Accept', 'text/event-stream')).toBe('text/event-stream');
    expect(redactHeaderValue('X-API-Key', '')).toBe('');
  });
});

describe('redactText', () => {
  it('redacts URLs inside messages, giving trailing punctuation back', () => {
    expect(redactText('302 redirect to an invalid URL: https://u:pw@h.test/x?token=abc.')).toBe(
      `302 redirect to an invalid URL: https://${REDACTED}@h.test/x?token=${REDACTED}.`,
    );
    expect(redactText('refused GET /?token=abc: 403 forbidden')).toBe(
      `refused GET /?token=${REDACTED}: 403 forbidden`,
    );
  });

  it('redacts credentials and secret name=value pairs', () => {
    expect(redactText('sent Authorization: Bearer sk-1 to the host')).toBe(
      `sent Authorization: Bearer ${REDACTED} to the host`,
    );
    expect(redactText('x-api-key: sk-2, api_key=sk-3 and page=2')).toBe(
      `x-api-key: ${REDACTED}, api_key=${REDACTED} and page=2`,
    );
    expect(redactText('connect ECONNREFUSED 127.0.0.1:8080')).toBe(
      'connect ECONNREFUSED 127.0.0.1:8080',
    );
  });

  it('leaves a file name that labels a message alone, but not a dotted name=value', () => {
    expect(redactText('secret.har: this HAR has no log.entries')).toBe(
      'secret.har: this HAR has no log.entries',
    );
    expect(redactText('tokens.json: damaged at line 3')).toBe('tokens.json: damaged at line 3');
    expect(redactText('client.token=abc')).toBe(`client.token=${REDACTED}`);
    expect(redactText('x-auth-token: abc')).toBe(`x-auth-token: ${REDACTED}`);
  });
});

describe('hasRedactionMarker', () => {
  it('finds the marker as written and as a URL parser encodes it', () => {
    expect(hasRedactionMarker(`Bearer ${REDACTED}`)).toBe(true);
    expect(hasRedactionMarker('https://%5BREDACTED%5D@h.test/')).toBe(true);
    expect(hasRedactionMarker('Bearer sk-1')).toBe(false);
  });
});
