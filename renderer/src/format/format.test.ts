import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDelta,
  typeHue,
  visibleControls,
} from './format.ts';

describe('formatCount', () => {
  it("groups digits as the user's locale does, like toLocaleString", () => {
    for (const count of [0, 999, 1234, 500_000, 1_234_567]) {
      expect(formatCount(count)).toBe(count.toLocaleString());
    }
  });
});

describe('formatBytes', () => {
  it('counts bytes below 1 KB exactly', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('uses binary units with one decimal, two for gigabytes', () => {
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(1.25 * 1024 * 1024 * 1024)).toBe('1.25 GB');
  });
});

describe('formatClock', () => {
  it('shows the local time of day with milliseconds, zero-padded', () => {
    expect(formatClock(new Date(2024, 0, 2, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
    expect(formatClock(new Date(2024, 11, 31, 23, 59, 59, 999).getTime())).toBe('23:59:59.999');
  });
});

describe('formatDelta', () => {
  it('keeps a decimal below a millisecond', () => {
    expect(formatDelta(0)).toBe('0.0 ms');
    expect(formatDelta(0.44)).toBe('0.4 ms');
  });

  it('rounds to whole milliseconds below a second', () => {
    expect(formatDelta(12.4)).toBe('12 ms');
    expect(formatDelta(999.4)).toBe('999 ms');
  });

  it('shows seconds with two decimals below a minute, then minutes and seconds', () => {
    expect(formatDelta(1520)).toBe('1.52 s');
    expect(formatDelta(185_000)).toBe('3 m 5 s');
  });
});

describe('typeHue', () => {
  it('gives every event type the same hue on every run', () => {
    expect(typeHue('message')).toBe(244);
    expect(typeHue('ping')).toBe(177);
    expect(typeHue('')).toBe(61);
  });

  it('stays on the colour wheel', () => {
    for (const type of ['a', 'update', 'content_block_delta', 'ü☕', 'x'.repeat(500)]) {
      const hue = typeHue(type);
      expect(Number.isInteger(hue)).toBe(true);
      expect(hue).toBeGreaterThanOrEqual(0);
      expect(hue).toBeLessThan(360);
    }
  });
});

describe('visibleControls', () => {
  it('draws line ends, tabs and NUL as pictures', () => {
    expect(visibleControls('a\r\nb\tc\0')).toBe('a␍↵b→c␀');
  });

  it('maps other control characters to their Unicode control pictures', () => {
    expect(visibleControls('\u0001\u001b\u007f')).toBe('␁␛␡');
  });

  it('leaves printable text alone', () => {
    expect(visibleControls('café ☕ <b>')).toBe('café ☕ <b>');
  });
});
