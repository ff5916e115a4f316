/**
 * Takes the web host's access token out of the address bar once the page has read it, so it
 * does not linger in the history, a bookmark, a screenshot or a shared screen. The page URL
 * without `token` is kept (a reload is authenticated by the port-bound cookie the web host set
 * with this page). Returns the URL as it was, token included, for the WebSocket client.
 */
export function takePageToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'state' | 'replaceState'>,
): URL {
  const pageUrl = new URL(location.href);
  if (pageUrl.searchParams.has('token')) {
    const clean = new URL(pageUrl);
    clean.searchParams.delete('token');
    history.replaceState(history.state, '', `${clean.pathname}${clean.search}${clean.hash}`);
  }
  return pageUrl;
}
