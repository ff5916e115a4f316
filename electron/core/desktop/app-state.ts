import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What the desktop shell remembers between runs (the renderer keeps its own view state). */
const appStateSchema = z.object({
  window: z
    .object({
      x: z.number().int(),
      y: z.number().int(),
      width: z.number().int().min(200),
      height: z.number().int().min(200),
      maximized: z.boolean(),
    })
    .nullable()
    .catch(null),
  /** Files opened, newest first. */
  recentFiles: z.array(z.string().max(4096)).max(20).catch([]),
  /** Check for updates on start (packaged builds only). */
  autoUpdate: z.boolean().catch(true),
});
export type AppState = z.infer<typeof appStateSchema>;
export type WindowBounds = NonNullable<AppState['window']>;

export const maxRecentFiles = 10;

const initial = (): AppState => ({ window: null, recentFiles: [], autoUpdate: true });

/**
 * A small JSON file in the app's data folder. A missing, damaged or foreign file gives the
 * defaults (a broken preferences file must never stop the app from starting); each field is
 * read on its own, so one bad field does not cost the others. Writes replace the file whole.
 */
export class AppStateStore {
  readonly #path: string;
  #state: AppState;

  constructor(path: string) {
    this.#path = path;
    this.#state = AppStateStore.#read(path);
  }

  static #read(path: string): AppState {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return initial();
    }
    const parsed = appStateSchema.safeParse(raw);
    return parsed.success ? parsed.data : initial();
  }

  get state(): AppState {
    return this.#state;
  }

  update(patch: Partial<AppState>): void {
    this.#state = { ...this.#state, ...patch };
    try {
      mkdirSync(dirname(this.#path), { recursive: true });
      const temporary = `${this.#path}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(this.#state, null, 2)}\n`);
      renameSync(temporary, this.#path);
    } catch {
      // Preferences are a convenience: a read-only folder keeps them for this run only.
    }
  }

  /** Puts a file first in the recent list (once), keeping the newest `maxRecentFiles`. */
  addRecentFile(path: string): string[] {
    const recentFiles = [path, ...this.#state.recentFiles.filter((p) => p !== path)].slice(
      0,
      maxRecentFiles,
    );
    this.update({ recentFiles });
    return recentFiles;
  }
}

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where to put a remembered window now: its bounds when at least a usable part of its title bar
 * is on one of today's displays (a monitor may have been unplugged), otherwise its size centred
 * on the first display, shrunk to fit.
 */
export function placeWindow(saved: WindowBounds, displays: readonly DisplayArea[]): WindowBounds {
  const visible = displays.some((area) => {
    const overlapX =
      Math.min(saved.x + saved.width, area.x + area.width) - Math.max(saved.x, area.x);
    const titleBarOn = saved.y >= area.y && saved.y < area.y + area.height - 40;
    return overlapX >= 100 && titleBarOn;
  });
  if (visible || displays.length === 0) return saved;
  const area = displays[0]!;
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  return {
    ...saved,
    width,
    height,
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
  };
}

/** Updates are checked only by an installed app whose user has not turned them off. */
export function shouldCheckForUpdates(options: {
  isPackaged: boolean;
  preference: boolean;
  env: Readonly<Record<string, string | undefined>>;
}): boolean {
  if (!options.isPackaged || !options.preference) return false;
  // Test runs (Playwright's _electron, CI) set one of these; never reach the network from them.
  return options.env['CI'] === undefined && options.env['SSE_INSPECTOR_NO_UPDATES'] === undefined;
}
