import { z } from 'zod';
import { mainViews, type MainView } from './app-slice.ts';
import { lifecycleKinds, type LifecycleKind } from './timeline-log.ts';
import type { TimelineFilters } from './timeline-view-slice.ts';

/**
 * What the window remembers between runs (localStorage, so the web host keeps it too): pane
 * sizes, the last main tab, the theme, and each connection URL's timeline filters. The key
 * carries a version: a future layout reads its own key and this one is simply ignored.
 */
export const rememberedUiKey = 'sse-inspector.ui.v1';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

/** Bounds of each resizable pane, in CSS pixels (the keyboard moves them by `step`). */
export const paneBounds = {
  sidebar: { min: 180, max: 520, initial: 250, step: 16 },
  side: { min: 300, max: 900, initial: 440, step: 16 },
  raw: { min: 100, max: 800, initial: 280, step: 16 },
} as const;
export type PaneName = keyof typeof paneBounds;
export type PaneSizes = Record<PaneName, number>;

/** How many connection URLs keep their filters (the oldest are forgotten first). */
export const rememberedFilterLimit = 50;

export interface RememberedUi {
  panes: PaneSizes;
  mainView: MainView;
  theme: ThemeChoice;
  filtersByUrl: Record<string, TimelineFilters>;
}

export const noFilters: TimelineFilters = {
  hiddenKinds: [],
  hiddenTypes: [],
  searchText: '',
  searchIsRegex: false,
};

export const defaultRememberedUi: RememberedUi = {
  panes: {
    sidebar: paneBounds.sidebar.initial,
    side: paneBounds.side.initial,
    raw: paneBounds.raw.initial,
  },
  mainView: 'timeline',
  theme: 'system',
  filtersByUrl: {},
};

export function clampPane(pane: PaneName, size: number): number {
  const { min, max } = paneBounds[pane];
  return Math.round(Math.min(max, Math.max(min, size)));
}

const paneSize = (pane: PaneName) =>
  z
    .number()
    .finite()
    .transform((size) => clampPane(pane, size))
    .catch(paneBounds[pane].initial);

const filtersSchema = z.object({
  // A kind this version no longer has is dropped, not a reason to forget the rest.
  hiddenKinds: z
    .array(z.string())
    .transform((kinds) =>
      kinds.filter((kind): kind is LifecycleKind => lifecycleKinds.includes(kind as LifecycleKind)),
    ),
  hiddenTypes: z.array(z.string()),
  searchText: z.string(),
  searchIsRegex: z.boolean(),
});

// Each part falls back on its own: a damaged filter entry does not cost the pane sizes.
const rememberedSchema = z.object({
  panes: z
    .object({ sidebar: paneSize('sidebar'), side: paneSize('side'), raw: paneSize('raw') })
    .catch(defaultRememberedUi.panes),
  mainView: z.enum(mainViews.map(([view]) => view) as [MainView, ...MainView[]]).catch('timeline'),
  theme: z.enum(themeChoices).catch('system'),
  filtersByUrl: z
    .record(z.string(), filtersSchema.optional().catch(undefined))
    .transform((entries) => {
      const kept: Record<string, TimelineFilters> = {};
      for (const [url, filters] of Object.entries(entries)) if (filters) kept[url] = filters;
      return kept;
    })
    .catch({}),
});

/** The remembered state, or the defaults for anything missing, damaged or unreadable. */
export function loadRememberedUi(storage: Pick<Storage, 'getItem'> | undefined): RememberedUi {
  let text: string | null = null;
  try {
    text = storage?.getItem(rememberedUiKey) ?? null;
  } catch {
    // Storage can be refused (privacy settings): run with the defaults.
  }
  if (text === null) return defaultRememberedUi;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return defaultRememberedUi;
  }
  const parsed = rememberedSchema.safeParse(value);
  return parsed.success ? parsed.data : defaultRememberedUi;
}

export function saveRememberedUi(
  storage: Pick<Storage, 'setItem'> | undefined,
  state: RememberedUi,
): void {
  try {
    storage?.setItem(rememberedUiKey, JSON.stringify(state));
  } catch {
    // A full or refused storage only costs remembering; the app works on.
  }
}

/** The filters remembered for a URL, newest last, at most `rememberedFilterLimit` URLs. */
export function rememberFilters(
  byUrl: Record<string, TimelineFilters>,
  url: string,
  filters: TimelineFilters,
): Record<string, TimelineFilters> {
  const rest = Object.entries(byUrl).filter(([other]) => other !== url);
  const isDefault =
    filters.hiddenKinds.length === 0 &&
    filters.hiddenTypes.length === 0 &&
    filters.searchText === '' &&
    !filters.searchIsRegex;
  const next = isDefault ? rest : [...rest, [url, filters] as const];
  return Object.fromEntries(next.slice(-rememberedFilterLimit));
}
