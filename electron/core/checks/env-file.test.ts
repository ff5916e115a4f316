import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envVariables, readEnvFile } from './env-file.ts';

const requestFixture = (name: string): string =>
  fileURLToPath(new URL(`../../../shared/requests/fixtures/${name}`, import.meta.url));

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

  it('reads a file: a Postman or Insomnia export by its importer, a plain object, with a BOM', () => {
    const insomnia = readEnvFile(requestFixture('insomnia-export.json'));
    expect(insomnia.name).toBe('Production');
    expect(insomnia.variables.get('token')).toBe('prod-token-abc');
    expect(readEnvFile(requestFixture('staging.postman_environment.json')).name).not.toBeNull();

    const folder = mkdtempSync(join(tmpdir(), 'env-file-'));
    const plain = join(folder, 'plain.json');
    writeFileSync(plain, '\uFEFF{"base":"http://x"}');
    expect(readEnvFile(plain)).toEqual({ variables: new Map([['base', 'http://x']]), name: null });
  });

  it('names the file in a usage error when it is missing or not JSON', () => {
    const folder = mkdtempSync(join(tmpdir(), 'env-file-'));
    expect(() => readEnvFile(join(folder, 'none.json'))).toThrow(/none\.json \(no such file\)$/);
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{"token": "s3cr3t"');
    expect(() => readEnvFile(broken)).toThrow(/^--env-file: .*broken\.json is not JSON/);
  });
});
