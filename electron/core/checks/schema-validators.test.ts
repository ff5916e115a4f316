import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckSpecError } from '../../../shared/checks/index.ts';
import { compileSchemaValidators } from './schema-validators.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sse-schemas-'));
  writeFileSync(join(dir, 'delta.json'), JSON.stringify({ required: ['text'] }));
  writeFileSync(join(dir, 'broken.json'), '{');
  writeFileSync(join(dir, 'bom.json'), `\uFEFF${JSON.stringify({ required: ['text'] })}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('schema validators', () => {
  it('compiles inline schemas and files relative to the spec, reporting the first error', () => {
    const validators = compileSchemaValidators(
      { delta: './delta.json', done: { type: 'object', properties: { n: { type: 'integer' } } } },
      dir,
    );
    expect(validators.get('delta')!({ text: 'x' })).toBeNull();
    expect(validators.get('delta')!({})).toBe("(root) must have required property 'text'");
    expect(validators.get('done')!({ n: 'one' })).toBe('/n must be integer');
  });

  it('reads a schema file saved with a BOM', () => {
    const validators = compileSchemaValidators({ delta: './bom.json' }, dir);
    expect(validators.get('delta')!({})).toBe("(root) must have required property 'text'");
  });

  it('uses the 2020-12 dialect when the schema says so', () => {
    const validators = compileSchemaValidators(
      {
        pair: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          type: 'array',
          prefixItems: [{ type: 'string' }, { type: 'number' }],
        },
      },
      dir,
    );
    expect(validators.get('pair')!(['a', 1])).toBeNull();
    expect(validators.get('pair')!([1, 'a'])).toBe('/0 must be string');
  });

  it('names the event type of an unreadable, non-JSON or invalid schema', () => {
    const error = (source: Parameters<typeof compileSchemaValidators>[0]) => {
      try {
        compileSchemaValidators(source, dir);
      } catch (caught) {
        expect(caught).toBeInstanceOf(CheckSpecError);
        return (caught as Error).message;
      }
      throw new Error('compiled');
    };
    expect(error({ a: './nope.json' })).toMatch(
      /^schemas\.a: cannot read .*nope\.json \(no such file\)$/,
    );
    expect(error({ b: './broken.json' })).toMatch(/^schemas\.b: .*broken\.json is not JSON/);
    expect(error({ c: { type: 'nonsense' } })).toMatch(/^schemas\.c: invalid schema/);
  });
});
