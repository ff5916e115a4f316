/**
 * The commands a user runs often, declared once: the renderer binds their keys and lists them
 * in the keyboard shortcuts sheet, the desktop menu shows the same accelerators and sends the
 * same command ids to the window. `keys` is Electron's accelerator syntax (`CmdOrCtrl` is ⌘ on
 * macOS, Ctrl elsewhere); the renderer matches key events against it.
 */
export const appCommands = [
  { id: 'focus-url', label: 'Focus the URL', keys: 'CmdOrCtrl+L', menu: 'Connection' },
  { id: 'connect', label: 'Connect', keys: 'CmdOrCtrl+Enter', menu: 'Connection' },
  { id: 'disconnect', label: 'Disconnect', keys: 'CmdOrCtrl+Shift+D', menu: 'Connection' },
  { id: 'reconnect', label: 'Reconnect now', keys: 'CmdOrCtrl+Shift+Enter', menu: 'Connection' },
  { id: 'drop', label: 'Drop the connection', keys: 'CmdOrCtrl+Shift+X', menu: 'Connection' },
  {
    id: 'next-connection',
    label: 'Next connection',
    keys: 'CmdOrCtrl+Alt+Down',
    menu: 'Connection',
  },
  {
    id: 'previous-connection',
    label: 'Previous connection',
    keys: 'CmdOrCtrl+Alt+Up',
    menu: 'Connection',
  },
  { id: 'search', label: 'Search the timeline', keys: 'CmdOrCtrl+F', menu: 'View' },
  { id: 'export', label: 'Export the session…', keys: 'CmdOrCtrl+E', menu: 'File' },
  { id: 'shortcuts', label: 'Keyboard shortcuts', keys: 'CmdOrCtrl+/', menu: 'Help' },
] as const satisfies ReadonlyArray<{
  id: string;
  label: string;
  keys: string;
  menu: 'File' | 'Connection' | 'View' | 'Help';
}>;

export type AppCommand = (typeof appCommands)[number];
export type AppCommandId = AppCommand['id'];

/** The parts of an accelerator, with `CmdOrCtrl` resolved for the platform. */
export interface KeyChord {
  key: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

export function parseAccelerator(keys: string, isMac: boolean): KeyChord {
  const parts = keys.split('+');
  const key = parts.pop() ?? '';
  const chord: KeyChord = { key, ctrl: false, meta: false, shift: false, alt: false };
  for (const part of parts) {
    if (part === 'CmdOrCtrl') chord[isMac ? 'meta' : 'ctrl'] = true;
    else if (part === 'Ctrl') chord.ctrl = true;
    else if (part === 'Cmd') chord.meta = true;
    else if (part === 'Shift') chord.shift = true;
    else if (part === 'Alt') chord.alt = true;
  }
  return chord;
}

/** How a chord reads on screen: `⌘⇧D` on macOS, `Ctrl+Shift+D` elsewhere. */
export function describeAccelerator(keys: string, isMac: boolean): string {
  const chord = parseAccelerator(keys, isMac);
  const names: Record<string, string> = { Down: '↓', Up: '↑', Enter: isMac ? '↩' : 'Enter' };
  const key = names[chord.key] ?? chord.key;
  if (isMac) {
    return `${chord.ctrl ? '⌃' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.meta ? '⌘' : ''}${key}`;
  }
  return [chord.ctrl && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', key]
    .filter(Boolean)
    .join('+');
}

/** The key names a KeyboardEvent reports for an accelerator's key (`ArrowDown` for `Down`). */
const eventKeys: Record<string, string> = { Down: 'ArrowDown', Up: 'ArrowUp' };

/** The command a key event runs, if any. */
export function commandForKey(
  event: {
    key: string;
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
  },
  isMac: boolean,
): AppCommandId | null {
  for (const command of appCommands) {
    const chord = parseAccelerator(command.keys, isMac);
    const key = eventKeys[chord.key] ?? chord.key;
    if (
      event.key.toLowerCase() === key.toLowerCase() &&
      event.ctrlKey === chord.ctrl &&
      event.metaKey === chord.meta &&
      event.shiftKey === chord.shift &&
      event.altKey === chord.alt
    ) {
      return command.id;
    }
  }
  return null;
}
