import { describe, expect, it } from 'vitest';
import { hexRows, overlaps, textSegments } from './raw-bytes.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('raw view bytes', () => {
  it('splits at LF, CR and CRLF and keeps stream offsets', () => {
    expect(textSegments(bytes('data: a\r\nid: 1\rx\n\n'), 100)).toEqual([
      { offset: 100, length: 9, text: 'data: a', lineEnd: 'CRLF' },
      { offset: 109, length: 6, text: 'id: 1', lineEnd: 'CR' },
      { offset: 115, length: 2, text: 'x', lineEnd: 'LF' },
      { offset: 117, length: 1, text: '', lineEnd: 'LF' },
    ]);
  });

  it('shows a line cut by the chunk end without a line end', () => {
    expect(textSegments(bytes('data: par'), 0)).toEqual([
      { offset: 0, length: 9, text: 'data: par', lineEnd: '' },
    ]);
  });

  it('makes control characters, tabs and a BOM visible', () => {
    const [segment] = textSegments(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x09, 0x00, 0x1b]), 0);
    expect(segment?.text).toBe('[BOM]a→␀␛');
  });

  it('shows invalid UTF-8 as U+FFFD', () => {
    expect(textSegments(new Uint8Array([0x61, 0xff, 0x62]), 0)[0]?.text).toBe('a\ufffdb');
  });

  it('dumps hex rows of 16 bytes with ASCII', () => {
    const rows = hexRows(bytes('0123456789abcdef\n'), 32);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ offset: 48, bytes: [10], ascii: '.' });
  });

  it('detects overlapping byte ranges', () => {
    expect(overlaps(0, 10, 9, 20)).toBe(true);
    expect(overlaps(0, 10, 10, 20)).toBe(false);
  });
});
