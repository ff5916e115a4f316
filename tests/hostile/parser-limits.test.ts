// The parser alone against input shaped to defeat its bookkeeping: invalid UTF-8 by the megabyte
// and events of millions of lines. Regressions for memory found by the hostile-server tests.
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../shared/sse/parser.ts';
import type { SseOutput, SseWarningOutput } from '../../shared/sse/types.ts';
import { LiveMemoryProbe, MiB, mib, report } from './hostile-kit.ts';

function parse(chunks: Uint8Array[]): SseOutput[] {
  const outputs: SseOutput[] = [];
  const parser = new SseParser({ onOutput: (output) => outputs.push(output) });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return outputs;
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

describe('invalid UTF-8 in bulk', () => {
  it('keeps a line of invalid bytes to a count, reported once with its first offset', () => {
    const line = Buffer.concat([
      Buffer.from('data: '),
      Buffer.alloc(1000, 0xff),
      Buffer.from('\n\ndata: ok\n\n'),
    ]);
    const whole = parse([line]);
    for (const size of [1, 7, 64, 333]) expect(parse(split(line, size))).toEqual(whole);
    const warning = whole.find((o) => o.kind === 'warning') as SseWarningOutput;
    expect(warning).toMatchObject({
      code: 'invalid-utf8',
      offset: 6,
      message: '1000 invalid UTF-8 sequences in this line replaced by U+FFFD',
    });
    expect(
      whole.filter((o) => o.kind === 'event').map((o) => o.kind === 'event' && o.data),
    ).toEqual(['\uFFFD'.repeat(1000), 'ok']);
  });

  it('holds no per-byte state for a 64 MiB line of invalid bytes (was ~16 bytes of heap each)', () => {
    const probe = new LiveMemoryProbe();
    const parser = new SseParser();
    parser.push(Buffer.from('data: '));
    const chunk = new Uint8Array(64 * 1024).fill(0xff);
    for (let i = 0; i < 64 * 16; i++) {
      parser.push(chunk);
      if (i % 64 === 63) probe.checkpoint();
    }
    const summary = parser.end();
    const memory = probe.stop();
    report('parser: 64 MiB invalid line', { livePeak: mib(memory.peak) });
    expect(summary.warningCounts).toEqual({ 'line-too-long': 1, 'incomplete-event': 1 });
    expect(memory.peak).toBeLessThan(64 * MiB);
  }, 60_000);
});

describe('an event of millions of short data lines', () => {
  it('costs about the data kept, not a string object per line (was ~15 bytes per byte)', () => {
    const probe = new LiveMemoryProbe();
    let data = '';
    const parser = new SseParser({
      onOutput: (output) => {
        if (output.kind === 'event') data = output.data;
      },
    });
    const chunk = Buffer.from('data: xxxxxxxx\n'.repeat(4096));
    for (let i = 0; i < 4096; i++) {
      parser.push(chunk);
      if (i % 64 === 63) probe.checkpoint();
    }
    parser.push(Buffer.from('\n'));
    parser.end();
    const memory = probe.stop();
    report('parser: 16 Mi data lines in one event', { livePeak: mib(memory.peak) });
    // Lines are kept while the block stays within 16 MiB of line bytes: 14 bytes a line.
    const kept = Math.floor((16 * MiB) / 14);
    expect(data.length).toBe(kept * 9 - 1);
    expect(data.slice(0, 18)).toBe('xxxxxxxx\nxxxxxxxx\n');
    expect(memory.peak).toBeLessThan(96 * MiB);
  }, 60_000);

  it('joins grouped data lines exactly as the spec appends them', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const stream = Buffer.from(`${lines.map((l) => `data: ${l}\n`).join('')}\n`);
    for (const size of [stream.length, 1000, 13]) {
      const events = parse(split(stream, size)).filter((o) => o.kind === 'event');
      expect(events.map((e) => e.kind === 'event' && e.data)).toEqual([lines.join('\n')]);
    }
  });
});
