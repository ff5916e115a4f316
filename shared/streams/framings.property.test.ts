import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOf, parseWith, recordsOf } from './stream-test-kit.ts';
import type { Framing } from './types.ts';

// For every framing: any split of the bytes into chunks gives the same records, ranges and
// warnings as the whole body in one push (chunk boundaries inside UTF-8 sequences included);
// and well-formed bodies give back exactly the values that were framed.

const RUNS = { numRuns: Number(process.env.SSE_PROPERTY_RUNS ?? 150) };
const decoder = new TextDecoder();
const jsonFramings: Framing[] = ['ndjson', 'json-seq', 'json-array'];

const values = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 });
const cuts = (length: number) => fc.array(fc.nat({ max: Math.max(0, length) }), { maxLength: 12 });

function frame(framing: Framing, texts: string[], crlf: boolean): string {
  switch (framing) {
    case 'ndjson':
      return texts.map((t) => `${t}${crlf ? '\r\n' : '\n'}`).join('');
    case 'json-seq':
      return texts.map((t) => `\x1e${t}\n`).join('');
    default:
      return `[${texts.join(crlf ? ',\r\n' : ',')}]`;
  }
}

/** Bodies built from JSON-ish pieces and noise, so both valid and broken shapes occur. */
const hostileBody = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', ']', '{', '}', ',', '"', '\\', '\n', '\r\n', '\x1e', ' ', 'é', '😀'),
      fc.json({ maxDepth: 2 }),
      fc.uint8Array({ maxLength: 6 }).map((b) => decoder.decode(b)),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe.each(jsonFramings)('%s framing', (framing) => {
  it('gives back the framed values, each with a range that holds its text', () => {
    fc.assert(
      fc.property(values, fc.boolean(), fc.integer({ min: 0, max: 1000 }), (list, crlf, seed) => {
        const texts = list.map((v) => JSON.stringify(v));
        const body = bytesOf(frame(framing, texts, crlf));
        const { outputs, summary } = parseWith(framing, body, [seed % (body.length + 1)]);
        expect(recordsOf(outputs)).toEqual(texts);
        expect(summary.warningCounts).toEqual({});
        for (const output of outputs) {
          if (output.kind !== 'event') continue;
          expect(decoder.decode(body.subarray(output.start, output.end))).toContain(output.data);
        }
      }),
      RUNS,
    );
  });

  it('gives the same outputs however the bytes are chunked (hostile bodies too)', () => {
    fc.assert(
      fc.property(
        hostileBody.chain((text) => {
          const body = bytesOf(text);
          return fc.tuple(fc.constant(body), cuts(body.length));
        }),
        ([body, chunkCuts]) => {
          const whole = parseWith(framing, body, [], { maxRecordBytes: 64 });
          const split = parseWith(framing, body, chunkCuts, { maxRecordBytes: 64 });
          expect(split).toEqual(whole);
        },
      ),
      RUNS,
    );
  });

  it('gives the same outputs when every byte is its own chunk', () => {
    fc.assert(
      fc.property(hostileBody, (text) => {
        const body = bytesOf(text);
        const everyByte = Array.from({ length: body.length }, (_, i) => i);
        expect(parseWith(framing, body, everyByte)).toEqual(parseWith(framing, body));
      }),
      RUNS,
    );
  });
});
