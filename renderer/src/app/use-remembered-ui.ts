import { useEffect, useLayoutEffect } from 'react';
import { useInspectorStore, type InspectorState } from '../store/inspector-store.ts';
import { noFilters, saveRememberedUi } from '../store/remembered-ui.ts';

const selectedUrl = (state: InspectorState): string | null =>
  state.selectedConnectionId === null
    ? null
    : (state.connections[state.selectedConnectionId]?.url ?? null);

/**
 * Keeps the remembered state: writes it (coalesced, a pane drag moves many times a second)
 * when it changes, swaps in a connection URL's own timeline filters when another connection
 * is selected, and applies the theme choice to <html data-theme>.
 */
export function useRememberedUi(): void {
  const theme = useInspectorStore((state) => state.theme);

  useLayoutEffect(() => {
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const resolved = theme === 'system' ? (dark.matches ? 'dark' : 'light') : theme;
      document.documentElement.dataset['theme'] = resolved;
    };
    apply();
    if (theme !== 'system') return;
    dark.addEventListener('change', apply);
    return () => dark.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const save = () => {
      timer = null;
      const { panes, mainView, theme, filtersByUrl } = useInspectorStore.getState();
      saveRememberedUi(window.localStorage, { panes, mainView, theme, filtersByUrl });
    };
    const unsubscribe = useInspectorStore.subscribe((state, previous) => {
      const url = selectedUrl(state);
      if (url !== selectedUrl(previous)) {
        state.setFilters(url === null ? noFilters : (state.filtersByUrl[url] ?? noFilters));
      } else if (url !== null && state.filters !== previous.filters) {
        state.rememberFiltersFor(url, state.filters);
      }
      if (
        state.panes !== previous.panes ||
        state.mainView !== previous.mainView ||
        state.theme !== previous.theme ||
        state.filtersByUrl !== previous.filtersByUrl
      ) {
        timer ??= setTimeout(save, 250);
      }
    });
    const flush = () => {
      if (timer !== null) {
        clearTimeout(timer);
        save();
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
}
