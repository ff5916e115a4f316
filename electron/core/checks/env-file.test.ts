import { describe, expect, it } from 'vitest';
import { envVariables } from './env-file.ts';

describe('env files', () => {
  it('reads a plain object, numbers and booleans as text', () => {
    expect([...envVariables({ base: 'http://x', port: 8080, debug: true }, 'e.json')]).toEqual([
      ['base', 'http://x'],
      ['port', '8080'],
      ['debug', 'true'],
    ]);
  });

  it('reads a Postman environment, leaving disabled entries out', () => {
    const postman = {
      name: 'dev',
      values: [
        { key: 'apiKey', value: 'k1', enabled: true },
        { key: 'old', value: 'x', enabled: false },
        { key: 'empty' },
      ],
    };
    expect([...envVariables(postman, 'p.json')]).toEqual([
      ['apiKey', 'k1'],
      ['empty', ''],
    ]);
  });

  it('refuses other shapes without quoting values', () => {
    expect(() => envVariables([], 'a.json')).toThrow('--env-file: a.json is not a JSON object');
    expect(() => envVariables({ '1x': 'v' }, 'b.json')).toThrow('bad variable name "1x"');
    expect(() => envVariables({ key: { secret: 's3cr3t' } }, 'c.json')).toThrow(
      /^--env-file: c\.json: "key" is not text, a number or a boolean$/,
    );
  });
});
