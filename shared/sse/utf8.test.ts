import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incompleteTailLength, Utf8Validator } from './utf8.ts';

// Bytes biased towards UTF-8 edge cases: leads, continuations, and the special ranges of
// E0/ED/F0/F4, plus ASCII.
const edgeByte = fc.constantFrom(
  0x41,
  0x0a,
  0x80,
  0x8f,
  0x90,
  0x9f,
  0xa0,
  0xbf,
  0xc0,
  0xc2,
  0xdf,
  0xe0,
  0xe1,
  0xed,
  0xef,
  0xf0,
  0xf1,
  0xf4,
  0xf5,
  0xff,
);
const edgeBytes = fc.array(edgeByte, { maxLength: 24 }).map((a) => Uint8Array.from(a));
const RUNS = { numRuns: 500 };

const countReplacements = (text: string): number => text.split('\uFFFD').length - 1;
const containsLiteralReplacement = (bytes: Uint8Array): boolean =>
  bytes.some((b, i) => b === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd);

describe('Utf8Validator', () => {
  it('reports one error per U+FFFD that TextDecoder produces (maximal subparts)', () => {
    fc.assert(
      fc.property(edgeBytes, fc.nat({ max: 24 }), (bytes, cut) => {
        fc.pre(!containsLiteralReplacement(bytes));
        const errors: number[] = [];
        const validator = new Utf8Validator();
        // Scanning in two pieces must equal scanning at once: state carries across calls.
        validator.scan(bytes.subarray(0, cut), 100, errors);
        validator.scan(bytes.subarray(cut), 100 + Math.min(cut, bytes.length), errors);
        validator.finish(errors);
        expect(errors.length).toBe(countReplacements(new TextDecoder().decode(bytes)));
        expect([...errors].sort((a, b) => a - b)).toEqual(errors);
      }),
      RUNS,
    );
  });

  it('points at the first byte of each invalid sequence', () => {
    const errors: number[] = [];
    const validator = new Utf8Validator();
    validator.scan(Uint8Array.from([0x41, 0xe2, 0x82, 0x41, 0xff, 0xf0, 0x9f]), 0, errors);
    validator.finish(errors);
    expect(errors).toEqual([1, 4, 5]);
  });
});

describe('incompleteTailLength', () => {
  it('holds back exactly what a streaming TextDecoder holds back', () => {
    fc.assert(
      fc.property(edgeBytes, edgeBytes, (first, second) => {
        const streaming = new TextDecoder('utf-8', { ignoreBOM: true });
        const plain = new TextDecoder('utf-8', { ignoreBOM: true });
        const firstTail = incompleteTailLength(new Uint8Array(0), first);
        expect(plain.decode(first.subarray(0, first.length - firstTail))).toBe(
          streaming.decode(first, { stream: true }),
        );
        const held = first.slice(first.length - firstTail);
        const joined = Uint8Array.from([...held, ...second]);
        const secondTail = incompleteTailLength(held, second);
        expect(plain.decode(joined.subarray(0, joined.length - secondTail))).toBe(
          streaming.decode(second, { stream: true }),
        );
      }),
      RUNS,
    );
  });

  it('keeps back a valid-so-far sequence and nothing else', () => {
    const none = new Uint8Array(0);
    expect(incompleteTailLength(none, Uint8Array.from([0x41, 0xf0, 0x9f, 0x98]))).toBe(3);
    expect(incompleteTailLength(none, Uint8Array.from([0x41, 0xe0, 0x80]))).toBe(0);
    expect(incompleteTailLength(Uint8Array.from([0xf0, 0x9f]), Uint8Array.from([0x98]))).toBe(3);
    expect(incompleteTailLength(none, Uint8Array.from([0xc3, 0xa9]))).toBe(0);
  });
});
