import { describe, expect, it, vi } from 'vitest';
import { firstBlockBoundary, lastBlockBoundary, skimBlocks } from './skim.ts';

const encoder = new TextEncoder();

/** `text`'s bytes placed `offset` bytes into a larger buffer, as a push is a view of a read. */
function bytesAt(text: string, offset: number): Uint8Array {
  const bytes = encoder.encode(text);
  const buffer = new Uint8Array(offset + bytes.length + 16).fill(0x41);
  buffer.set(bytes, offset);
  return buffer.subarray(offset, offset + bytes.length);
}

describe('skimBlocks', () => {
  it('counts the blocks with data and keeps the last id value', () => {
    const text = 'id: 1\nevent: delta\ndata: {"a":1}\n\n: keep-alive\n\nid:2\ndata: x\ndata: y\n\n';
    const bytes = bytesAt(text, 0);
    const result = skimBlocks(bytes, 0, bytes.length);
    expect(result).toMatchObject({ end: bytes.length, events: 2 });
    expect(text.slice(result.idStart, result.idEnd)).toBe('2');
  });

  it('a block without data dispatches nothing but its id still counts', () => {
    const bytes = bytesAt('data: a\n\nid: 9\nevent: x\n\n', 0);
    const result = skimBlocks(bytes, 0, bytes.length);
    expect(result.events).toBe(1);
    expect(new TextDecoder().decode(bytes.subarray(result.idStart, result.idEnd))).toBe('9');
  });

  it.each([
    ['retry: 10', 'a field with side effects'],
    ['foo: bar', 'an unknown field'],
    ['data', 'a name without its colon'],
    ['Data: x', 'a name in another case'],
    ['\uFEFFdata: x', 'a byte order mark'],
    ['ida: 1', 'a near miss of id'],
    ['even: 1', 'a near miss of event'],
  ])('stops at the block of %j (%s), committing the blocks before', (line) => {
    const text = `data: a\n\nid: 1\ndata: b\n\nid: 2\n${line}\n\ndata: c\n\n`;
    const bytes = bytesAt(text, 0);
    const stop = text.indexOf('id: 2');
    const result = skimBlocks(bytes, 0, bytes.length);
    expect(result).toMatchObject({ end: stop, events: 2 });
    expect(text.slice(result.idStart, result.idEnd)).toBe('1');
  });

  // Every alignment of the view and every position of the byte in its four-byte words.
  const lines: [string, string, boolean][] = [
    ['LF', '\n', false],
    ['CR', '\r', false],
    ['U+0000', '\0', false],
    ['tab', '\t', true],
    ['vertical tab', '\v', true],
    ['form feed', '\f', true],
    ['é', 'é', true],
    ['🚀', '🚀', true],
  ];
  it.each(lines)('finds a line end past a %s anywhere in a long line', (_name, special, skims) => {
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length < 48; length++) {
        const line = `data: ${'x'.repeat(length)}${special}${'y'.repeat(9)}`;
        const text = `data: a\n\n${line}\n\nid: 42\n\n`;
        const bytes = bytesAt(text, offset);
        const result = skimBlocks(bytes, 0, bytes.length);
        const where = `offset ${offset}, length ${length}`;
        if (skims) {
          expect(result, where).toMatchObject({ end: bytes.length, events: 2 });
          expect(result.idEnd - result.idStart, where).toBe(2);
        } else {
          expect(result, where).toMatchObject({ end: 9, events: 1, idStart: -1 });
        }
      }
    }
  });
});

describe('block boundaries', () => {
  it('finds the first and the last blank line', () => {
    const bytes = bytesAt('data: a\n\ndata: b\n\ndata: c', 0);
    expect(firstBlockBoundary(bytes)).toBe(9);
    expect(lastBlockBoundary(bytes)).toBe(18);
    expect(firstBlockBoundary(bytesAt('data: a\ndata: b\n', 0))).toBe(-1);
    expect(lastBlockBoundary(bytesAt('\n', 0))).toBe(-1);
  });
});

describe('SseParser without a listener', () => {
  it('skims the blocks between a push’s first and last, and with a listener never', async () => {
    vi.resetModules();
    const skim = await import('./skim.ts');
    const calls: number[] = [];
    vi.doMock('./skim.ts', () => ({
      ...skim,
      skimBlocks: (bytes: Uint8Array, from: number, to: number) => {
        calls.push(to - from);
        return skim.skimBlocks(bytes, from, to);
      },
    }));
    const { SseParser } = await import('./parser.ts');
    const events = Array.from({ length: 50 }, (_, i) => `id: ${i}\ndata: ü ${i}\n\n`).join('');
    const quiet = new SseParser();
    quiet.push(encoder.encode(events));
    expect(quiet.end()).toMatchObject({ events: 50, lastEventId: '49' });
    expect(calls).toHaveLength(1);
    const seen: string[] = [];
    const listened = new SseParser({ onOutput: (o) => o.kind === 'event' && seen.push(o.data) });
    listened.push(encoder.encode(events));
    expect(listened.end()).toMatchObject({ events: 50, lastEventId: '49' });
    expect(seen).toHaveLength(50);
    expect(calls).toHaveLength(1);
    vi.doUnmock('./skim.ts');
  });
});
