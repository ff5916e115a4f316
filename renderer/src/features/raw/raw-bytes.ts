/** One visible line of a chunk in text mode: its first byte's stream offset and its text. */
export interface TextSegment {
  offset: number;
  length: number;
  text: string;
  /** How the line ended inside this chunk: shown as ␍, ↵ or ␍↵; '' when the chunk ends first. */
  lineEnd: '' | 'CR' | 'LF' | 'CRLF';
}

// ignoreBOM keeps a BOM in the output so the raw view can show it (the parser strips only the first).
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f\ufeff]/g, (ch) => {
    if (ch === '\t') return '→';
    if (ch === '\ufeff') return '[BOM]';
    if (ch === '\u007f') return '␡';
    return String.fromCharCode(0x2400 + ch.charCodeAt(0));
  });
}

/**
 * Splits a chunk's bytes at CR, LF and CRLF (as the SSE parser does), keeping each line's
 * offset so a click can be mapped back to the stream. Invalid UTF-8 shows as U+FFFD.
 */
export function textSegments(bytes: Uint8Array, baseOffset: number): TextSegment[] {
  const segments: TextSegment[] = [];
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte !== 0x0a && byte !== 0x0d) {
      i++;
      continue;
    }
    let lineEnd: TextSegment['lineEnd'] = byte === 0x0a ? 'LF' : 'CR';
    let next = i + 1;
    if (byte === 0x0d && bytes[next] === 0x0a) {
      lineEnd = 'CRLF';
      next++;
    }
    segments.push({
      offset: baseOffset + start,
      length: next - start,
      text: visible(decoder.decode(bytes.subarray(start, i))),
      lineEnd,
    });
    start = next;
    i = next;
  }
  if (start < bytes.length) {
    segments.push({
      offset: baseOffset + start,
      length: bytes.length - start,
      text: visible(decoder.decode(bytes.subarray(start))),
      lineEnd: '',
    });
  }
  return segments;
}

export interface HexRow {
  offset: number;
  bytes: number[];
  ascii: string;
}

/** Classic hex dump rows of 16 bytes, with stream offsets. */
export function hexRows(bytes: Uint8Array, baseOffset: number): HexRow[] {
  const rows: HexRow[] = [];
  for (let start = 0; start < bytes.length; start += 16) {
    const slice = Array.from(bytes.subarray(start, start + 16));
    rows.push({
      offset: baseOffset + start,
      bytes: slice,
      ascii: slice.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    });
  }
  return rows;
}

export function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether [aStart, aEnd) and [bStart, bEnd) share a byte. */
export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}
