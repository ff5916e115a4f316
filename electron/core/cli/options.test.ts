import { describe, expect, it } from 'vitest';
import { CliUsageError, parseOptions } from './options.ts';

describe('parseOptions', () => {
  const spec = {
    '-X': 'value',
    '-H': 'repeatable',
    '--lenient': 'flag',
    '--port': 'value',
  } as const;

  it('reads values, repeatable options, flags and positionals', () => {
    const parsed = parseOptions(
      ['http://x/', '-X', 'POST', '-H', 'A: 1', '-H', 'B: 2', '--lenient', '--port=80'],
      spec,
    );
    expect(parsed.positional).toEqual(['http://x/']);
    expect(parsed.values.get('-X')).toBe('POST');
    expect(parsed.values.get('--port')).toBe('80');
    expect(parsed.repeated.get('-H')).toEqual(['A: 1', 'B: 2']);
    expect(parsed.flags.has('--lenient')).toBe(true);
  });

  it('treats everything after -- as positional', () => {
    expect(parseOptions(['--', '--lenient'], spec).positional).toEqual(['--lenient']);
  });

  it('rejects unknown options and missing values', () => {
    expect(() => parseOptions(['--nope'], spec)).toThrow(CliUsageError);
    expect(() => parseOptions(['-X'], spec)).toThrow('option "-X" needs a value');
    expect(() => parseOptions(['--lenient=yes'], spec)).toThrow('takes no value');
  });
});
