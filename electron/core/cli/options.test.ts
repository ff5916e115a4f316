import { describe, expect, it } from 'vitest';
import {
  choiceOption,
  CliUsageError,
  noArguments,
  parseOptions,
  portOption,
  singleArgument,
  wholeNumberOption,
} from './options.ts';

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

describe('option values', () => {
  const none = parseOptions([], {});

  it('takes exactly one argument where a command wants one, saying what is missing', () => {
    expect(singleArgument(parseOptions(['a'], {}), 'a FILE is required')).toBe('a');
    expect(() => singleArgument(none, 'a FILE is required')).toThrow('a FILE is required');
    expect(() => singleArgument(parseOptions(['a', 'b'], {}), 'x', ' (quote it)')).toThrow(
      'unexpected argument "b" (quote it)',
    );
    expect(() => noArguments(parseOptions(['a'], {}))).toThrow('unexpected argument "a"');
  });

  it('reads whole numbers from a minimum up, refusing what JavaScript cannot hold exactly', () => {
    expect(wholeNumberOption(undefined, '--limit', 1)).toBeNull();
    expect(wholeNumberOption('0', '--gap-ms', 0)).toBe(0);
    for (const text of ['0', '-1', '1.5', ' 2', 'x', '9007199254740993']) {
      expect(() => wholeNumberOption(text, '--limit', 1)).toThrow(
        `--limit must be a whole number of at least 1, not "${text}"`,
      );
    }
  });

  it('reads a port from 0 to 65535 (0, any free port, when absent) and one of a few choices', () => {
    expect(portOption(undefined)).toBe(0);
    expect(portOption('8080')).toBe(8080);
    expect(() => portOption('65536')).toThrow('--port must be a number from 0 to 65535');
    expect(choiceOption(undefined, '--as', ['har', 'raw'])).toBeUndefined();
    expect(choiceOption('raw', '--as', ['har', 'raw'])).toBe('raw');
    expect(() => choiceOption('xml', '--as', ['har', 'raw'])).toThrow(
      '--as must be one of har, raw, not "xml"',
    );
  });
});
