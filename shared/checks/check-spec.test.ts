import { describe, expect, it } from 'vitest';
import { CheckSpecError, parseCheckSpec, parseCheckSpecText } from './check-spec.ts';
import { parseSequencePattern, SequenceMatcher } from './sequence-matcher.ts';

const specError = (input: unknown): string => {
  try {
    parseCheckSpec(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckSpecError);
    return (error as Error).message;
  }
  throw new Error('the spec was accepted');
};

describe('check spec', () => {
  it('accepts the issue example', () => {
    const spec = parseCheckSpec({
      request: {
        url: 'http://x/',
        method: 'POST',
        headers: [['Authorization', 'Bearer {{apiKey}}']],
        body: '{}',
      },
      stop: { events: 50, seconds: 10 },
      expect: {
        status: 200,
        contentType: 'text/event-stream',
        events: { min: 10, max: 100 },
        types: ['start', 'delta', 'done'],
        sequence: ['start', 'delta+', 'done'],
        ids: 'increasing',
        maxGapMs: 2000,
        firstEventWithinMs: 1000,
        noWarnings: true,
        endsWith: { type: 'done' },
        schemas: { delta: './delta.schema.json' },
        resume: { dropAfter: 5 },
        llm: { format: 'openai-chat', finishReason: 'stop', maxTtftMs: 2000 },
      },
    });
    expect(spec.expect?.sequence).toEqual(['start', 'delta+', 'done']);
  });

  it('refuses unknown keys, naming them and where they are', () => {
    expect(specError({ expect: { maxGap: 5 } })).toBe('unknown key "maxGap" in expect');
    expect(specError({ expects: {} })).toBe('unknown key "expects"');
    expect(specError({ expect: { events: { minimum: 1 } } })).toBe(
      'unknown key "minimum" in expect.events',
    );
  });

  it('refuses a bad sequence pattern, naming the pattern', () => {
    expect(specError({ expect: { sequence: ['start', 'delta++'] } })).toBe(
      'expect.sequence.1: bad pattern "delta++": a step is an event type, optionally followed by ?, * or +',
    );
  });

  it('reads a spec saved with a BOM (as Windows editors write it)', () => {
    expect(parseCheckSpecText('\uFEFF{"expect":{"status":200}}').expect).toEqual({ status: 200 });
  });

  it('refuses event bounds no stream can meet', () => {
    expect(specError({ expect: { events: { min: 10, max: 5 } } })).toBe(
      'expect.events: min is above max: no stream can pass',
    );
    expect(parseCheckSpec({ expect: { events: { min: 5, max: 5 } } }).expect?.events).toEqual({
      min: 5,
      max: 5,
    });
  });

  it('refuses wrong values and bad JSON with one line', () => {
    expect(specError({ expect: { ids: 'sorted' } })).toMatch(/^expect\.ids: /);
    expect(() => parseCheckSpecText('{')).toThrow(/^not valid JSON/);
  });
});

describe('sequence matcher', () => {
  const matches = (pattern: string[], types: string[]) => {
    const matcher = new SequenceMatcher(parseSequencePattern(pattern));
    types.forEach((type, i) => matcher.push(type, i));
    const verdict = matcher.verdict();
    return verdict.state === 'matching' && verdict.complete;
  };

  it('matches x, x?, x*, x+ against the whole stream', () => {
    expect(matches(['a', 'b?', 'c*', 'd+'], ['a', 'd'])).toBe(true);
    expect(matches(['a', 'b?', 'c*', 'd+'], ['a', 'b', 'c', 'c', 'd', 'd'])).toBe(true);
    expect(matches(['a', 'b?', 'c*', 'd+'], ['a', 'b', 'b', 'd'])).toBe(false);
    expect(matches(['a', 'd+'], ['a'])).toBe(false);
    // Ambiguous steps: the NFA keeps every position, no backtracking.
    expect(matches(['x*', 'x', 'y'], ['x', 'x', 'x', 'y'])).toBe(true);
    expect(matches([], [])).toBe(true);
    expect(matches(['a'], ['a', 'a'])).toBe(false);
  });
});
