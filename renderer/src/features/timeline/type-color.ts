/** A stable colour per event type, so the same type always looks the same across sessions. */
export function typeHue(type: string): number {
  let hash = 2166136261;
  for (let i = 0; i < type.length; i++) {
    hash ^= type.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % 360;
}
