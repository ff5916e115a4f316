/**
 * Whether a link the renderer asked to open may go to the system browser: only plain http(s)
 * URLs, without embedded credentials — never file:, javascript:, custom app schemes or
 * anything a hostile stream could use to launch local programs.
 */
export function isSafeExternalUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.hostname !== '';
}
