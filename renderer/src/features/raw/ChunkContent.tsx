import { memo, useMemo, useState } from 'react';
import { hex, hexRows, overlaps, textSegments } from './raw-bytes.ts';
import { formatCount } from '../../format/format.ts';

export interface ByteRange {
  start: number;
  end: number;
}

// A chunk shows its first 4 KiB (a few hundred lines) until expanded: a fast stream's chunks run to
// 64 KiB, and laying out all of their lines at once would freeze the window.
export const textLimit = 4 * 1024;
export const hexLimit = 2 * 1024;
const lineEndMarks = { '': '', CR: '␍', LF: '↵', CRLF: '␍↵' } as const;

interface ChunkContentProps {
  bytes: Uint8Array;
  offset: number;
  mode: 'text' | 'hex';
  highlight: ByteRange | null;
  onSelectOffset: (offset: number) => void;
}

/** One chunk's bytes as text lines or a hex dump; big chunks show their start until expanded. */
export const ChunkContent = memo(function ChunkContent({
  bytes,
  offset,
  mode,
  highlight,
  onSelectOffset,
}: ChunkContentProps) {
  const [expanded, setExpanded] = useState(false);
  const limit = mode === 'text' ? textLimit : hexLimit;
  const shown = useMemo(
    () => (expanded ? bytes : bytes.subarray(0, limit)),
    [bytes, expanded, limit],
  );
  const segments = useMemo(
    () => (mode === 'text' ? textSegments(shown, offset) : []),
    [mode, shown, offset],
  );
  const hidden = bytes.length - shown.length;
  const isHighlighted = (start: number, length: number) =>
    highlight !== null && overlaps(start, start + length, highlight.start, highlight.end);

  return (
    <div className={`raw-content raw-${mode}`}>
      {mode === 'text'
        ? segments.map((segment) => (
            <div
              key={segment.offset}
              className={`raw-line${isHighlighted(segment.offset, segment.length) ? ' highlighted' : ''}`}
              data-offset={segment.offset}
              onClick={() => onSelectOffset(segment.offset)}
            >
              {segment.text}
              <span className="line-end">{lineEndMarks[segment.lineEnd]}</span>
            </div>
          ))
        : hexRows(shown, offset).map((row) => (
            <div key={row.offset} className="hex-row">
              <span className="hex-offset">{row.offset.toString(16).padStart(8, '0')}</span>
              <span className="hex-bytes">
                {row.bytes.map((byte, i) => (
                  <span
                    key={i}
                    className={isHighlighted(row.offset + i, 1) ? 'highlighted' : undefined}
                    onClick={() => onSelectOffset(row.offset + i)}
                  >
                    {hex(byte)}
                  </span>
                ))}
              </span>
              <span className="hex-ascii">{row.ascii}</span>
            </div>
          ))}
      {hidden > 0 && (
        <button type="button" className="link-button" onClick={() => setExpanded(true)}>
          Show {formatCount(hidden)} more bytes
        </button>
      )}
    </div>
  );
});
