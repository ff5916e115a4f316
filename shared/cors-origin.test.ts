import { describe, expect, it } from 'vitest';
import { checkCorsOrigin } from './cors-origin.ts';

describe('checkCorsOrigin', () => {
  it('takes * and http(s) origins, written as a browser sends them', () => {
    expect(checkCorsOrigin('*')).toEqual({ ok: true, origin: '*' });
    expect(checkCorsOrigin('http://localhost:3000')).toEqual({
      ok: true,
      origin: 'http://localhost:3000',
    });
    expect(checkCorsOrigin(' HTTPS://App.Example.com:443/ ')).toEqual({
      ok: true,
      origin: 'https://app.example.com',
    });
  });

  it('refuses what is not an origin, with a message saying what to give', () => {
    const refused = (text: string) => {
      const check = checkCorsOrigin(text);
      return check.ok ? null : check.message;
    };
    expect(refused('')).toBe('CORS needs an origin such as http://localhost:3000, or *.');
    expect(refused('localhost:3000')).toMatch(/not an http\(s\) origin/);
    expect(refused('not an origin')).toMatch(/is not an origin/);
    expect(refused('ftp://files.example')).toMatch(/not an http\(s\) origin/);
    expect(refused('null')).toMatch(/"null" origin cannot be allowed/);
    expect(refused('http://localhost:3000/app')).toBe(
      '"http://localhost:3000/app" is not an origin (scheme, host and port only); did you mean http://localhost:3000?',
    );
    expect(refused('http://user@localhost:3000')).toMatch(/did you mean http:\/\/localhost:3000/);
    expect(refused('*.example.com')).toMatch(/is not an origin/);
  });
});
