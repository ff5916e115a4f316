/**
 * How numbers, times and names look on screen, the same in every view: one module so a byte
 * count or a duration never reads differently in the timeline, the sidebar and the lenses.
 */

const countFormat = new Intl.NumberFormat();

/**
 * A count with the user's digit grouping: 12,345. One formatter for the app: `toLocaleString()`
 * builds a new one on every call, which costs ~40× more and runs on every frame of a live stream.
 */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** A byte count with a binary unit: 512 B, 1.5 KB, 2.0 MB, 1.25 GB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Wall-clock time of day with milliseconds, in the user's time zone. */
export function formatClock(wall: number): string {
  const date = new Date(wall);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A time difference in ms, compact: 0.4 ms, 12 ms, 1.52 s, 3 m 5 s. */
export function formatDelta(ms: number): string {
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} m ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A stable colour per event type, so the same type always looks the same across sessions. */
export function typeHue(type: string): number {
  let hash = 2166136261;
  for (let i = 0; i < type.length; i++) {
    hash ^= type.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % 360;
}

const controlPictures: Record<string, string> = { '\n': '↵', '\r': '␍', '\t': '→', '\0': '␀' };

/** Line ends and control characters made visible, so a one-line preview never lies. */
export function visibleControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => {
    return (
      controlPictures[ch] ??
      String.fromCharCode(0x2400 + (ch === '\u007f' ? 0x21 : ch.charCodeAt(0)))
    );
  });
}
